import type { RunResult } from '../../scenarios/result-types.js';
import { sampleRun } from './sample-run.js';

/** Markup and XML breakers in every string a run carries: names, messages, details. Reports must show them as text. */
export const HOSTILE = `<img src=x onerror="alert(1)"></script><script>alert(2)</script>]]>&amp;'"\u0001`;

export function hostileRun(): RunResult {
  const run = sampleRun();
  const [failed, ...rest] = run.scenarios;
  return {
    ...run,
    target: HOSTILE,
    scenarios: [
      {
        ...failed!,
        title: HOSTILE,
        flaws: [HOSTILE],
        verdicts: failed!.verdicts.map((v) => (v.holds ? v : { ...v, message: HOSTILE })),
        history: failed!.history.map((e) =>
          e.source.kind === 'window' && e.source.window === 'w2'
            ? { ...e, source: { kind: 'window', window: HOSTILE }, user: HOSTILE, detail: { note: HOSTILE } }
            : e,
        ),
        replay: `npx oidc-harness run '${HOSTILE}'`,
      },
      ...rest,
    ],
  };
}
