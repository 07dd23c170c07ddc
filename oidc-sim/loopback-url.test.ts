import { describe, expect, it } from 'vitest';
import { isLoopbackUrl, withoutLoopbackPort } from './loopback-url.js';

describe('loopback URLs', () => {
  it('drops the port of an http loopback URL and keeps the rest exactly as written', () => {
    expect(withoutLoopbackPort('http://127.0.0.1:3000/cb?x=1')).toBe('http://127.0.0.1/cb?x=1');
    expect(withoutLoopbackPort('http://[::1]:8080/cb')).toBe('http://[::1]/cb');
    expect(withoutLoopbackPort('http://LOCALHOST/cb')).toBe('http://localhost/cb');
    expect(withoutLoopbackPort('http://127.0.0.1:3000/a/../cb')).toBe('http://127.0.0.1/a/../cb');
  });

  it('leaves other URLs alone: https, other hosts, look-alike hosts', () => {
    expect(withoutLoopbackPort('https://127.0.0.1:3000/cb')).toBeUndefined();
    expect(withoutLoopbackPort('http://example.com:3000/cb')).toBeUndefined();
    expect(withoutLoopbackPort('http://127.0.0.1.evil.example/cb')).toBeUndefined();
    expect(withoutLoopbackPort('http://localhost.evil.example:80/cb')).toBeUndefined();
  });

  it('tells loopback hosts from the rest', () => {
    expect(isLoopbackUrl('http://localhost:3000/cb')).toBe(true);
    expect(isLoopbackUrl('https://[::1]/mcp')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.2/cb')).toBe(false);
    expect(isLoopbackUrl('myapp://callback')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});
