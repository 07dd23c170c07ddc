import type Provider from 'oidc-provider';
import type { InteractionResults, KoaContextWithOIDC } from 'oidc-provider';
import type { SimUser } from './users.js';

type Next = () => Promise<unknown>;

/**
 * Answers the provider's login and consent prompts for the user named by `login_hint` (code flow) or by the
 * `login` query parameter (device flow, added by the approver). The provider's own flow runs unchanged around it:
 * this is the page a browser would have shown, answered without a browser.
 */
export function interactionRoute(provider: Provider, usersByName: Map<string, SimUser>) {
  return async function interaction(ctx: KoaContextWithOIDC, next: Next) {
    const match = /^\/interaction\/([\w-]+)$/.exec(ctx.path);
    if (!match || ctx.method !== 'GET') return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const { prompt, params, session } = details;
    let result: InteractionResults;
    if (prompt.name === 'login') {
      const username = String(params.login_hint ?? ctx.query.login ?? '');
      const user = usersByName.get(username);
      result = user
        ? { login: { accountId: user.sub } }
        : { error: 'access_denied', error_description: `unknown user '${username}'` };
    } else {
      const grant = details.grantId
        ? (await provider.Grant.find(details.grantId))!
        : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      result = { consent: { grantId: await grant.save() } };
    }
    const redirectTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
    ctx.status = 303;
    ctx.redirect(redirectTo);
  };
}
