import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tracer = fileURLToPath(new URL('./testing/trace-imports.mjs', import.meta.url));
let out: string;
let scratch: string;

/** Runs `node [args]`; resolves with its exit code and output. */
async function node(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stdout, stderr };
}

// The bundle the package ships (scripts/bundle-cli.mjs, what `npm run build` runs), made fresh into a folder of the
// repository so its external packages resolve from node_modules as they do from dist/cli/.
beforeAll(async () => {
  await mkdir(join(root, '.tmp'), { recursive: true });
  out = await mkdtemp(join(root, '.tmp', 'bundled-cli-'));
  scratch = await mkdtemp(join(tmpdir(), 'bundled-cli-'));
  const built = await node(['scripts/bundle-cli.mjs', out]);
  expect(built.code, built.stderr).toBe(0);
});

afterAll(async () => {
  await Promise.all([out && rm(out, { recursive: true, force: true }), scratch && rm(scratch, { recursive: true, force: true })]);
});

describe('the bundled CLI', () => {
  it('starts a simulator whose provider answers discovery, with no provider warning on stderr', async () => {
    const child = spawn(process.execPath, [join(out, 'bin.js'), 'sim', '--user-count', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = once(child, 'exit');
    const line = await Promise.race([
      once(createInterface({ input: child.stdout }), 'line').then(([l]) => l as string),
      exited.then(([code]) => Promise.reject(new Error(`bundled sim exited ${code}: ${stderr}`))),
    ]);
    try {
      const info = JSON.parse(line) as { issuer: string; metadataUrl: string };
      const res = await fetch(info.metadataUrl);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { issuer: string }).issuer).toBe(info.issuer);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    // quiet-warnings.ts must still run before oidc-provider's own module code once both share a chunk.
    expect(stderr).not.toMatch(/oidc-provider WARNING/);
  });

  it('list loads no chunk that carries oidc-provider, the MCP SDK or PGlite', async () => {
    const file = join(scratch, 'imports.txt');
    const list = await node(['--import', tracer, join(out, 'bin.js'), 'list'], { TRACE_IMPORTS_FILE: file });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/heartbeat-and-tool-call-race/);
    const chunks = [...new Set((await readFile(file, 'utf8')).split('\n').filter((u) => u.startsWith(`file://${out}/`)))];
    expect(chunks.length).toBeGreaterThan(1);
    // esbuild heads each bundled module with a `// path` comment; PGlite stays an import of node_modules.
    const signs = { 'oidc-provider': /^\/\/ .*node_modules\/oidc-provider\//m, 'MCP SDK': /^\/\/ .*node_modules\/@modelcontextprotocol\/sdk\//m, PGlite: /["']@electric-sql\/pglite["']/ };
    const carried = async (files: string[]) => {
      const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
      return Object.entries(signs)
        .filter(([, sign]) => texts.some((t) => sign.test(t)))
        .map(([name]) => name);
    };
    expect(await carried(chunks.map((u) => fileURLToPath(u)))).toEqual([]);
    // The same check finds all three in the bundle as a whole, so its silence above means something.
    const all = (await readdir(out)).filter((f) => f.endsWith('.js')).map((f) => join(out, f));
    expect(await carried(all)).toEqual(Object.keys(signs));
  });

  it('prints stack traces that name the TypeScript source', async () => {
    // A preload that records a stack from inside the bundled `list` command (its first console.log).
    const probe = join(scratch, 'stack-probe.mjs');
    await writeFile(probe, "const log = console.log; let done = false; console.log = (...a) => { if (!done) { done = true; process.stderr.write(`PROBE ${new Error('probe').stack}\\n`); } return log(...a); };\n");
    const list = await node(['--import', probe, join(out, 'bin.js'), 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toMatch(/PROBE Error: probe/);
    expect(list.stderr).toMatch(/scenarios\/commands\/list\.ts:\d+:\d+/);
  });
});
