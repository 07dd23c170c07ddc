// npm run bench [-- --quick] [name ...]: runs the benchmarks, prints the table, writes bench/results.json.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './benchmark.js';
import { benchmarks } from './benchmarks.js';
import { machineInfo } from './machine.js';
import { benchSettings } from './settings.js';
import { formatTable } from './table.js';

// The SDK's Streamable HTTP client hands undici one AbortSignal per session; undici adds a listener per request
// and drops it only when the request is collected, so thousands of calls on one session trip Node's leak warning
// in this (load generator) process. Only that warning is dropped; servers' processes keep theirs.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name === 'MaxListenersExceededWarning' && /abort listeners added to \[AbortSignal\]/.test(w.message)) return;
  process.stderr.write(`${w.name}: ${w.message}\n`);
});

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

async function writeResults(run: Record<string, unknown>): Promise<void> {
  await writeFile(RESULTS, `${JSON.stringify(run, null, 2)}\n`);
}

function usage(): string {
  return `usage: npm run bench -- [--quick] [name ...]\nbenchmarks: ${benchmarks.map((b) => b.name).join(', ')}`;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const unknownFlag = argv.find((a) => a.startsWith('-') && a !== '--quick');
  const names = argv.filter((a) => !a.startsWith('-'));
  const unknownName = names.find((n) => !benchmarks.some((b) => b.name === n));
  if (unknownFlag || unknownName) {
    process.stderr.write(`bench: unknown ${unknownFlag ? `option ${unknownFlag}` : `benchmark ${unknownName}`}\n${usage()}\n`);
    return 2;
  }
  const settings = benchSettings(argv.includes('--quick'));
  const selected = names.length ? benchmarks.filter((b) => names.includes(b.name)) : benchmarks;
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const results: BenchResult[] = [];
  for (const bench of selected) {
    const progress = (message: string) => process.stderr.write(`[bench ${bench.name}] ${message}\n`);
    progress('start');
    const result: BenchResult = { name: bench.name, title: bench.title, ...(await bench.run({ settings, progress })) };
    results.push(result);
    // A long full run keeps what it has measured so far: each finished benchmark's table goes to stderr and the
    // results file is rewritten (marked unfinished), so an interrupted run loses only the benchmark it was in.
    process.stderr.write(`${formatTable([result])}\n`);
    await writeResults({ startedAt, seconds: (performance.now() - started) / 1000, machine: machineInfo(), settings, unfinished: selected.length - results.length, results });
  }
  const seconds = (performance.now() - started) / 1000;
  const machine = machineInfo();
  process.stdout.write(`${formatTable(results)}\n\n${settings.quick ? 'quick run' : 'full run'}: ${settings.rounds} rounds, ${seconds.toFixed(0)} s on ${machine.cpus}× ${machine.cpuModel}, node ${machine.node}, ${machine.os}\n`);
  await writeResults({ startedAt, seconds, machine, settings, results });
  process.stderr.write(`[bench] wrote ${RESULTS}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
