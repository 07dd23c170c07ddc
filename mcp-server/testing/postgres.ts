import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

/** The real PostgreSQL the tests use: `.ci/run` starts one and exports this; locally, set it yourself. */
export const PG_URL_ENV = 'HARNESS_PG_URL';
export const pgUrl = process.env[PG_URL_ENV];

const howToEnable = `set ${PG_URL_ENV}=postgres://USER:PASS@127.0.0.1:5432/DB (a database the user may create schemas in; .ci/run sets one up) to run them`;
let warned = false;

/**
 * `describe` for tests against real PostgreSQL. Without ${PG_URL_ENV} they are skipped, saying so and how to enable
 * them; under CI=true they are never skipped: a missing database fails the run.
 */
export function describePostgres(name: string, body: (url: string) => void): void {
  if (pgUrl) {
    describe(`${name} (real PostgreSQL)`, () => body(pgUrl));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () =>
      it(`needs real PostgreSQL under CI: ${howToEnable}`, () => {
        throw new Error(`${PG_URL_ENV} is not set; CI never skips the PostgreSQL tests (${howToEnable})`);
      }),
    );
    return;
  }
  if (!warned) {
    warned = true;
    process.stderr.write(`[oidc-session-harness] skipping PostgreSQL tests: ${howToEnable}\n`);
  }
  describe.skip(`${name} (real PostgreSQL: skipped; ${howToEnable})`, () => body(''));
}

/** A schema of its own per test, so parallel test files share one database without meeting; dropped after. */
export function freshSchema(): { schema: string; drop(): Promise<void> } {
  const schema = `harness_test_${randomBytes(6).toString('hex')}`;
  return {
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
