import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const entry = new URL('./bin.ts', import.meta.url).pathname;
const tracer = new URL('./testing/trace-imports.mjs', import.meta.url).pathname;

/**
 * Runs the CLI from the sources (tsx, then the import tracer) and returns every module URL it resolved. With
 * `until`, the command is stopped (SIGTERM) once a stdout line matches it.
 */
async function modulesLoadedBy(args: string[], until?: RegExp): Promise<string[]> {
  const file = join(await mkdtemp(join(tmpdir(), 'harness-imports-')), 'imports.txt');
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', tracer, entry, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TRACE_IMPORTS_FILE: file, NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit');
  if (until) {
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) if (until.test(line)) break;
    child.kill('SIGTERM');
  } else {
    child.stdout.resume();
  }
  const [code, signal] = await exited;
  // A command stopped right after its ready line may die of the SIGTERM before its handler is in place; everything
  // it loaded until that line is in the file either way.
  if (!(until && signal === 'SIGTERM')) expect(code, stderr).toBe(0);
  return (await readFile(file, 'utf8')).split('\n').filter(Boolean);
}

const matching = (urls: string[], pattern: RegExp) => [...new Set(urls.filter((u) => pattern.test(u)))];
const PROVIDER_SDK_PGLITE = /\/node_modules\/(oidc-provider|@modelcontextprotocol\/sdk|@electric-sql\/pglite)\//;

describe('each command loads only its own room', () => {
  it('list and --help load neither oidc-provider, the MCP SDK nor PGlite, yet read the whole catalogue', async () => {
    const list = await modulesLoadedBy(['list']);
    expect(matching(list, /\/scenarios\/catalog\/many-clients\.ts$/)).toHaveLength(1);
    expect(matching(list, /\/scenarios\/invariants\/no-plaintext\.ts$/)).toHaveLength(1);
    expect(matching(list, PROVIDER_SDK_PGLITE)).toEqual([]);
    // undici (about 20 MB) loads with the first outgoing request, never to print a list.
    expect(matching(list, /\/node_modules\/undici\//)).toEqual([]);
    expect(matching(await modulesLoadedBy(['--help']), PROVIDER_SDK_PGLITE)).toEqual([]);
  });

  it('report loads neither oidc-provider, the MCP SDK nor PGlite', async () => {
    const report = await modulesLoadedBy(['report', '--help']);
    expect(matching(report, /\/reports\/index\.ts$/)).toHaveLength(1);
    expect(matching(report, PROVIDER_SDK_PGLITE)).toEqual([]);
  });

  it('sim starts oidc-provider but neither the MCP server nor a session store', async () => {
    const sim = await modulesLoadedBy(['sim', '--user-count', '0'], /^\{"issuer"/);
    expect(matching(sim, /\/node_modules\/oidc-provider\//).length).toBeGreaterThan(0);
    expect(matching(sim, /\/mcp-server\/|\/node_modules\/(@modelcontextprotocol\/sdk|@electric-sql\/pglite|pg)\//)).toEqual([]);
  });

  it('serve loads the MCP SDK but no database driver until a store needs one', async () => {
    const serve = await modulesLoadedBy(['serve', '--help']);
    // The tracer sees a room when one is loaded, so the absences above are not blindness.
    expect(matching(serve, /\/node_modules\/@modelcontextprotocol\/sdk\//).length).toBeGreaterThan(0);
    expect(matching(serve, /\/node_modules\/(@electric-sql\/pglite|pg|pg-pool)\//)).toEqual([]);
  });
});
