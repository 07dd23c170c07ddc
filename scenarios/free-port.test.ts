import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, TARGET_PORT_RANGE } from './free-port.js';

describe('freePort', () => {
  it('hands out distinct bindable ports below the range port-0 listeners are given', async () => {
    const ports = [];
    for (let i = 0; i < 20; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(TARGET_PORT_RANGE.from);
      expect(port).toBeLessThan(32_768);
      const server = createServer().listen(port, '127.0.0.1');
      await once(server, 'listening');
      server.close();
    }
  });

  it('never hands out a port of a listener given one by the system (port 0)', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as { port: number };
    expect(port).toBeGreaterThan(TARGET_PORT_RANGE.to);
    server.close();
  });
});
