// A race test as a user writes it in their own repository, with `npm install oidc-session-harness` and vitest.
// `world` is a fresh simulator and MCP server per test (the reference server here; set OIDC_HARNESS_SERVER_CMD, or
// `test.override({ serverCmd })`, to judge your own server), with windows, gates and one history.
import { describe, expect, test } from 'oidc-session-harness/vitest';
import type { World } from 'oidc-session-harness/vitest';

/** Two windows of alice need a refresh at the same instant: the provider's token endpoint holds the first one. */
async function twoWindowsRefreshAtOnce(world: World) {
  const a = world.window('A', { user: 'alice' });
  const b = world.window('B', { user: 'alice' });
  await a.login();
  b.adopt(a); // the second tab of the same browser
  await b.resume();
  const gate = world.sim.gate({ endpoint: 'token', grantType: 'refresh_token', user: 'alice' });
  world.sim.expire({ accessTokensOf: 'alice' }); // both windows' next call must refresh
  const calls = Promise.all([a.getProfile(), b.getProfile()]);
  await world.waitAtGate(gate, 1, 'a refresh of alice reached the provider');
  // A server without a per-user lock sends a second refresh with the same token; a correct one never does: wait for
  // either that second request or the server's word that the other call joined the flight.
  await Promise.race([gate.waitFor(2, { timeout: 5_000 }), world.serverEvent('refresh.joined')]);
  await world.releaseInSeededOrder(gate);
  await calls;
  await Promise.all([a.getProfile(), b.getProfile()]);
}

test('two windows of one user refreshing at once send one refresh to the provider, and both keep working', async ({ world }) => {
  await twoWindowsRefreshAtOnce(world);
  expect(world).toHoldInvariant('no-reuse');
  expect(world).toHoldInvariant('isolation');
  expect(world).toHoldInvariant('works');
});

test('two users in two windows each get only their own profile', async ({ world }) => {
  const a = world.window('A', { user: 'alice' });
  const b = world.window('B', { user: 'bob' });
  await a.login();
  await b.login();
  await Promise.all([a.getProfile(), b.getProfile()]);
  expect(world).toHoldInvariant('isolation');
});

describe('against a server without a refresh lock', () => {
  test.override({ flaws: ['unlocked-refresh'] });

  test('the same race reuses a rotated refresh token, and the provider revokes the grant', async ({ world }) => {
    await twoWindowsRefreshAtOnce(world);
    expect(world).toViolateInvariant('no-reuse');
    expect(world).not.toHoldInvariant('no-reuse');
  });
});

test('a catalogue scenario runs in its own world and is judged like `oidc-harness run` judges it', async ({ runScenario }) => {
  expect(await runScenario('double-logout')).toPassEveryInvariant();
});
