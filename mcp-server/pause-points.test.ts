import { describe, expect, it } from 'vitest';
import { PausePoints } from './pause-points.js';

describe('pause points', () => {
  it('holds the first matching pass until released and lets others through', async () => {
    const pauses = new PausePoints();
    const hold = pauses.hold('refresh.before-provider', (i) => i.userId === 'bob');
    await pauses.pass('refresh.before-provider', { userId: 'alice' });
    let passed = false;
    const bob = pauses.pass('refresh.before-provider', { userId: 'bob' }).then(() => (passed = true));
    expect(await hold.reached).toEqual({ userId: 'bob' });
    expect(passed).toBe(false);
    hold.release();
    await bob;
    // One hold catches one pass.
    await pauses.pass('refresh.before-provider', { userId: 'bob' });
  });

  it('lets everything go on releaseAll, so close never hangs on a forgotten hold', async () => {
    const pauses = new PausePoints();
    pauses.hold('token-write');
    const held = pauses.pass('token-write', {});
    pauses.releaseAll();
    await held;
    await pauses.pass('token-write', {});
  });
});
