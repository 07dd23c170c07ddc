import { describe, expect, it } from 'vitest';
import { exitCodeOf } from './run.js';

const runs = (...statuses: string[]) => statuses.map((status) => ({ status }));

describe('the exit code of run', () => {
  it('is never 0 for an inconclusive run, and a violation outranks a harness error, which outranks inconclusive', () => {
    expect(exitCodeOf(runs('passed', 'skipped'))).toBe(0);
    expect(exitCodeOf(runs('passed', 'inconclusive'))).toBe(4);
    expect(exitCodeOf(runs('inconclusive', 'error'))).toBe(3);
    expect(exitCodeOf(runs('error', 'failed', 'inconclusive'))).toBe(1);
  });
});
