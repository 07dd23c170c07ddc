import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { selectScenarios } from './select-scenarios.js';
import { endpointIn, externalServer, redactLine } from './external-server.js';
import { runScenario } from './run-scenario.js';
import { resolveTarget, runnableOn } from './targets.js';
import { catalogue } from './catalog/index.js';

const bin = new URL('./bin.js', import.meta.url).pathname;
const serve = (extra = '', { secret = '{clientSecret}', resource = '{resourceUrl}' } = {}) =>
  `"${process.execPath}" "${bin}" serve --issuer {issuer} --client-id {clientId} --client-secret ${secret} --resource-url ${resource} --device-poll-interval 0.05 --quiet ${extra}`;
const [scenario] = selectScenarios(['dual-windows-different-users']);

describe('an external server started by command', () => {
  it('is judged black-box: the reference server passes, the same server with a flaw is caught', async () => {
    const clean = await runScenario(scenario!, { seed: 3, flaws: [], server: externalServer(serve()) });
    expect(clean.status).toBe('passed');
    const flawed = await runScenario(scenario!, { seed: 3, flaws: [], server: externalServer(serve('--flaw global-active-session')) });
    expect(flawed.status).toBe('failed');
    expect(flawed.verdicts.find((v) => !v.holds)?.invariant).toBe('isolation');
  });

  it('never passes a server that logs nobody in: inconclusive, naming the provider\'s answer', async () => {
    const result = await runScenario(scenario!, { seed: 3, flaws: [], server: externalServer(serve('', { secret: 'WRONG' })) });
    expect(result.status).toBe('inconclusive');
    expect(result.reason).toMatch(/login .* never completed: provider_error: .*invalid_client/);
  });

  it('fails a server whose data calls all fail (dead resource API) on works, naming the cause', async () => {
    const result = await runScenario(scenario!, { seed: 3, flaws: [], server: externalServer(serve('', { resource: 'http://127.0.0.1:9/profile' })) });
    expect(result.status).toBe('failed');
    expect(result.verdicts.find((v) => v.invariant === 'works')).toMatchObject({ outcome: 'violated', message: expect.stringMatching(/get_profile .* answered provider_unavailable: .*ECONNREFUSED/) });
  });

  it('reports a target that exits mid-run with its exit code, and keeps its last output lines', async () => {
    const dies = `"${process.execPath}" -e "const s=require('http').createServer((q,r)=>{console.error('dying now');process.exit(7)}).listen(0,'127.0.0.1',()=>console.log('MCP_ENDPOINT=http://127.0.0.1:'+s.address().port+'/mcp'))"`;
    const result = await runScenario(scenario!, { seed: 1, flaws: [], server: externalServer(dies) });
    expect(result.status).toBe('failed');
    expect(result.verdicts.find((v) => v.invariant === 'works')?.message).toMatch(/exited mid-run with code 7/);
    expect(result.targetLog).toEqual(expect.arrayContaining([expect.stringMatching(/^stderr: dying now$/)]));
  });

  it('reports a command that never prints its URL as a harness error naming the problem', async () => {
    const result = await runScenario(scenario!, { seed: 1, flaws: [], server: externalServer(`"${process.execPath}" -e "console.log('no url here')"`) });
    expect(result.status).toBe('error');
    expect(result.error?.message).toMatch(/exited with code 0 before printing its URL: stdout: no url here/);
  });
});

describe('what an external target declares', () => {
  const [restartScenario] = selectScenarios(['server-restart-mid-session']);
  // A persistent store needs one master key across the restart (a per-process key would make its tokens unreadable).
  const key = `OIDC_HARNESS_MASTER_KEY=${randomBytes(32).toString('base64')}`;

  it('runs the restart scenario only on a restartable target, and the replica ones only on declared replicas', async () => {
    const skippedBy = async (options: Parameters<typeof resolveTarget>[0]) => runnableOn(await resolveTarget(options), catalogue).skipped.map((s) => s.scenario.id).sort();
    const cmd = 'my-server --port {port}';
    expect(await skippedBy({ flaws: [], serverCmd: cmd })).toEqual(['overlapping-heartbeat-rounds', 'replica-failed-refresher', 'replicas-aligned-refresh', 'server-restart-mid-session']);
    expect(await skippedBy({ flaws: [], serverCmd: cmd, restartable: true, replicas: 2, heartbeatSeconds: 5 })).toEqual([]);
    await expect(resolveTarget({ flaws: [], serverCmd: 'my-server', restartable: true })).rejects.toThrow(/--target-restartable needs \{port\}/);
    await expect(resolveTarget({ flaws: [], replicas: 2 })).rejects.toThrow(/--target-replicas declare\(s\) what a server started with --server-cmd can do/);
  });

  it('restarts a restartable target on its {stateDir}: a persistent store keeps every session, a memory store is caught', { timeout: 600_000 }, async () => {
    const persistent = await runScenario(restartScenario!, { seed: 2, flaws: [], server: externalServer(`${key} ${serve('--port {port} --store pglite:{stateDir}')}`, { restartable: true }) });
    expect([persistent.status, persistent.reason ?? persistent.error?.message]).toEqual(['passed', undefined]);
    const forgetful = await runScenario(restartScenario!, { seed: 2, flaws: [], server: externalServer(serve('--port {port}'), { restartable: true }) });
    expect(forgetful.verdicts.find((v) => v.invariant === 'restart-survival')).toMatchObject({ outcome: 'violated', message: expect.stringMatching(/lost its session in the restart/) });
  });
});

describe('finding the endpoint in what the target prints', () => {
  const simOrigin = 'http://127.0.0.1:4000';
  it('skips the simulator\'s own URLs, prefers MCP_ENDPOINT=, and keeps to {port}', () => {
    expect(endpointIn('using issuer http://127.0.0.1:4000/ and http://127.0.0.1:5000/mcp', { simOrigin })).toBe('http://127.0.0.1:5000/mcp');
    expect(endpointIn('listening http://127.0.0.1:5000/ MCP_ENDPOINT=http://127.0.0.1:5001/mcp', { simOrigin })).toBe('http://127.0.0.1:5001/mcp');
    expect(endpointIn('metrics http://127.0.0.1:9100/metrics', { simOrigin, port: 5002 })).toBeUndefined();
    expect(endpointIn('up at http://127.0.0.1:5002/mcp', { simOrigin, port: 5002 })).toBe('http://127.0.0.1:5002/mcp');
  });

  it('redacts the client secret, bearer tokens and JWTs from the kept output', () => {
    expect(redactLine('secret s3cr3t-value Authorization: Bearer abc.def-ghi eyJhbGciOiJIUzI1.eyJzdWIiOiIx.sig', ['s3cr3t-value'])).toBe('secret [redacted] Authorization: Bearer [redacted] [redacted jwt]');
  });
});
