import { describe, expect, test } from './index.js';

const tiny = (bug?: string) =>
  `"${process.execPath}" "${new URL('../fixtures/tiny-mcp-server.mjs', import.meta.url).pathname}" --issuer {issuer} --client-id {clientId} --client-secret {clientSecret} --resource-url {resourceUrl}${bug ? ` --bug ${bug}` : ''}`;

async function twoUsersRead(world: import('../world.js').World) {
  const a = world.window('A', { user: 'alice' });
  const b = world.window('B', { user: 'bob' });
  await a.login();
  await b.login();
  await a.getProfile();
  await b.getProfile();
}

describe('the vitest fixtures', () => {
  test('build the world over the test’s own simulator and server, on loopback', async ({ sim, server, world }) => {
    expect(world.sim).toBe(sim);
    expect(world.server).toBe(server);
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect(new URL(sim.issuer).hostname).toBe('127.0.0.1');
  });

  test('leave the simulator and server to their own fixtures when the world closes', async ({ sim, world }) => {
    await twoUsersRead(world);
    await world.close();
    const discovery = await fetch(`${sim.issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
  });

  describe('with an external server command', () => {
    test.override({ serverCmd: tiny('global-session') });

    test('judge a server started by command, black-box, and catch its bug', async ({ world, server }) => {
      expect(server.hold).toBeUndefined();
      await twoUsersRead(world);
      expect(world).toViolateInvariant('isolation');
    });
  });

  describe('refuse what cannot be run', () => {
    test.override({ serverCmd: tiny(), flaws: ['unlocked-refresh'] });

    test('a flaw of the reference server with a command of your own, with the CLI’s message', async ({ runScenario }) => {
      await expect(runScenario('double-logout')).rejects.toThrow('--flaw switches flaws of the reference server');
    });
  });
});

describe('the matchers', () => {
  const verdict = (outcome: 'held' | 'violated' | 'inconclusive') => ({ verdicts: [{ invariant: 'isolation', holds: outcome === 'held', outcome, message: outcome === 'held' ? undefined : `isolation ${outcome} here`, witness: outcome === 'violated' ? [3, 4] : [] }] });

  test('toHoldInvariant passes on held, and fails on violated with the message and witness', () => {
    expect(verdict('held')).toHoldInvariant('isolation');
    expect(() => expect(verdict('violated')).toHoldInvariant('isolation')).toThrow('expected isolation to hold, but: isolation violated: isolation violated here (witness events 3, 4)');
  });

  test('never pass an inconclusive verdict, not even negated', () => {
    expect(() => expect(verdict('inconclusive')).toHoldInvariant('isolation')).toThrow('inconclusive is never a pass');
    expect(() => expect(verdict('inconclusive')).not.toHoldInvariant('isolation')).toThrow('use toViolateInvariant');
    expect(() => expect(verdict('inconclusive')).toViolateInvariant('isolation')).toThrow('expected isolation to be violated');
    expect(() => expect(verdict('inconclusive')).toPassEveryInvariant()).toThrow('isolation inconclusive');
  });

  test('name the known invariants when given an unknown one', () => {
    expect(() => expect(verdict('held')).toHoldInvariant('isolaton')).toThrow(/unknown invariant 'isolaton'; known: .*isolation/);
  });

  test('judge a world that saw nothing as inconclusive, never green', async ({ world }) => {
    expect(() => expect(world).toPassEveryInvariant()).toThrow('expected every invariant to hold');
  });
});
