import { DEFAULT_REPORT_DIR } from '../../reports/index.js';
import { runCommand } from './run.js';

export const startUsage = `oidc-harness start

What 'npm start' runs: the whole scenario catalogue against the embedded default world (the simulator and the
reference server, in-process), then writes ${DEFAULT_REPORT_DIR}/index.html, results.json and junit.xml.
Takes the same options as 'run'.`;

export async function startCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(startUsage);
    return 0;
  }
  const code = await runCommand(startArgs(argv));
  process.stderr.write(`open ${DEFAULT_REPORT_DIR}/index.html to see the timelines\n`);
  return code;
}

/** `start` is `run` with the report written to the default place (a --report of the caller's own wins). */
export function startArgs(argv: string[]): string[] {
  return ['--report', DEFAULT_REPORT_DIR, ...argv];
}
