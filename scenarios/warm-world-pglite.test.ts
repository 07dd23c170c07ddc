import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeWorldPglite, PG_URL_ENV, warmWorldPglite } from './reference-replicas.js';
import { resolveTarget } from './targets.js';
import { catalogue } from './catalog/index.js';

const saved = process.env[PG_URL_ENV];
afterAll(() => closeWorldPglite());
afterEach(() => {
  if (saved === undefined) delete process.env[PG_URL_ENV];
  else process.env[PG_URL_ENV] = saved;
});

// $HARNESS_PG_URL is set (to nowhere: nothing connects to it) so that 'persistent' means PostgreSQL; only a world
// that names PGlite itself starts the process's one embedded database here.
describe("a run's worlds' database, started before the first world", () => {
  it('is started for a world of the reference server on PGlite, persistent or named, and for no other world', () => {
    process.env[PG_URL_ENV] = 'postgres://nobody@127.0.0.1:1/none';
    expect(warmWorldPglite([{ replicas: 2, store: 'pglite' }])).toBe(true);
    expect(warmWorldPglite([{ replicas: 2, store: 'persistent' }, { store: 'persistent' }])).toBe(false);
    expect(warmWorldPglite([undefined, {}, { store: 'memory' }, { replicas: 2, store: 'memory' }])).toBe(false);
    expect(warmWorldPglite([{ resourceMode: true }])).toBe(false);
  });

  it("is started for the catalogue on the embedded store (its restart and replica worlds), and only by the reference server's target", async () => {
    process.env[PG_URL_ENV] = 'postgres://nobody@127.0.0.1:1/none';
    const persistent = catalogue.filter((s) => s.world?.server?.store === 'persistent');
    expect(persistent.map((s) => s.id)).toEqual(expect.arrayContaining(['server-restart-mid-session', 'replicas-aligned-refresh']));
    // With PostgreSQL at hand the same worlds go there: no PGlite.
    expect(warmWorldPglite(catalogue.map((s) => s.world?.server))).toBe(false);
    const reference = await resolveTarget({ flaws: [] });
    const external = await resolveTarget({ flaws: [], serverCmd: 'true' });
    expect(reference.prepare).toBeTypeOf('function');
    expect(external.prepare).toBeUndefined();
  });
});
