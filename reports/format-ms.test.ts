import { describe, expect, it } from 'vitest';
import { formatMs } from './format-ms.js';

describe('formatMs', () => {
  it('keeps a tenth of a millisecond for short readings, whole milliseconds for longer ones, seconds past ten', () => {
    expect([0, 3.14159, 42, 812.6, 2400, 12_345].map(formatMs)).toEqual(['0 ms', '3.1 ms', '42 ms', '813 ms', '2400 ms', '12.3 s']);
  });
});
