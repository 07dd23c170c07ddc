import type Provider from 'oidc-provider';
import type { InteractionResults, KoaContextWithOIDC } from 'oidc-provider';
import { loginPage } from './login-page.js';
import type { SimUser } from './users.js';

type Next = () => Promise<unknown>;

/**
 * Answers the provider's login and consent prompts. The user is the one named by `login_hint` (code flow), by
 * the `login` query parameter (the device approver, or a person's pick on the login page), or, with neither, a
 * person chooses on the login page. Consent is always granted: with the login when the request asks for plain OIDC
 * scopes only (`consentWithLogin`), else at the provider's consent prompt. The provider's own flow runs unchanged
 * around it.
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
          ? { login: { accountId: user.sub }, ...(await consentWithLogin(provider, user.sub, params)) }
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

/**
 * The consent a login can carry in the same answer, so the provider asks no second prompt (one interaction and one
 * resume fewer per login: every device login of a run passes here). Only for a request that names plain OIDC scopes
 * and did not ask for the consent prompt itself (`prompt=consent`, the code flow's way to get offline_access), and
 * without a claims or resource parameter: those go through the consent prompt as before, which grants exactly what
 * the provider finds missing. Should the grant lack anything the provider wants consented, it still asks, and
 * the consent branch above answers as before.
 */
async function consentWithLogin(provider: Provider, accountId: string, params: Record<string, unknown>): Promise<Pick<InteractionResults, 'consent'>> {
  const prompts = typeof params.prompt === 'string' ? params.prompt.split(' ') : [];
  if (typeof params.scope !== 'string' || !params.scope.trim() || prompts.includes('consent') || params.claims !== undefined || params.resource !== undefined) return {};
  const grant = new provider.Grant({ accountId, clientId: String(params.client_id) });
  grant.addOIDCScope(params.scope.trim().split(/\s+/).join(' '));
  return { consent: { grantId: await grant.save() } };
}
