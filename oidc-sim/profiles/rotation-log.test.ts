import { describe, expect, it } from 'vitest';
import { RotationLog } from './rotation-log.js';

describe('RotationLog', () => {
  it('remembers a rotation until it is older than maxAge, then forgets it as the next one comes', () => {
    const log = new RotationLog(1_000);
    log.noteRotation('a', 0);
    log.noteRotation('b', 500);
    expect(log.get('a')?.rotatedAt).toBe(0);
    log.noteRotation('c', 1_000);
    expect(log.get('a')).toBeDefined();
    log.noteRotation('d', 1_001);
    expect(log.get('a')).toBeUndefined();
    expect(log.get('b')?.rotatedAt).toBe(500);
    expect(log.size).toBe(3);
  });

  it('holds only the live rotations however many expired before: a long run does not grow it', () => {
    const log = new RotationLog(100);
    for (let t = 0; t < 50_000; t++) log.noteRotation(`t${t}`, t);
    expect(log.size).toBe(101);
    expect(log.get('t49899')).toBeDefined();
    expect(log.get('t49898')).toBeUndefined();
  });

  it('keeps the first instant of a token rotated again, and its grace state', () => {
    const log = new RotationLog(1_000);
    log.noteRotation('a', 10);
    expect(log.endGrace('a')).toBe(true);
    log.noteRotation('a', 20);
    expect(log.get('a')).toEqual({ rotatedAt: 10, reuses: 0, graceEnded: true });
    expect(log.endGrace('never')).toBe(false);
    log.clear();
    expect(log.size).toBe(0);
  });
});
