import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { flawNames, toolNames } from '../mcp-server/index.js';
import { createOidcSim, simDefaults, type OidcSim } from '../oidc-sim/index.js';
import { catalogue } from './catalog/index.js';
import { usage } from './cli.js';
import { invariantNames } from './invariants/index.js';
import { Window } from './window.js';
import { World } from './world.js';

// The README is held to the code: its example is a real file, its tables name what exists with the defaults that
// apply. A README that drifts fails here, naming what it says and what the code has.
const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(`${root}README.md`, 'utf8');

/** The text of a `## title` section, up to the next heading of the same or a higher level. */
function section(title: string): string {
  const start = readme.indexOf(`${title}\n`);
  if (start < 0) throw new Error(`README has no section '${title}'`);
  const level = title.match(/^#+/)![0].length;
  const rest = readme.slice(start + title.length + 1);
  const next = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return next < 0 ? rest : rest.slice(0, next);
}

/** Rows of the first markdown table in `text`, as arrays of trimmed cells (header and rule rows dropped). */
function tableRows(text: string): string[][] {
  const lines = text.split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((l) => l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
}

const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('the README', () => {
  const sims: OidcSim[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });

  it('shows a catalogue scenario exactly as its file has it, so the example compiles and runs as shown', () => {
    const blocks = [...section('## Writing a scenario').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    const [first, ...code] = blocks[0]!.split('\n');
    const path = /^\/\/ (scenarios\/catalog\/[\w-]+\.ts)$/.exec(first!)?.[1];
    expect(path, 'the example names its file on its first line').toBeDefined();
    expect(code.join('\n')).toBe(readFileSync(`${root}${path}`, 'utf8'));
    const id = /id: '([\w-]+)'/.exec(code.join('\n'))![1];
    expect(catalogue.map((s) => s.id)).toContain(id);
  });

  it('names only window, world and simulator members that exist', async () => {
    const text = section('## Writing a scenario').split('```').at(-1)!;
    const windows = ticked(/windows \(([^)]*)\)/.exec(text)![1]!);
    expect(windows.length).toBeGreaterThan(5);
    for (const name of windows) expect(typeof (Window.prototype as unknown as Record<string, unknown>)[name], `window.${name}`).toBe('function');
    const worldCalls = [...text.matchAll(/`world\.(?!sim\.)(\w+)\(/g)].map((m) => m[1]!);
    expect(worldCalls.length).toBeGreaterThan(4);
    for (const name of worldCalls) expect(typeof Object.getOwnPropertyDescriptor(World.prototype, name)?.value, `world.${name}`).toBe('function');
    const sim = await createOidcSim({ userCount: 0 });
    sims.push(sim);
    const simCalls = [...text.matchAll(/`world\.sim\.([\w.]+)\(/g)].map((m) => m[1]!);
    expect(simCalls.length).toBeGreaterThan(4);
    for (const path of simCalls) {
      const member = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], sim);
      expect(typeof member, `world.sim.${path}`).toBe('function');
    }
  });

  it("lists the simulator's options with the defaults in oidc-sim/defaults.ts", () => {
    const rows = tableRows(section('### Configuration'));
    expect(rows.length).toBeGreaterThan(8);
    const defaults = simDefaults as unknown as Record<string, unknown>;
    const shown = (v: unknown): string => (Array.isArray(v) ? (v.length ? v.join(',') : 'none') : v === '' || v === undefined ? 'none' : String(v));
    for (const [names, documented] of rows) {
      const keys = ticked(names!);
      for (const key of keys) expect(Object.keys(simDefaults), `README option ${key}`).toContain(key);
      if (keys[0] === 'lifetimes') {
        // "access 10 s, refresh 30 s, id 10 s"
        for (const [, kind, seconds] of documented!.matchAll(/(\w+) (\d+) s/g)) expect(simDefaults.lifetimes[`${kind}Token` as keyof typeof simDefaults.lifetimes], `lifetimes.${kind}Token`).toBe(Number(seconds));
        continue;
      }
      // "`alice,bob`, 4, 1": defaults are separated by a comma and a space; a list default is written `a,b`.
      const values = documented!.split(/,\s+/).map((v) => v.replaceAll('`', ''));
      // One default per option, or one shared cell ("none") for several.
      const expected = keys.length === values.length ? values : keys.map(() => documented!.replaceAll('`', ''));
      keys.forEach((key, i) => expect(expected[i], `default of ${key}`).toBe(shown(defaults[key])));
    }
  });

  it('names every CLI command, catalogue scenario, invariant, flaw and target tool there is, and no other', () => {
    const commands = [...usage().matchAll(/^ {2}(\w+) {2,}/gm)].map((m) => m[1]!);
    const documentedCommands = new Set(tableRows(section('### Verdicts')).map(([cell]) => /^`oidc-harness (\w+)/.exec(cell!)?.[1]));
    expect([...documentedCommands].sort()).toEqual([...commands].sort());

    expect(tableRows(section('### The catalogue')).map(([cell]) => ticked(cell!)[0]).sort()).toEqual(catalogue.map((s) => s.id).sort());

    const catalogueText = section('### The catalogue');
    const listedInvariants = ticked(/^Invariants, decided[\s\S]*?\n\n/m.exec(catalogueText)![0]).filter((i) => !i.startsWith('oidc-harness'));
    expect(listedInvariants.sort()).toEqual([...invariantNames].sort());
    const listedFlaws = ticked(/^The flaw switchboard[\s\S]*?`oidc-harness matrix`/m.exec(catalogueText)![0]).filter((f) => !f.startsWith('--') && !f.startsWith('oidc-harness'));
    expect(listedFlaws.sort()).toEqual([...flawNames].sort());

    const tools = tableRows(section('### The target contract')).map(([cell]) => ticked(cell!)[0]);
    expect([...tools].sort()).toEqual([...toolNames].sort());
  });
});
