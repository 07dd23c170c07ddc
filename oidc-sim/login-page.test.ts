import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOidcSim, type OidcSim } from './index.js';

// Debian's package; CHROMIUM_PATH points elsewhere. Skipped locally without it; required in CI (.ci/run installs it).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const inCI = ['true', '1'].includes(process.env.CI ?? '');
const skip = !existsSync(CHROMIUM) && !inCI;
if (skip) console.warn(`login page check skipped: ${CHROMIUM} not found. Enable it with \`apt-get install -y chromium\` (as root), or run with CI=true to require it.`);

describe.skipIf(skip)('the login page, used by a person in headless Chromium', () => {
  let sim: OidcSim;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** The app: answers its callback and remembers what arrived there. */
  let app: Server;
  let callback: string;
  const arrived: URL[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing but CI=true requires the browser check; .ci/run installs it with apt-get`);
    // Long lifetimes: a person (and a busy CI machine) may take its time between the page and the token request.
    sim = await createOidcSim({ users: ['alice', 'bob', 'carol'], userCount: 2, timeScale: 5 });
    app = createServer((req, res) => {
      const url = new URL(req.url!, callback);
      if (url.pathname === '/callback') arrived.push(url); // not the browser's /favicon.ico
      res.setHeader('content-type', 'text/html');
      res.end('<!DOCTYPE html><html><body data-app="callback">signed in</body></html>');
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    // Not registered with this port: the default http://127.0.0.1/callback matches any loopback port (RFC 8252 §7.3).
    callback = `http://127.0.0.1:${(app.address() as AddressInfo).port}/callback`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await sim?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
    problems.length = 0;
  });

  afterEach(async () => {
    await context.close();
    expect(problems).toEqual([]);
  });

  /** An authorization request without login_hint, as any app sends it; returns the PKCE verifier and state. */
  async function startLogin() {
    const verifier = randomBytes(32).toString('base64url');
    const state = randomBytes(12).toString('base64url');
    const url = new URL('/auth', sim.issuer);
    url.search = new URLSearchParams({
      client_id: sim.clients.public.clientId,
      response_type: 'code',
      redirect_uri: callback,
      scope: 'openid profile offline_access',
      prompt: 'consent',
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    await page.goto(url.href);
    await page.locator('body[data-sim-page="login"]').waitFor();
    return { verifier, state };
  }

  /** The app's side after the browser landed on its callback: the code exchanged, whose tokens they are. */
  async function exchange(landed: URL, verifier: string) {
    const code = landed.searchParams.get('code');
    expect(code, `callback carried ${landed.search}`).toBeTruthy();
    const client = sim.client('public');
    const tokens = await client.token({ grant_type: 'authorization_code', code: code!, redirect_uri: callback, code_verifier: verifier });
    expect(tokens.status).toBe(200);
    return (await client.userinfo(String(tokens.body.access_token))).body;
  }

  it('lists every seeded user, and picking one lands on the app with a code for that user', async () => {
    const { verifier, state } = await startLogin();
    const listed = await page.locator('button[data-sim-user]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sim-user')));
    expect(listed).toEqual(sim.users.map((u) => u.username));

    await page.locator('button[data-sim-user="bob"]').click();
    await page.waitForURL((u) => u.href.startsWith(callback));
    expect(await page.locator('body[data-app="callback"]').count()).toBe(1);
    const landed = arrived.at(-1)!;
    expect(landed.searchParams.get('state')).toBe(state);
    expect(await exchange(landed, verifier)).toMatchObject({ sub: sim.user('bob').sub, preferred_username: 'bob' });
  });

  it('takes a typed username, and says so when the name is unknown instead of failing the login', async () => {
    const { verifier } = await startLogin();
    const generated = sim.users.at(-1)!.username;
    await page.getByLabel('Username').fill('mallory');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('[data-sim-error]').textContent()).toContain("unknown user 'mallory'");

    await page.getByLabel('Username').fill(generated);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.href.startsWith(callback));
    expect((await exchange(arrived.at(-1)!, verifier)).preferred_username).toBe(generated);
  });

  it('sends the app access_denied when the person cancels', async () => {
    await startLogin();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL((u) => u.href.startsWith(callback));
    expect(arrived.at(-1)!.searchParams.get('error')).toBe('access_denied');
  });

  it('lets a person approve a device login: code, confirm, pick a user, and the device gets that user\'s tokens', async () => {
    const device = sim.client('public');
    const start = (await device.deviceAuthorization('openid profile offline_access')).body;
    await page.goto(String(start.verification_uri));
    await page.locator('input[name="user_code"]').fill(String(start.user_code));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('body[data-sim-page="device-confirm"]').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('button[data-sim-user="carol"]').click();
    await page.locator('body[data-sim-page="device-success"]').waitFor();

    const tokens = await device.token({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: String(start.device_code) });
    expect(tokens.status).toBe(200);
    expect((await device.userinfo(String(tokens.body.access_token))).body.preferred_username).toBe('carol');
  });
});
