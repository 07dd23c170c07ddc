import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverDefaults } from '../defaults.js';
import { acquirePglite } from './pglite-instance.js';
import { pgliteTemplatePath, readPgliteTemplate, writePgliteTemplate } from './pglite-template.js';

// A cache of this file's own: the user's cache is never written by a test, and a marked template never leaks out.
let cache: string;
const before = process.env[serverDefaults.pgliteCacheEnv];
beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), 'pglite-template-test-'));
  process.env[serverDefaults.pgliteCacheEnv] = cache;
});
afterAll(async () => {
  if (before === undefined) delete process.env[serverDefaults.pgliteCacheEnv];
  else process.env[serverDefaults.pgliteCacheEnv] = before;
  await rm(cache, { recursive: true, force: true });
});

describe('in-memory PGlite databases start from the empty cluster kept in the cache', () => {
  it('keeps the cluster the first start made (owner-only), and the next start is made from what the cache holds', async () => {
    const path = pgliteTemplatePath();
    expect(path.startsWith(cache)).toBe(true);
    const first = await acquirePglite(`memory://template-test-${process.pid}-1`);
    await first.release();
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(cache)).mode & 0o777).toBe(0o700);

    // A marked cluster in the cache: a database that shows the mark was started from the cache, not by initdb.
    const { PGlite } = await import('@electric-sql/pglite');
    const marked = new PGlite('memory://template-test-marker', { loadDataDir: (await readPgliteTemplate(path))! });
    await marked.exec('CREATE TABLE started_from_the_cache (x int)');
    await writePgliteTemplate(path, await marked.dumpDataDir('gzip'));
    await marked.close();

    const next = await acquirePglite(`memory://template-test-${process.pid}-2`);
    try {
      const tables = await next.db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      expect(tables.rows.map((r) => r.tablename)).toEqual(['started_from_the_cache']);
    } finally {
      await next.release();
    }
  }, 300_000);
});
