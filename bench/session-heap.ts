// npx tsx bench/session-heap.ts [sessions] [--release-json-streams]: where an idle session's heap goes, reference
// server vs bare SDK server. Not a benchmark (nothing timed): each server runs in its own process, opens sessions
// like reference-vs-bare-sdk, and writes a V8 heap snapshot before and after; the diff is grouped by constructor
// and divided per session. --release-json-streams preloads release-json-streams.mjs into both servers (the SDK fix
// for typescript-sdk#2559, as an experiment). Large snapshots: NODE_OPTIONS=--max-old-space-size=6144.
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { McpInfo } from './bench-target.js';
import { openSessions } from './mcp-sessions.js';
import { ServerProcess } from './server-process.js';
import type { ServerSpec } from './server-spec.js';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size and count per group (constructor name for objects, kind for strings, code, arrays, ...). */
function groups(snap: HeapSnapshot): Map<string, { size: number; count: number }> {
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const types = snap.snapshot.meta.node_types[0];
  const out = new Map<string, { size: number; count: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const name = snap.strings[snap.nodes[i + nameAt]!]!;
    const key =
      type === 'object' ? name
      : type === 'closure' ? `(closure) ${name || 'anonymous'}`
      : type === 'string' || type === 'concatenated string' || type === 'sliced string' ? '(strings)'
      : type === 'native' ? `(native) ${name.slice(0, 60)}`
      : type === 'hidden' || type === 'array' ? `(${type}) ${name.slice(0, 60)}`
      : `(${type})`;
    const g = out.get(key) ?? { size: 0, count: 0 };
    g.size += snap.nodes[i + sizeAt]!;
    g.count++;
    out.set(key, g);
  }
  return out;
}

async function load(path: string): Promise<HeapSnapshot> {
  const snap = JSON.parse(await readFile(path, 'utf8')) as HeapSnapshot;
  await rm(path, { force: true });
  return snap;
}

async function profile(label: string, spec: ServerSpec, count: number, sim?: ServerProcess): Promise<Map<string, { size: number; count: number }>> {
  const server = await ServerProcess.start<McpInfo>(spec, ['--expose-gc', ...PRELOAD]);
  const dir = tmpdir();
  try {
    await openSessions(server, 2, sim);
    await server.gc();
    const before = await server.heapSnapshot(join(dir, `bench-${label}-before-${process.pid}.heapsnapshot`));
    const windows = await openSessions(server, count, sim);
    await server.gc();
    const stats = await server.stats();
    if (spec.kind === 'mcp-reference') process.stdout.write(`${label}: server events by type after ${count} sessions: ${JSON.stringify(await server.counters())}\n`);
    const after = await server.heapSnapshot(join(dir, `bench-${label}-after-${process.pid}.heapsnapshot`));
    await Promise.all(windows.map((w) => w.close()));
    process.stdout.write(`${label}: heapUsed ${(stats.heapUsed / 2 ** 20).toFixed(1)} MB, rss ${(stats.rss / 2 ** 20).toFixed(1)} MB\n`);
    const [a, b] = [groups(await load(before)), groups(await load(after))];
    const diff = new Map<string, { size: number; count: number }>();
    for (const [k, v] of b) {
      const w = a.get(k) ?? { size: 0, count: 0 };
      diff.set(k, { size: (v.size - w.size) / count, count: (v.count - w.count) / count });
    }
    return diff;
  } finally {
    await server.close();
  }
}

function print(label: string, diff: Map<string, { size: number; count: number }>, top = 30): void {
  const rows = [...diff].sort((x, y) => y[1].size - x[1].size);
  const total = rows.reduce((t, [, v]) => t + v.size, 0);
  process.stdout.write(`\n${label}: ${(total / 1024).toFixed(1)} KB per session in the snapshot diff; largest groups (bytes, objects per session):\n`);
  for (const [k, v] of rows.slice(0, top)) process.stdout.write(`  ${v.size.toFixed(0).padStart(7)} B  ${v.count.toFixed(1).padStart(6)}  ${k}\n`);
}

const args = process.argv.slice(2);
const PRELOAD = args.includes('--release-json-streams') ? ['--import', fileURLToPath(new URL('./release-json-streams.mjs', import.meta.url))] : [];
const count = Number(args.find((a) => !a.startsWith('-')) ?? 500);
const sim = await ServerProcess.start({ kind: 'sim', options: { timeScale: 1, userCount: count } });
try {
  const spec: ServerSpec = { kind: 'mcp-reference', issuer: sim.info.issuer, client: sim.info.client, resourceUrl: sim.info.resourceUrl!, countEvents: true };
  const ref = await profile('reference', spec, count, sim);
  const bare = await profile('bare', { kind: 'mcp-bare' }, count);
  print('reference', ref);
  print('bare SDK', bare);
  const delta = new Map([...ref].map(([k, v]) => [k, { size: v.size - (bare.get(k)?.size ?? 0), count: v.count - (bare.get(k)?.count ?? 0) }]));
  print('reference minus bare', delta, 40);
} finally {
  await sim.close();
}
