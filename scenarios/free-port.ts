import { randomInt } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * Where `{port}` is drawn from: below every system's ephemeral range (Linux 32768–60999, macOS and Windows 49152–
 * 65535), where the simulators and servers the harness starts on port 0 are given theirs. A port taken from the
 * ephemeral range was seen handed to another world's listener in the moment between the harness freeing it and the
 * target binding it, and the target then failed with "address already in use".
 */
export const TARGET_PORT_RANGE = { from: 20_000, to: 32_767 } as const;
const handedOut = new Set<number>();

/**
 * A loopback port free right now and not handed out before by this process, for `{port}`: the target binds it a
 * moment later. Throws after 200 tries, naming the range.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = randomInt(TARGET_PORT_RANGE.from, TARGET_PORT_RANGE.to + 1);
    if (handedOut.has(port) || !(await bindable(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free loopback port for {port} in ${TARGET_PORT_RANGE.from}-${TARGET_PORT_RANGE.to} after 200 tries`);
}

async function bindable(port: number): Promise<boolean> {
  const server = createServer();
  server.listen(port, '127.0.0.1');
  const outcome = await Promise.race([once(server, 'listening').then(() => true), once(server, 'error').then(() => false)]);
  if (outcome) await new Promise<void>((resolve) => server.close(() => resolve()));
  return outcome;
}
