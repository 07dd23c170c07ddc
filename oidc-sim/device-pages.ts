import type { KoaContextWithOIDC } from 'oidc-provider';

/*
 * Minimal device-flow pages. They carry the provider's own forms (with its xsrf field) and a machine-readable
 * marker, so the browserless approver can drive them like a browser would and tell success from failure.
 */

export async function deviceInputPage(ctx: KoaContextWithOIDC, form: string, _out?: unknown, err?: Error) {
  const marker = err ? `<p data-sim-error="${escape(err.name)}">${escape(err.message)}</p>` : '';
  ctx.body = `<!DOCTYPE html><html><body data-sim-page="device-input">${marker}${form}</body></html>`;
}

export async function deviceConfirmPage(ctx: KoaContextWithOIDC, form: string) {
  ctx.body = `<!DOCTYPE html><html><body data-sim-page="device-confirm">${form}</body></html>`;
}

export async function deviceSuccessPage(ctx: KoaContextWithOIDC) {
  ctx.body = '<!DOCTYPE html><html><body data-sim-page="device-success">Device approved</body></html>';
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
