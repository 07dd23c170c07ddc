/**
 * oidc-provider warns once when it finds a pre-read body (deliberate here: see request-form.ts) and, at import,
 * on Node 20 (the runtime this project pins, which it supports). Both would only be noise in a harness's
 * output, so this module, imported before oidc-provider by every module that imports it for a value (a bundle keeps
 * that order), filters exactly those two lines.
 */
const EXPECTED_WARNINGS = ['already parsed request body detected', 'Unsupported runtime'];

const original = console.warn;
if (!(original as { simFiltered?: boolean }).simFiltered) {
  const filtered = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && EXPECTED_WARNINGS.some((w) => first.includes(w))) return;
    original(...args);
  };
  (filtered as { simFiltered?: boolean }).simFiltered = true;
  console.warn = filtered;
}

export {};
