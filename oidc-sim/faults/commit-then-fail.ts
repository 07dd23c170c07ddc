import type { KoaContextWithOIDC } from 'oidc-provider';
import { z } from 'zod';
import { matchShape } from './fault-match.js';
import { resetConnection, defineEffect } from './fault-effect.js';
import { tokenHash } from '../token-hash.js';

/**
 * Lets the provider do its work (rotate the refresh token, say), then loses the answer: the connection is reset
 * or a 5xx replaces the body. The client's old token is now consumed and the new one never arrived — the case a
 * grace period exists for (Okta and Auth0 docs name exactly this).
 */
export const commitThenFail = defineEffect({
  schema: z.strictObject({
    ...matchShape,
    effect: z.literal('commit-then-fail'),
    as: z.enum(['reset', 'status']).default('reset'),
    status: z.number().int().min(500, 'must be 500-599').max(599, 'must be 500-599').default(502),
  }),
  async run(f, rule, next) {
    await next();
    const entities = ((f.ctx as KoaContextWithOIDC).oidc?.entities ?? {}) as Record<string, { jti?: string } | undefined>;
    const lost = entities.RefreshToken?.jti ?? entities.AccessToken?.jti;
    f.record('fault.commit-then-fail', {
      as: rule.as,
      providerStatus: f.ctx.status,
      lostTokenHash: lost && tokenHash(lost),
      rotated: Boolean(entities.RotatedRefreshToken),
    });
    if (rule.as === 'reset') return resetConnection(f.ctx);
    f.ctx.status = rule.status;
    f.ctx.set('Cache-Control', 'no-store');
    f.ctx.body = { error: 'server_error', error_description: 'the simulator lost this response after the provider handled it (fault rule)' };
  },
});
