import type Provider from 'oidc-provider';
import type { InteractionResults, KoaContextWithOIDC } from 'oidc-provider';
import { loginPage } from './login-page.js';
import type { SimUser } from './users.js';

type Next = () => Promise<unknown>;

/**
 * Answers the provider's login and consent prompts. The user is the one named by `login_hint` (code flow), by
 * the `login` query parameter (the device approver, or a person's pick on the login page), or, with neither, a
 * person chooses on the login page. Consent is always granted. The provider's own flow runs unchanged around it.
 */
export function interactionRoute(provider: Provider, usersByName: Map<string, SimUser>) {
  const users = [...usersByName.values()];
  // Not async itself: a request for another path passes on without a promise of this layer (issue 18).
  return function interaction(ctx: KoaContextWithOIDC, next: Next) {
    return ctx.method === 'GET' && /^\/interaction\/[\w-]+$/.test(ctx.path) ? answer(ctx) : next();
  };

  async function answer(ctx: KoaContextWithOIDC) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const { prompt, params, session } = details;
    let result: InteractionResults;
    if (prompt.name === 'login') {
      const hint = typeof params.login_hint === 'string' ? params.login_hint : undefined;
      const picked = typeof ctx.query.login === 'string' ? ctx.query.login.trim() : undefined;
      if (!hint && ctx.query.abort) {
        result = { error: 'access_denied', error_description: 'the user cancelled the sign-in' };
      } else if (!hint && (!picked || !usersByName.has(picked))) {
        ctx.set('Cache-Control', 'no-store');
        ctx.status = picked ? 400 : 200;
        ctx.type = 'html';
        ctx.body = loginPage({
          action: ctx.path,
          users,
          clientId: String(params.client_id),
          ...(picked ? { error: `unknown user '${picked}'` } : {}),
        });
        return;
      } else {
        const username = (hint ?? picked)!;
        const user = usersByName.get(username);
        result = user
          ? { login: { accountId: user.sub } }
          : { error: 'access_denied', error_description: `unknown user '${username}'` };
      }
    } else {
      const grant = details.grantId
        ? (await provider.Grant.find(details.grantId))!
        : new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
      result = { consent: { grantId: await grant.save() } };
    }
    const redirectTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true });
    ctx.status = 303;
    ctx.redirect(redirectTo);
  }
}
