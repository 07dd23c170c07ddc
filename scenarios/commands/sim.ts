import { createOidcSim, SimError } from '../../oidc-sim/index.js';
import { UsageError } from '../usage-error.js';
import { parseProfile, profileUsage } from './profile-option.js';
import { intOption, numberOption, parse } from './parse.js';

export const simUsage = `oidc-harness sim [options]

Starts the OIDC simulator and prints one JSON line on stdout: issuer, resource API URL, control URL and token,
clients and users. Runs until interrupted (Ctrl-C).

Options:
  --port N            port to listen on (default 0: any free port)
  --host H            loopback address: 127.0.0.1 (default) or ::1
  --seed N            seed for generated users (default 1)
  --users a,b         named users (default alice,bob)
  --user-count N      generated users besides the named ones (default 4)
  --time-scale F      multiply every lifetime (default 0.2: refresh token 6 s)
  --profile P         how refresh-token reuse is treated (default strict): ${profileUsage}
  --control-token T   bearer token for the control API (default: random)`;

export async function simCommand(argv: string[]): Promise<number> {
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
  if (values.help) {
    console.log(simUsage);
    return 0;
  }
  const profile = parseProfile(values.profile);
  let sim;
  try {
    sim = await createOidcSim({
      port: intOption(values.port, 'port'),
      host: values.host,
      seed: intOption(values.seed, 'seed'),
      users: values.users?.split(',').filter(Boolean),
      userCount: intOption(values['user-count'], 'user-count'),
      timeScale: numberOption(values['time-scale'], 'time-scale'),
      controlToken: values['control-token'],
      ...(profile ? { profile } : {}),
    });
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
