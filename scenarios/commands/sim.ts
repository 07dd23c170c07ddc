import { createOidcSim, simDefaults, SimError, type OidcSimOptions } from '../../oidc-sim/index.js';
import { UsageError } from '../usage-error.js';
import { parseProfile, profileUsage } from './profile-option.js';
import { intOption, numberOption, parse } from './parse.js';

export const simUsage = `oidc-harness sim [options]

Starts the OIDC simulator and prints one JSON line on stdout: issuer, resource API URL, control URL and token,
clients and users. Runs until interrupted (Ctrl-C).

Options:
  --port N            port to listen on (default ${simDefaults.port}: any free port)
  --host H            loopback address: ${simDefaults.host} (default) or ::1
  --seed N            seed for generated users (default ${simDefaults.seed})
  --users a,b         named users (default ${simDefaults.users.join(',')})
  --user-count N      generated users besides the named ones (default ${simDefaults.userCount})
  --time-scale F      multiply every lifetime (default ${simDefaults.timeScale}: refresh token ${simDefaults.lifetimes.refreshToken * simDefaults.timeScale} s)
  --profile P         how refresh-token reuse is treated (default ${simDefaults.profile}): ${profileUsage}
  --control-token T   bearer token for the control API (default: random)`;

/** The simulator options the command line asks for; an absent flag stays undefined and means the default. */
export function parseSimArgs(argv: string[]): { help: boolean; options: OidcSimOptions } {
  const { values } = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    users: { type: 'string' },
    'user-count': { type: 'string' },
    'time-scale': { type: 'string' },
    'control-token': { type: 'string' },
    profile: { type: 'string' },
  });
  const profile = parseProfile(values.profile);
  return {
    help: values.help ?? false,
    options: {
      port: intOption(values.port, 'port'),
      host: values.host,
      seed: intOption(values.seed, 'seed'),
      users: values.users?.split(',').filter(Boolean),
      userCount: intOption(values['user-count'], 'user-count'),
      timeScale: numberOption(values['time-scale'], 'time-scale'),
      controlToken: values['control-token'],
      ...(profile ? { profile } : {}),
    },
  };
}

export async function simCommand(argv: string[]): Promise<number> {
  const { help, options } = parseSimArgs(argv);
  if (help) {
    console.log(simUsage);
    return 0;
  }
  let sim;
  try {
    sim = await createOidcSim(options);
  } catch (err) {
    if (err instanceof SimError) throw new UsageError(err.message);
    throw err;
  }
  process.stdout.write(
    `${JSON.stringify({
      issuer: sim.issuer,
      resourceUrl: sim.resourceUrl,
      controlUrl: sim.controlUrl,
      controlToken: sim.controlToken,
      clients: sim.clients,
      users: sim.users.map((u) => ({ username: u.username, sub: u.sub, email: u.email })),
      lifetimes: sim.lifetimes,
      profile: sim.profile,
    })}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}
