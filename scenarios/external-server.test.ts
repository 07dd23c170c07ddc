import { describe, expect, it } from 'vitest';
import { selectScenarios } from './select-scenarios.js';
import { externalServer } from './external-server.js';
import { runScenario } from './run-scenario.js';

const bin = new URL('./bin.js', import.meta.url).pathname;
const serve = (extra = '') =>
  `"${process.execPath}" "${bin}" serve --issuer {issuer} --client-id {clientId} --client-secret {clientSecret} --resource-url {resourceUrl} --device-poll-interval 0.05 --quiet ${extra}`;
const [scenario] = selectScenarios(['dual-windows-different-users']);

describe('an external server started by command', () => {
  it('is judged black-box: the reference server passes, the same server with a flaw is caught', async () => {
    const clean = await runScenario(scenario!, { seed: 3, flaws: [], server: externalServer(serve()) });
    expect(clean.status).toBe('passed');
    const flawed = await runScenario(scenario!, { seed: 3, flaws: [], server: externalServer(serve('--flaw global-active-session')) });
    expect(flawed.status).toBe('failed');
    expect(flawed.verdicts.find((v) => !v.holds)?.invariant).toBe('isolation');
  });

  it('reports a command that never prints its URL as a harness error naming the problem', async () => {
    const result = await runScenario(scenario!, { seed: 1, flaws: [], server: externalServer(`"${process.execPath}" -e "console.log('no url here')"`) });
    expect(result.status).toBe('error');
    expect(result.error?.message).toMatch(/exited with code 0 before printing its URL: no url here/);
  });
});
