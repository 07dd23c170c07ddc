import type { FlawMatrix, InvariantVerdict, ScenarioResult } from '../../scenarios/result-types.js';
import { redactText } from '../redact-secrets.js';
import type { Reporter } from '../reporter.js';
import { storyOf } from '../story/witness-story.js';
import { storyLines } from '../story/story-lines.js';

export interface GithubReporterOptions {
  /** Where each workflow command line goes; default stdout, where the Actions runner reads them. */
  write?: (line: string) => void;
}

/**
 * GitHub Actions workflow annotations (`::error title=…::…`), one per violated invariant and per harness error, and a
 * `::warning` per inconclusive scenario (never green, but not a violation either), so a failed race shows on the
 * run's summary page with its witness story and replay line, without opening the log.
 */
export function githubReporter(options: GithubReporterOptions = {}): Reporter {
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  return {
    onScenarioEnd(result) {
      for (const line of annotationsOf(result)) write(line);
    },
    // `matrix` reports only its end: a flaw no scenario caught, or a scenario failing on the clean server.
    onRunEnd(run) {
      if (run.matrix) for (const line of matrixAnnotations(run.matrix)) write(line);
    },
  };
}

export function matrixAnnotations(m: FlawMatrix): string[] {
  const uncaught = m.flaws.filter((f) => !Object.values(m.cells[f] ?? {}).some((invariants) => invariants.length > 0));
  return [
    ...uncaught.map((f) => command('error', `oidc-harness: flaw ${f} caught by no scenario`, [`no scenario of the matrix failed with ${f} switched on`])),
    ...m.falseAlarms.map((s) => command('error', `oidc-harness: false alarm in ${s}`, [`${s} failed against the clean reference server`])),
  ];
}

/** The workflow commands for one scenario run (none when it passed or was skipped). */
export function annotationsOf(r: ScenarioResult): string[] {
  const where = `${r.id} (seed ${r.seed}${r.flaws.length ? `, flaw ${r.flaws.join('+')}` : ''})`;
  if (r.status === 'failed') {
    return r.verdicts
      .filter((v) => v.outcome === 'violated' || (v.outcome === undefined && !v.holds))
      .map((v: InvariantVerdict) => command('error', `oidc-harness: ${v.invariant} violated in ${where}`, [v.message ?? '', ...storyLines(storyOf(r, v)), `replay: ${r.replay}`]));
  }
  if (r.status === 'error') {
    return [command('error', `oidc-harness: harness error in ${where}`, [r.error?.message ?? 'unknown error', ...(r.error?.causes ?? []).map((c) => `caused by ${c}`), `replay: ${r.replay}`])];
  }
  if (r.status === 'inconclusive') return [command('warning', `oidc-harness: ${where} inconclusive`, [r.reason ?? 'an invariant could not judge', `replay: ${r.replay}`])];
  return [];
}

function command(kind: 'error' | 'warning', title: string, lines: string[]): string {
  return `::${kind} title=${escapeProperty(title)}::${escapeData(redactText(lines.filter(Boolean).join('\n')))}`;
}

// The escaping @actions/core applies: a newline would end the command, a ':' or ',' a property.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
