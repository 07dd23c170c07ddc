import { describe, expect, it } from 'vitest';
import { selectScenarios } from './select-scenarios.js';
import { endpointIn, externalServer, redactLine } from './external-server.js';
import { runScenario } from './run-scenario.js';

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
