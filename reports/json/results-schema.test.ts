import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { RunResult } from '../../scenarios/result-types.js';
import { resultsFileSchema, resultsJsonSchema, runResultSchema } from './results-schema.js';
import { sampleRun } from '../testing/sample-run.js';

describe('results schema', () => {
  it('describes exactly the RunResult type, so a saved run reads back without losing a field', () => {
    // If this stops compiling, scenarios/result-types.ts changed: add the field to the schema too.
    expectTypeOf<z.infer<typeof runResultSchema>>().toEqualTypeOf<RunResult>();
  });

  it('accepts a sample run with its schema version', () => {
    expect(resultsFileSchema.safeParse({ schemaVersion: 1, ...sampleRun() }).success).toBe(true);
  });

  it('exports as JSON Schema for people who read results files from other languages', () => {
    const jsonSchema = resultsJsonSchema() as { required?: string[] };
    expect(jsonSchema.required).toContain('schemaVersion');
  });
});
