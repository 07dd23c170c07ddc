import { readFile } from 'node:fs/promises';
import { createOidcSim, simDefaults, SimError, type OidcSimOptions } from '../../oidc-sim/index.js';
import { UsageError } from '../usage-error.js';
import { parseProfile, profileUsage } from './profile-option.js';
import { intOption, numberOption, parse } from './parse.js';

export const simUsage = `oidc-harness sim [options]

Starts the OIDC simulator and prints one JSON line on stdout: issuer, RFC 8414 metadata URL, registration
endpoint, resource API URL, control URL and token, clients (with redirect URIs, grant types and authentication
method) and users. Runs until interrupted (Ctrl-C).

Options:
  --port N            port to listen on (default ${simDefaults.port}: any free port)
  --host H            loopback address: ${simDefaults.host} (default) or ::1
  --seed N            seed for generated users (default ${simDefaults.seed})
  --users a,b         named users (default ${simDefaults.users.join(',')})
  --user-count N      generated users besides the named ones (default ${simDefaults.userCount})
  --time-scale F      multiply every lifetime (default ${simDefaults.timeScale}: refresh token ${simDefaults.lifetimes.refreshToken * simDefaults.timeScale} s)
  --profile P         how refresh-token reuse is treated (default ${simDefaults.profile}): ${profileUsage}
  --control-token T   bearer token for the control API (default: random)
  --redirect-uri URI  another redirect URI for both built-in clients (repeatable); loopback ones match any port
  --client JSON       another client (repeatable), e.g. '{"clientId":"my-app","redirectUris":["http://127.0.0.1:3000/cb"]}'
                      with "clientSecret" for a confidential one and "grantTypes" to narrow its grants
  --registration M    dynamic client registration: loopback (default: loopback redirect URIs only), open, off
  --config FILE       a JSON file of simulator options (oidc-sim/defaults.ts); the flags above win, lists add up`;

/** The simulator options the command line asks for; an absent flag stays undefined and means the default. */
export function parseSimArgs(argv: string[]): { help: boolean; options: OidcSimOptions; config?: string } {
  const { values } = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    users: { type: 'string' },
    'user-count': { type: 'string' },
    'time-scale': { type: 'string' },
    'control-token': { type: 'string' },
    profile: { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true },
    client: { type: 'string', multiple: true },
    registration: { type: 'string' },
    config: { type: 'string' },
  });
  const profile = parseProfile(values.profile);
  const clients = (values.client ?? []).map((text, i) => jsonObject(text, `--client (#${i + 1})`));
  return {
    help: values.help ?? false,
    ...(values.config ? { config: values.config } : {}),
    options: {
      port: intOption(values.port, 'port'),
      host: values.host,
      seed: intOption(values.seed, 'seed'),
      users: values.users?.split(',').filter(Boolean),
      userCount: intOption(values['user-count'], 'user-count'),
      timeScale: numberOption(values['time-scale'], 'time-scale'),
      controlToken: values['control-token'],
      ...(profile ? { profile } : {}),
      ...(values['redirect-uri']?.length ? { extraRedirectUris: values['redirect-uri'] } : {}),
      ...(clients.length ? { extraClients: clients as NonNullable<OidcSimOptions['extraClients']> } : {}),
      ...(values.registration ? { registration: values.registration as OidcSimOptions['registration'] } : {}),
    },
  };
}

export async function simCommand(argv: string[]): Promise<number> {
  const { help, options, config } = parseSimArgs(argv);
  if (help) {
    console.log(simUsage);
    return 0;
  }
  const file = config ? await readConfig(config) : {};
  let sim;
  try {
    sim = await createOidcSim({
      ...file,
      ...defined(options),
      extraRedirectUris: addUp(file.extraRedirectUris, options.extraRedirectUris ?? []),
      extraClients: addUp(file.extraClients, options.extraClients ?? []),
    });
  } catch (err) {
    if (err instanceof SimError) throw new UsageError(err.message);
    throw err;
  }
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write(
    `${JSON.stringify({
      issuer: sim.issuer,
      metadataUrl: sim.metadataUrl,
      registrationEndpoint: sim.registrationEndpoint,
      resourceUrl: sim.resourceUrl,
      controlUrl: sim.controlUrl,
      controlToken: sim.controlToken,
      clients: sim.clients,
      users: sim.users.map((u) => ({ username: u.username, sub: u.sub, email: u.email })),
      lifetimes: sim.lifetimes,
      profile: sim.profile,
    })}\n`,
  );
  await stopped;
  await sim.close();
  return 0;
}

/** A list from the file plus the same list from flags; anything but a list is left for the option schema to name. */
function addUp<T>(fromFile: T[] | undefined, fromFlags: unknown[]): T[] | undefined {
  if (!fromFlags.length) return fromFile;
  return (Array.isArray(fromFile) ? [...fromFile, ...fromFlags] : (fromFile ?? fromFlags)) as T[];
}

/** Flags left out keep the config file's value (or the default), rather than overriding it with undefined. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function jsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} must be JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

async function readConfig(path: string): Promise<OidcSimOptions> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--config ${path}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  // Checked in full by the simulator's own option schema, which names the bad field.
  return jsonObject(text, `--config ${path}`) as OidcSimOptions;
}
