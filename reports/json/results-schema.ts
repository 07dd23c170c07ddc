import { z } from 'zod';

/**
 * The results file: `schemaVersion` plus a RunResult. HTML and JUnit are functions of this file, so a saved run can
 * be re-rendered later. Bump SCHEMA_VERSION on any change an older reader could misread; adding an optional field
 * does not need a bump.
 */
export const SCHEMA_VERSION = 1 as const;

const eventSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('window'), window: z.string() }),
  z.object({ kind: z.literal('server'), replica: z.string().optional() }),
  z.object({ kind: z.literal('sim'), endpoint: z.string() }),
  z.object({ kind: z.literal('fault') }),
  z.object({ kind: z.literal('runner') }),
]);

export const historyEventSchema = z.object({
  seq: z.number().int().nonnegative().describe('Position in the one history of a run'),
  at: z.number().nonnegative().describe('Milliseconds since the scenario started (monotonic)'),
  source: eventSource,
  type: z.string(),
  op: z.number().int().optional().describe('Ties a client call to its result'),
  user: z.string().optional(),
  sessionId: z.string().optional(),
  grantId: z.string().optional(),
  tokenHash: z.string().optional().describe('Short hash of a token; never the token'),
  parent: z.string().optional().describe('Hash of the token this one was rotated from'),
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const invariantVerdictSchema = z.object({
  invariant: z.string(),
  holds: z.boolean().describe('true only when judged and held'),
  outcome: z.enum(['held', 'violated', 'inconclusive']).optional().describe('absent in older files: holds ? held : violated'),
  message: z.string().optional(),
  witness: z.array(z.number().int()).describe('seq numbers of the events that show the violation'),
  story: z
    .array(z.object({ seq: z.number().int(), at: z.number().nonnegative(), text: z.string() }))
    .optional()
    .describe('The witness told in words: one sentence per witness event, in history order'),
});

export const scenarioResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  seeds: z.array(z.string()),
  tags: z.array(z.string()),
  seed: z.number().int(),
  flaws: z.array(z.string()),
  status: z.enum(['passed', 'failed', 'inconclusive', 'skipped', 'error']),
  durationMs: z.number().nonnegative(),
  verdicts: z.array(invariantVerdictSchema),
  error: z.object({ message: z.string(), causes: z.array(z.string()).optional() }).optional(),
  interleaving: z.string().optional().describe('fingerprint of the order windows, token endpoint and gates acted in'),
  reason: z.string().optional().describe('why the scenario is inconclusive or skipped'),
  targetLog: z.array(z.string()).optional().describe("external target's last output lines, secrets redacted"),
  history: z.array(historyEventSchema),
  replay: z.string(),
});

export const flawMatrixSchema = z.object({
  flaws: z.array(z.string()),
  scenarios: z.array(z.string()),
  cells: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  falseAlarms: z.array(z.string()),
});

const failureKeySchema = z.object({ scenario: z.string(), invariant: z.string(), flaw: z.string(), target: z.string(), reason: z.string().optional() });

export const baselineEntrySchema = z.strictObject({
  scenario: z.string().min(1),
  invariant: z.string().min(1).optional(),
  flaw: z.string().optional(),
  target: z.string().min(1).optional(),
  reason: z.string().optional(),
});

export const baselineComparisonSchema = z.object({
  source: z.string(),
  known: z.array(failureKeySchema),
  new: z.array(failureKeySchema),
  fixed: z.array(baselineEntrySchema),
});

const shardSchema = z.object({ index: z.number().int().positive(), total: z.number().int().positive() });

export const runResultSchema = z.object({
  startedAt: z.string(),
  durationMs: z.number().nonnegative(),
  seed: z.number().int(),
  repeat: z.number().int().nonnegative(),
  target: z.string(),
  scenarios: z.array(scenarioResultSchema),
  matrix: flawMatrixSchema.optional(),
  machine: z.object({ node: z.string(), platform: z.string(), cpus: z.number() }).optional(),
  baseline: baselineComparisonSchema.optional(),
  shard: shardSchema.optional().describe('the part of a split run this file holds (run --shard i/n)'),
  merged: z.object({ files: z.number().int().positive(), shards: z.array(shardSchema) }).optional().describe('a run merged from several results files (report --merge)'),
});

// schemaVersion comes first in the file, so a reader (or a person) sees it before anything else.
export const resultsFileSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  ...runResultSchema.shape,
});

export type ResultsFile = z.infer<typeof resultsFileSchema>;

/** The results file as JSON Schema, for readers in other languages (generated from the zod schema, never by hand). */
export function resultsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(resultsFileSchema) as Record<string, unknown>;
}
