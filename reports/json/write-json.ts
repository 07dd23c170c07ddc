import type { RunResult } from '../../scenarios/result-types.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { renderJson } from './to-results-file.js';

export async function writeJson(run: RunResult, path: string): Promise<void> {
  await writeFileAtomic(path, renderJson(run));
}
