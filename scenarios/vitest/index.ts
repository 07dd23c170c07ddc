/**
 * oidc-session-harness/vitest: write your own race test in your own repository. `test` carries the fixtures `sim`,
 * `server` (the reference server, or yours with `serverCmd`) and `world`; importing this module adds the matchers
 * `toHoldInvariant`, `toViolateInvariant` and `toPassEveryInvariant` to vitest's `expect`.
 *
 *   test('one refresh reaches the provider', async ({ world }) => { ...; expect(world).toHoldInvariant('no-reuse') });
 */
import './matchers.js';

export { expect, describe } from 'vitest';
export { test, it, type HarnessFixtures, type HarnessOptions } from './fixtures.js';
export { judge, type Judgement } from './judge.js';
export type { Judged } from './matchers.js';
export { defineScenario, type ScenarioDefinition } from '../define-scenario.js';
export type { World } from '../world.js';
export type { Window } from '../window.js';
export type { ScenarioResult, InvariantVerdict } from '../result-types.js';
export { invariantNames } from '../invariants/index.js';
