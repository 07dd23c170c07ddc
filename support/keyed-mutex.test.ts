import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

describe('keyed mutex', () => {
  it('runs work for one key one at a time, in order, and other keys alongside', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    let openA!: () => void;
    const gateA = new Promise<void>((r) => (openA = r));
    const first = mutex.run('alice', async () => {
      log.push('a1 start');
      await gateA;
      log.push('a1 end');
    });
    const second = mutex.run('alice', async () => void log.push('a2'));
    await mutex.run('bob', async () => void log.push('b1'));
    expect(log).toEqual(['a1 start', 'b1']);
    openA();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('says when work has to queue behind another holder of its key, and only then', async () => {
    const mutex = new KeyedMutex();
    const waited: string[] = [];
    let open!: () => void;
    const first = mutex.run('alice', () => new Promise<void>((r) => (open = r)), () => waited.push('a1'));
    const second = mutex.run('alice', async () => undefined, () => waited.push('a2'));
    await mutex.run('bob', async () => undefined, () => waited.push('b1'));
    expect(waited).toEqual(['a2']);
    open();
    await Promise.all([first, second]);
    await mutex.run('alice', async () => undefined, () => waited.push('a3'));
    expect(waited).toEqual(['a2']);
  });

  it('releases the key when the work throws', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('k', async () => 'next')).resolves.toBe('next');
  });
});
