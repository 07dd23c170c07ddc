import { comparisonLines, compareWithBaseline, isKnownFailure, redactText, storyLines, storyOf, type Baseline, type Reporter } from '../reports/index.js';

const emptyRun = { startedAt: '', durationMs: 0, seed: 0, repeat: 1 };
const useColour = () => !process.env.NO_COLOR && process.stderr.isTTY;
const paint = (code: number, s: string) => (useColour() ? `\x1b[${code}m${s}\x1b[0m` : s);

const MARKS: Record<string, () => string> = {
  passed: () => paint(32, 'pass'),
  failed: () => paint(31, 'FAIL'),
  inconclusive: () => paint(35, 'INCONCLUSIVE'),
  skipped: () => paint(90, 'skip'),
  error: () => paint(33, 'ERROR'),
};

/**
 * One progress line per scenario on stderr; failures print the invariant, its witness story and the replay command.
 * With a baseline, a failure it lists is marked `known` and the run ends with what is new, known and fixed.
 */
export function consoleReporter({
  write = (l: string) => process.stderr.write(`${l}\n`),
  quietPasses = false,
  baseline,
}: { write?: (line: string) => void; quietPasses?: boolean; baseline?: Baseline } = {}): Reporter {
  let done = 0;
  let total = 0;
  let target = '';
  return {
    onRunStart(info) {
      total = info.planned ?? 0;
      target = info.target;
      write(`running ${total} scenario run(s) against ${info.target}, seed ${info.seed}`);
    },
    onScenarioEnd(r) {
      done++;
      const known = baseline !== undefined && isKnownFailure(compareWithBaseline(baseline, { ...emptyRun, target, scenarios: [r] }), r, target);
      const mark = known ? paint(33, 'known') : MARKS[r.status]();
      const flaws = r.flaws.length ? `, flaw ${r.flaws.join('+')}` : '';
      if (quietPasses && r.status === 'passed') return;
      write(`[${done}/${total}] ${mark} ${r.id} (seed ${r.seed}${flaws}, ${Math.round(r.durationMs)} ms)`);
      if (r.status === 'skipped') return write(`    skipped: ${r.reason}`);
      for (const v of r.verdicts.filter((v) => !v.holds)) {
        const kind = v.outcome === 'inconclusive' ? 'inconclusive, ' : '';
        write(`    ${v.invariant}: ${kind}${v.message}${v.witness.length ? ` (witness events ${v.witness.join(', ')})` : ''}`);
        for (const line of storyLines(storyOf(r, v))) write(`      ${redactText(line)}`);
      }
      if (r.error) write(`    harness error: ${r.error.message}${(r.error.causes ?? []).map((c) => `\n      caused by ${c}`).join('')}`);
      if (r.status === 'error' && r.targetLog?.length) write(`    target output (last lines):\n${r.targetLog.slice(-5).map((l) => `      ${redactText(l)}`).join('\n')}`);
      if (r.status !== 'passed') write(`    replay: ${r.replay}`);
    },
    onRunEnd(run) {
      const n = (status: string) => run.scenarios.filter((s) => s.status === status).length;
      write(`${n('passed')} passed, ${n('failed')} failed, ${n('inconclusive')} inconclusive, ${n('skipped')} skipped, ${n('error')} harness errors in ${(run.durationMs / 1000).toFixed(1)} s`);
      const comparison = run.baseline ?? (baseline && compareWithBaseline(baseline, run));
      if (comparison) for (const line of comparisonLines(comparison)) write(line);
    },
  };
}
