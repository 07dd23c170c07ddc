import type { z } from 'zod';

const MAX_PROBLEMS = 10;

/** Turns zod issues into one line each that names the field the way a person would type it: `scenarios[2].seed`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.slice(0, MAX_PROBLEMS).map((issue) => `${fieldPath(issue.path) || '(root)'}: ${issue.message}`);
  if (issues.length > MAX_PROBLEMS) lines.push(`... and ${issues.length - MAX_PROBLEMS} more`);
  return lines;
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
