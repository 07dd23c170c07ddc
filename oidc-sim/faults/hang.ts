import { z } from 'zod';
import { matchShape } from './fault-match.js';
import { resetConnection, defineEffect } from './fault-effect.js';

/**
 * Never answers: the request is held until the client gives up (closes its connection) or the simulator
 * closes. This is the "provider accepted the connection and went silent" case a client timeout must cover.
 */
export const hang = defineEffect({
  schema: z.strictObject({ ...matchShape, effect: z.literal('hang') }),
  async run(f) {
    f.record('fault.hang');
    const socket = f.ctx.req.socket;
    const by = await new Promise<'client' | 'close'>((resolve) => {
      if (socket.destroyed) return resolve('client');
      const onClose = () => resolve('close');
      socket.once('close', () => {
        f.closing.removeEventListener('abort', onClose);
        resolve('client');
      });
      f.closing.addEventListener('abort', onClose, { once: true });
    });
    f.record('fault.hang.ended', { by });
    resetConnection(f.ctx);
  },
});
