import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resourceFlawNames, resourceFlawRegistry } from '../index.js';

describe('resource flaw registry', () => {
  it("lists the five bug classes of issue 16's switchboard", () => {
    expect([...resourceFlawNames].sort()).toEqual(['data-cache-keyed-wrong', 'no-audience-check', 'session-not-bound-to-user', 'token-passthrough', 'validation-cache-outlives-revocation']);
  });

  it("names the file of every flaw's strategy, and the resource switchboard builds it from that file", () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const composer = readFileSync(join(root, 'mcp-server/flaws/compose-resource-strategies.ts'), 'utf8');
    for (const name of resourceFlawNames) {
      const file = resourceFlawRegistry[name].file;
      expect(existsSync(join(root, file)), `${name}: ${file}`).toBe(true);
      expect(composer, `${name}: compose-resource-strategies.ts imports ${file}`).toContain(`/${basename(file, '.ts')}.js'`);
    }
  });

  it('swaps a different composition point for every flaw', () => {
    expect(new Set(resourceFlawNames.map((n) => resourceFlawRegistry[n].point)).size).toBe(resourceFlawNames.length);
  });
});
