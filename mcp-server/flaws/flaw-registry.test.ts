import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, createMcpSessionServer, flawNames, flawRegistry } from '../index.js';

const base = { issuer: 'http://127.0.0.1:9', clientId: 'c', resourceUrl: 'http://127.0.0.1:9/api', heartbeat: { timer: false } };

describe('flaw registry', () => {
  it("lists exactly the flaws of DESIGN.md's switchboard table, each with its seed", () => {
    // DESIGN.md, "The flaw switchboard", transcribed: the registry must neither lose nor invent one.
    const design = {
      'global-active-session': '001 #9',
      'unlocked-refresh': '001 #1',
      'no-revoke-on-logout': '001 #7',
      'heartbeat-after-logout': '001 #4',
      'no-failure-cleanup': '001 #14',
      'tight-heartbeat': '001 #5',
      'torn-token-update': '001 #6',
      'activation-race': '001 #3',
      'non-idempotent-logout': '001 #15',
      'overlapping-heartbeat': '001 #11',
      'close-deletes-tokens': '000',
      'unvalidated-tokens': '001 #17',
      // Issue 7 (persistent store and replicas) adds two beyond DESIGN.md's first table.
      'replica-unlocked-refresh': '003, 001 #1',
      'blind-delete': '003, 001 #14',
    };
    expect(Object.fromEntries(flawNames.map((n) => [n, flawRegistry[n].seed]))).toEqual(design);
  });

  it("names the file of every flaw's strategy, and the switchboard builds it from that file", () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const composer = readFileSync(join(root, 'mcp-server/flaws/compose-strategies.ts'), 'utf8');
    for (const name of flawNames) {
      const file = flawRegistry[name].file;
      expect(existsSync(join(root, file)), `${name}: ${file}`).toBe(true);
      expect(composer, `${name}: compose-strategies.ts imports ${file}`).toContain(`/${basename(file, '.ts')}.js'`);
    }
  });

  it('swaps a different composition point for every flaw', () => {
    const points = flawNames.map((n) => flawRegistry[n].point);
    expect(new Set(points).size).toBe(flawNames.length);
  });

  it('refuses an unknown flaw naming every valid one', async () => {
    const attempt = createMcpSessionServer({ ...base, flaws: ['unlocked-refresh', 'no-such-flaw'] });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(`unknown flaw 'no-such-flaw'; valid: ${flawNames.join(', ')}`);
  });

  it('starts with every flaw at once', async () => {
    const server = await createMcpSessionServer({ ...base, flaws: [...flawNames] });
    expect([...server.flaws].sort()).toEqual([...flawNames].sort());
    await server.close();
  });
});
