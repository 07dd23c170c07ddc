import type { KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml } from './escape-html.js';

/*
 * The device-flow pages, for a person and for the browserless approver alike. They carry the provider's own forms
 * (with its xsrf field), buttons that submit them (no script), and a machine-readable marker, so the approver can
 * drive them like a browser would and tell success from failure.
 */

const page = (name: string, title: string, content: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title} — oidc-sim</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}.error{color:#b00020}</style></head>
<body data-sim-page="${name}"><h1>${title}</h1>${content}</body></html>`;

export async function deviceInputPage(ctx: KoaContextWithOIDC, form: string, _out?: unknown, err?: Error) {
  const marker = err ? `<p class="error" data-sim-error="${escapeHtml(err.name)}">${escapeHtml(err.message)}</p>` : '';
  ctx.body = page(
    'device-input',
    'Connect a device',
    `${marker}<p>Enter the code your device shows.</p>${form}<button type="submit" form="op.deviceInputForm">Continue</button>`,
  );
}

export async function deviceConfirmPage(ctx: KoaContextWithOIDC, form: string, _client?: unknown, _deviceInfo?: unknown, userCode?: string) {
  const client = escapeHtml(ctx.oidc.client?.clientId ?? 'a device');
  const code = userCode ? `<p>Code: <code data-sim-user-code>${escapeHtml(userCode)}</code></p>` : '';
  ctx.body = page(
    'device-confirm',
    'Confirm the device',
    `<p><strong>${client}</strong> asks to sign in.</p>${code}${form}` +
      '<button type="submit" form="op.deviceConfirmForm">Continue</button> ' +
      '<button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Abort</button>',
  );
}

export async function deviceSuccessPage(ctx: KoaContextWithOIDC) {
  ctx.body = page('device-success', 'Device approved', '<p>Device approved. You can close this page.</p>');
}
