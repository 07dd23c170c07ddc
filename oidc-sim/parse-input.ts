import type { z } from 'zod';
import { InvalidOptionError } from './errors.js';

/**
 * Parses caller input with a zod schema; the first problem becomes an InvalidOptionError naming the field
 * (`endpoint[0]`, `latency.ms`), which the control API answers as HTTP 400.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)), '');
  const keys = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '';
  const field = [prefix, path || keys].filter(Boolean).join('.') || prefix || 'input';
  throw new InvalidOptionError(field, issue.message);
}
