import { UsageError } from '../usage-error.js';

/** `--mode M` of run, matrix and list: whether it asks for the resource-server mode, and the other arguments. */
export function modeArgs(argv: string[]): { resource: boolean; rest: string[] } {
  const mode = modeOf(argv);
  if (mode.name !== undefined && mode.name !== 'custodian' && mode.name !== 'resource-server') throw new UsageError(`--mode: expected custodian (default) or resource-server, got '${mode.name}'`);
  return { resource: mode.name === 'resource-server', rest: mode.rest };
}

/** `--mode M` (issue 16): `custodian` (default, the seeds' servers) or `resource-server` (MCP authorization spec). */
function modeOf(argv: string[]): { name: string | undefined; rest: string[] } {
  const i = argv.findIndex((a) => a === '--mode' || a.startsWith('--mode='));
  if (i < 0) return { name: undefined, rest: argv };
  const inline = argv[i]!.startsWith('--mode=');
  const name = inline ? argv[i]!.slice('--mode='.length) : argv[i + 1];
  return { name, rest: [...argv.slice(0, i), ...argv.slice(i + (inline ? 1 : 2))] };
}
