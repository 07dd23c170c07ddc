import { describe, expect, it } from 'vitest';
import { refreshSerializer } from './refresh-serializer.js';
import type { Context } from 'koa';

function refreshCtx(token: string): Context {
  return {
    method: 'POST',
    path: '/token',
    state: { simForm: Promise.resolve(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token })) },
  } as unknown as Context;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('refreshSerializer', () => {
  it('lets a second refresh with the same token reach the provider only after the first has finished', async () => {
    const serialize = refreshSerializer('/token');
    const firstInside = deferred();
    const finishFirst = deferred();
    const order: string[] = [];
    const first = serialize(refreshCtx('T'), async () => {
      order.push('first in');
      firstInside.resolve();
      await finishFirst.promise;
      order.push('first out');
    });
    await firstInside.promise;
    const second = serialize(refreshCtx('T'), async () => {
      order.push('second in');
    });
    // Give the second request every chance to slip in while the first is still inside.
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(order).toEqual(['first in']);
    finishFirst.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
  });

  it('lets refreshes with different tokens run side by side', async () => {
    const serialize = refreshSerializer('/token');
    const hold = deferred();
    const inside: string[] = [];
    const a = serialize(refreshCtx('A'), async () => {
      inside.push('A');
      await hold.promise;
    });
    const b = serialize(refreshCtx('B'), async () => {
      inside.push('B');
    });
    await b;
    expect(inside).toEqual(['A', 'B']);
    hold.resolve();
    await a;
  });
});
