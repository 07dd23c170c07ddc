import { z } from 'zod';
import { matchShape } from './fault-match.js';
import { resetConnection, defineEffect } from './fault-effect.js';

/** Destroys the connection before the provider sees the request: the client gets a socket error, no answer. */
export const reset = defineEffect({
  schema: z.strictObject({ ...matchShape, effect: z.literal('reset') }),
  async run(f) {
    f.record('fault.reset');
    resetConnection(f.ctx);
  },
});
