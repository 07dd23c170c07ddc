import type { SimUser } from './users.js';
import { escapeHtml } from './escape-html.js';

/** How many users the page lists as buttons; the rest are a username away (seeded worlds can hold thousands). */
export const LISTED_USERS = 50;

export interface LoginPageInput {
  /** Where the page submits: the interaction's own URL. */
  action: string;
  users: SimUser[];
  clientId: string;
  /** Shown above the list, e.g. after an unknown username was typed. */
  error?: string;
}

/**
 * The simulator's sign-in page for a person: one button per seeded user, a field for any other known username,
 * and a cancel button. Plain HTML forms (GET to the interaction URL with `login=`), no script, no password: the
 * simulator vouches for whoever is picked. Machine-readable markers (data-sim-*) let tests read it.
 */
export function loginPage({ action, users, clientId, error }: LoginPageInput): string {
  const listed = users.slice(0, LISTED_USERS);
  const more = users.length - listed.length;
  const buttons = listed
    .map((u) => `<li><button type="submit" name="login" value="${escapeHtml(u.username)}" data-sim-user="${escapeHtml(u.username)}">${escapeHtml(u.username)}</button> <small>${escapeHtml(u.name)} &lt;${escapeHtml(u.email)}&gt;</small></li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in — oidc-sim</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}ul{list-style:none;padding:0}li{margin:.3rem 0}
button{min-width:8rem;padding:.3rem .6rem;cursor:pointer}.error{color:#b00020}small{color:#555}</style></head>
<body data-sim-page="login">
<h1>Sign in</h1>
<p><strong>${escapeHtml(clientId)}</strong> asks you to sign in. This is the OIDC simulator: pick a user, no password.</p>
${error ? `<p class="error" data-sim-error="unknown_user">${escapeHtml(error)}</p>` : ''}
<form method="get" action="${escapeHtml(action)}"><ul>${buttons}</ul></form>
${more > 0 ? `<p>${more} more user${more === 1 ? '' : 's'}: type a username below.</p>` : ''}
<form method="get" action="${escapeHtml(action)}">
<label>Username <input type="text" name="login" autocomplete="username" required></label>
<button type="submit">Sign in</button>
</form>
<form method="get" action="${escapeHtml(action)}"><button type="submit" name="abort" value="1">Cancel</button></form>
</body></html>`;
}
