import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';
import { WindowError } from './window-error.js';

describe('describeError', () => {
  it('names the window, operation, URL, code, syscall and address of every link, each fact once', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
    const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET', socket: { remoteAddress: '127.0.0.1', remotePort: 4100, localPort: 5200 }, cause: reset });
    const fetchFailed = new TypeError('fetch failed', { cause: socket });
    const text = describeError(new WindowError('A', 'connect', 'http://127.0.0.1:4100/mcp', fetchFailed));
    expect(text).toBe(
      'window A: connect http://127.0.0.1:4100/mcp failed <- fetch failed <- other side closed (code UND_ERR_SOCKET, address 127.0.0.1:4100 from port 5200) <- read ECONNRESET (errno -104)',
    );
  });

  it('ends on a cause that points back into its own chain', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(describeError(b)).toBe('b <- a');
  });

  it('describes a thrown non-error', () => {
    expect(describeError('plain string')).toBe('plain string');
  });
});
