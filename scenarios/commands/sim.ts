import { readFile } from 'node:fs/promises';
import { createOidcSim, SimError, type OidcSimOptions } from '../../oidc-sim/index.js';
import { UsageError } from '../usage-error.js';
import { parseProfile, profileUsage } from './profile-option.js';
import { intOption, numberOption, parse } from './parse.js';

export const simUsage = `oidc-harness sim [options]

Starts the OIDC simulator and prints one JSON line on stdout: issuer, RFC 8414 metadata URL, registration
endpoint, resource API URL, control URL and token, clients (with redirect URIs, grant types and authentication
method) and users. Runs until interrupted (Ctrl-C).

Options:
  --port N            port to listen on (default 0: any free port)
  --host H            loopback address: 127.0.0.1 (default) or ::1
  --seed N            seed for generated users (default 1)
  --users a,b         named users (default alice,bob)
  --user-count N      generated users besides the named ones (default 4)
  --time-scale F      multiply every lifetime (default 0.2: refresh token 6 s)
  --profile P         how refresh-token reuse is treated (default strict): ${profileUsage}
  --control-token T   bearer token for the control API (default: random)
  --redirect-uri URI  another redirect URI for both built-in clients (repeatable); loopback ones match any port
  --client JSON       another client (repeatable), e.g. '{"clientId":"my-app","redirectUris":["http://127.0.0.1:3000/cb"]}'
                      with "clientSecret" for a confidential one and "grantTypes" to narrow its grants
  --registration M    dynamic client registration: loopback (default: loopback redirect URIs only), open, off
  --config FILE       a JSON file of simulator options (oidc-sim/defaults.ts); the flags above win, lists add up`;

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
    'redirect-uri': { type: 'string', multiple: true },
    client: { type: 'string', multiple: true },
    registration: { type: 'string' },
    config: { type: 'string' },
  });
  if (values.help) {
    console.log(simUsage);
    return 0;
  }
  const profile = parseProfile(values.profile);
  const file = values.config ? await readConfig(values.config) : {};
  const clients = (values.client ?? []).map((text, i) => jsonObject(text, `--client (#${i + 1})`));
  let sim;
  try {
    sim = await createOidcSim({
      ...file,
      extraRedirectUris: addUp(file.extraRedirectUris, values['redirect-uri'] ?? []),
      extraClients: addUp(file.extraClients, clients),
      ...(values.registration ? { registration: values.registration as OidcSimOptions['registration'] } : {}),
      ...defined({
        port: intOption(values.port, 'port'),
        host: values.host,
        seed: intOption(values.seed, 'seed'),
        users: values.users?.split(',').filter(Boolean),
        userCount: intOption(values['user-count'], 'user-count'),
        timeScale: numberOption(values['time-scale'], 'time-scale'),
        controlToken: values['control-token'],
        profile,
      }),
    });
  } catch (err) {
    if (err instanceof SimError) throw new UsageError(err.message);
    throw err;
  }
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
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
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
