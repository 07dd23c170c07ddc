import { afterEach, describe, expect, it } from 'vitest';
import { createOidcSim, simDefaults, type OidcSim } from '../../oidc-sim/index.js';
import { DEFAULT_REPORT_DIR } from '../../reports/index.js';
import { harnessDefaults } from '../defaults.js';
import { parse, runOptions } from './parse.js';
import { runConfig } from './run-config.js';
import { parseSimArgs } from './sim.js';
import { startArgs } from './start.js';

// Each command with no options: its effective configuration must be the documented defaults, read from the
// defaults modules, never copied here. The serve command's twin lives in mcp-server/serve-command.test.ts.
const runDefaults = {
  seed: harnessDefaults.seed,
  repeat: harnessDefaults.repeat,
  concurrency: harnessDefaults.concurrency(),
  processes: harnessDefaults.processes(),
  flaws: undefined,
  profile: undefined,
  report: undefined,
  reporters: [],
  json: false,
};

describe('commands given no options', () => {
  const sims: OidcSim[] = [];
  afterEach(async () => {
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });

  it('run resolves to the documented defaults', () => {
    const { values } = parse([], { ...runOptions, 'server-cmd': { type: 'string' }, profile: { type: 'string' } }, true);
    expect(runConfig(values)).toEqual(runDefaults);
  });

  it('matrix resolves to the documented defaults', () => {
    expect(runConfig(parse([], runOptions, true).values)).toEqual(runDefaults);
  });

  it('start resolves to the documented defaults plus the default report directory', () => {
    const { values } = parse(startArgs([]), { ...runOptions, 'server-cmd': { type: 'string' }, profile: { type: 'string' } }, true);
    expect(runConfig(values)).toEqual({ ...runDefaults, report: DEFAULT_REPORT_DIR });
  });

  it('sim starts with the documented seed, named users and generated users, the same ones for the same seed', async () => {
    const { options } = parseSimArgs([]);
    const a = await createOidcSim(options);
    sims.push(a);
    for (const key of ['seed', 'userCount', 'users', 'timeScale', 'host', 'port', 'clockTolerance'] as const) {
      expect(a.config[key], key).toEqual(simDefaults[key]);
    }
    expect(a.users).toHaveLength(simDefaults.users.length + simDefaults.userCount);
    expect(a.users.slice(0, simDefaults.users.length).map((u) => u.username)).toEqual(simDefaults.users);
    const b = await createOidcSim(parseSimArgs([]).options);
    sims.push(b);
    const explicit = await createOidcSim(parseSimArgs(['--seed', String(simDefaults.seed)]).options);
    sims.push(explicit);
    const ids = (s: OidcSim) => s.users.map((u) => [u.username, u.sub]);
    expect(ids(b)).toEqual(ids(a));
    expect(ids(explicit)).toEqual(ids(a));
  });
});
