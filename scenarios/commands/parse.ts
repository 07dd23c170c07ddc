import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
/** Named so the compiled declarations can spell it (node:util does not export its option types). */
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: { help: { type: 'boolean'; short: 'h' } } & O; allowPositionals: boolean; strict: true }>>;

/** node:util parseArgs with errors turned into UsageError (exit 2) instead of a stack trace. */
export function parse<O extends Options>(argv: string[], options: O, allowPositionals = false): Parsed<O> {
  try {
    return parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function intOption(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min}, got '${value}'`);
  return n;
}

export function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number, got '${value}'`);
  return n;
}

/** The options `run` and `matrix` share. */
export const runOptions = {
  seed: { type: 'string' },
  repeat: { type: 'string' },
  flaw: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  report: { type: 'string' },
  reporter: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
} as const satisfies Options;
