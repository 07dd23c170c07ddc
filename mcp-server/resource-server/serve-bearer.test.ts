import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config-error.js';
import { runServeCommand } from '../serve-command.js';
import { parseServeBearerArgs } from './serve-bearer.js';

const required = ['--auth', 'bearer', '--issuer', 'http://127.0.0.1:9', '--api-url', 'http://127.0.0.1:9/api/users', '--service-client-id', 'svc', '--service-client-secret', 'svc-secret'];
const capture = () => {
  let text = '';
  return { write: (t: string) => (text += t), text: () => text };
};

describe('serve --auth bearer', () => {
  it('turns its flags into resource-server options', () => {
    expect(parseServeBearerArgs([...required, '--resource', 'http://127.0.0.1:7/mcp', '--flaw', 'token-passthrough', '--validation-cache', '5'])).toMatchObject({
      issuer: 'http://127.0.0.1:9',
      apiUrl: 'http://127.0.0.1:9/api/users',
      serviceClientId: 'svc',
      resource: 'http://127.0.0.1:7/mcp',
      flaws: ['token-passthrough'],
      validationCacheSeconds: 5,
    });
  });

  it('names a missing flag', () => {
    expect(() => parseServeBearerArgs(required.slice(0, 6))).toThrow(new ConfigError('--service-client-id', 'is required'));
  });

  it('refuses an auth mode it does not know, with exit 2', async () => {
    const stderr = capture();
    expect(await runServeCommand(['--auth', 'mtls'], { stderr, stdout: capture() })).toBe(2);
    expect(stderr.text()).toContain("--auth: expected 'bearer'");
  });

  it('lists its own flaws', async () => {
    const stdout = capture();
    expect(await runServeCommand(['--auth', 'bearer', '--list-flaws'], { stdout })).toBe(0);
    expect(stdout.text()).toContain('session-not-bound-to-user');
  });
});
