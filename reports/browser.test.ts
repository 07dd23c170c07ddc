import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../scenarios/catalog/index.js';
import { referenceServer } from '../scenarios/reference-server.js';
import { runCatalogue } from '../scenarios/runner.js';
import { readResults } from './json/read-results.js';
import { hostileRun } from './testing/hostile-run.js';
import { sampleRun } from './testing/sample-run.js';
import { writeReports } from './write-reports.js';

// Debian's package; CHROMIUM_PATH points elsewhere (another distro, or to rehearse the missing-browser path).
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
/** Kept after the run as a CI artifact: the report under test and its screenshot. */
const ARTIFACTS = fileURLToPath(new URL('./out/browser-check/', import.meta.url));
const inCI = ['true', '1'].includes(process.env.CI ?? '');
// Locally a missing browser skips with instructions; in CI it must fail, or the check would silently never run.
const skip = !existsSync(CHROMIUM) && !inCI;
if (skip) console.warn(`browser check skipped: ${CHROMIUM} not found. Enable it with \`apt-get install -y chromium\` (as root), or run with CI=true to require it.`);

describe.skipIf(skip)('the HTML report in headless Chromium', () => {
  let context: BrowserContext;
  let userDataDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing but CI=true requires the browser check; .ci/run installs it with apt-get`);
    userDataDir = await mkdtemp(join(tmpdir(), 'report-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1400, height: 900 } });
    // The report promises to be self-contained: any request that is not the file itself is a failure.
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith('file:')) return route.continue();
      problems.push(`network request: ${route.request().url()}`);
      return route.abort();
    });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  async function open(run: ReturnType<typeof sampleRun>, dir: string): Promise<Page> {
    await writeReports(run, dir, ['html']);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    return page;
  }

  it('opens a real failed run on its failure: which invariant, the story of why, the witness labelled, without a click', { timeout: 120_000 }, async () => {
    // A live run, not a fixture: the reference server with unlocked-refresh, beside two scenarios that pass.
    const ids = ['dual-windows-same-user', 'double-logout', 'heartbeat-and-tool-call-race'];
    const run = await runCatalogue({ scenarios: catalogue.filter((s) => ids.includes(s.id)), seed: 1, repeat: 1, flaws: ['unlocked-refresh'], server: referenceServer(), target: 'reference server', concurrency: 1 });
    const broken = run.scenarios.find((s) => s.status === 'failed');
    expect(broken?.id).toBe('heartbeat-and-tool-call-race');
    const verdict = broken!.verdicts.find((v) => !v.holds)!;
    await mkdir(ARTIFACTS, { recursive: true });
    const page = await open(run, join(ARTIFACTS, 'live-run'));

    const failed = page.locator('details.scenario.status-failed');
    expect(await failed.getAttribute('open')).not.toBeNull();
    expect(await page.locator('details.scenario.status-passed[open]').count()).toBe(0);
    // Scrolled to it: the failed invariant and its story are on screen as the page opens.
    const broke = failed.locator('.verdict.broken').first();
    expect(await broke.locator('b').textContent()).toBe(verdict.invariant);
    const box = (await broke.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    const steps = broke.locator('.story-step');
    expect(await steps.count()).toBe(verdict.witness.length);
    for (const step of await steps.all()) expect(await step.isVisible()).toBe(true);
    // formatMs: one decimal below 100 ms (a fast machine reaches the reuse that soon), whole ms, then seconds from 10 s.
    expect(await broke.innerText()).toMatch(/at \d+(\.\d)? m?s, the provider saw alice's refresh token #[\w-]{12} presented again after it had been rotated\./);

    // The witness is drawn, labelled in words, and the first witness event is already selected.
    const witness = failed.locator('.ev.witness');
    // Every broken invariant's witness is drawn (the unlocked refresh also stops a window's calls working).
    const witnessed = new Set(broken!.verdicts.filter((v) => !v.holds).flatMap((v) => v.witness));
    expect(await witness.count()).toBe(witnessed.size);
    for (const el of await witness.all()) expect(await el.isVisible()).toBe(true);
    const labels = failed.locator('.ev-label-witness');
    expect(await labels.count()).toBe(witnessed.size);
    const order = [...witnessed].sort((a, b) => a - b);
    for (const el of await labels.all()) expect(await el.isVisible()).toBe(true);
    const details = failed.locator('.event-details');
    expect(await details.innerText()).toContain(`#${order[0]} · `);

    // Keyboard: n walks to the next witness event, p back; a story step selects its dot.
    await witness.first().focus();
    await page.keyboard.press('n');
    expect(await details.innerText()).toContain(`#${order[1]} · `);
    await page.keyboard.press('p');
    expect(await details.innerText()).toContain(`#${order[0]} · `);
    await steps.last().locator('button').click();
    expect(await details.innerText()).toContain(`#${verdict.witness.at(-1)} · `);

    await page.screenshot({ path: join(ARTIFACTS, 'live-failed-run.png') });
    expect(problems).toEqual([]);
  });

  it('opens a failed scenario by itself, highlights its witness, shows event details, and saves a screenshot', async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    const page = await open(sampleRun({ windows: 300 }), ARTIFACTS);
    const failed = page.locator('details.scenario.status-failed');
    expect(await failed.getAttribute('open')).not.toBeNull();

    const witness = failed.locator('.ev.witness');
    expect(await witness.count()).toBe(4);
    for (const el of await witness.all()) {
      expect(await el.isVisible()).toBe(true);
      expect(await el.evaluate((e) => getComputedStyle(e).fill)).toBe('rgb(207, 34, 46)');
    }

    await failed.locator('.ev[data-seq="12"]').click();
    const details = failed.locator('.event-details');
    await details.waitFor({ state: 'visible' });
    const text = await details.innerText();
    expect(text).toContain('#12 · server · token.used');
    expect(text).toContain('witness of isolation');
    expect(text).toMatch(/tokenHash\s+[0-9a-f]{12}/);
    expect(await failed.locator('.ev[data-seq="12"]').getAttribute('class')).toContain('selected');

    // Headless Chromium may refuse the Clipboard API on file://; either way the user ends up able to paste it.
    await failed.locator('button.copy').click();
    await failed.locator('button.copy', { hasText: /copied|selected/ }).waitFor();

    await failed.screenshot({ path: join(ARTIFACTS, 'failed-scenario.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('draws a real flaw run (global-active-session caught by isolation) with its witness highlighted', async () => {
    // Saved from `oidc-harness run dual-windows-different-users --seed 1 --flaw global-active-session --reporter json`.
    const run = await readResults(fileURLToPath(new URL('./testing/real-flaw-run.json', import.meta.url)));
    const page = await open(run, await mkdtemp(join(tmpdir(), 'report-real-')));
    const failed = page.locator('details.scenario.status-failed');
    const witness = failed.locator('.ev.witness');
    expect(await witness.count()).toBe(run.scenarios[0]!.verdicts.find((v) => !v.holds)!.witness.length);
    for (const el of await witness.all()) expect(await el.isVisible()).toBe(true);
    await witness.last().click();
    expect(await failed.locator('.event-details').innerText()).toContain('witness of isolation');
    expect(await failed.innerText()).toContain('npx oidc-harness run dual-windows-different-users --seed 1 --flaw global-active-session');
    await failed.screenshot({ path: join(ARTIFACTS, 'real-flaw-run.png') });
    expect(problems).toEqual([]);
  });

  it('keeps hundreds of windows readable: collapsed by default, found by the filter, wider when zoomed', async () => {
    const page = await open(sampleRun({ windows: 300 }), await mkdtemp(join(tmpdir(), 'report-big-')));
    const big = page.locator('details.scenario', { hasText: 'many-clients' });
    await big.locator(':scope > summary').click();
    expect(await big.locator('.lane-label:visible').count()).toBeLessThan(5);
    expect(await big.locator('.group-label[data-group="windows"]').textContent()).toMatch(/^▸ windows \(300\)/);

    await big.locator('.tl-filter').fill('w-123');
    const lane = big.locator('.lane-label', { hasText: 'w-123' });
    await lane.waitFor({ state: 'visible' });
    expect(await big.locator('.lane-label[data-group="windows"]:visible').count()).toBe(1);

    const widthAt = () => big.locator('.tl-lanes').evaluate((svg) => Number(svg.getAttribute('width')));
    const before = await widthAt();
    await big.locator('.tl-zoom').evaluate((input: HTMLInputElement) => {
      input.value = '32';
      input.dispatchEvent(new Event('input'));
    });
    expect(await widthAt()).toBeGreaterThan(before);

    await big.locator('.group-label[data-group="windows"]').click();
    await big.locator('.tl-filter').fill('');
    expect(await big.locator('.lane-label[data-group="windows"]:visible').count()).toBe(300);
    expect(problems).toEqual([]);
  });

  it('runs no script that arrives as data', async () => {
    const page = await open(hostileRun(), await mkdtemp(join(tmpdir(), 'report-hostile-')));
    const failed = page.locator('details.scenario.status-failed');
    await failed.locator('.ev.witness').first().click();
    await failed.locator('.event-details').waitFor({ state: 'visible' });
    expect(await page.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
