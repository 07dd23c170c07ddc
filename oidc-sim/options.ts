import { z } from 'zod';
import { simDefaults, type Lifetimes } from './defaults.js';
import type { ProfileOption } from './profiles/profile-registry.js';
import { InvalidOptionError } from './errors.js';
import { GRANT_TYPES } from './sim-clients.js';
import { issuerPreset } from './profiles/issuer-preset.js';
import { normalizeProfile, profileOptionSchema } from './profiles/profile-registry.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const seconds = z.number().positive();
// http(s) only and no fragment: what oidc-provider accepts for a web client, checked here to name the bad field.
const redirectUri = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).refine((u) => !u.includes('#'), 'must not contain a fragment');

const optionsSchema = z.strictObject({
  host: z.string().refine((h) => LOOPBACK.has(h), 'must be a loopback address (127.0.0.1 or ::1)').optional(),
  port: z.number().int().min(0).max(65535).optional(),
  seed: z.number().int().optional(),
  userCount: z.number().int().min(0).max(100_000).optional(),
  users: z.array(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'usernames are letters, digits, . _ -')).optional(),
  timeScale: z.number().positive().max(100).optional(),
  lifetimes: z
    .strictObject({
      accessToken: seconds.optional(),
      refreshToken: seconds.optional(),
      idToken: seconds.optional(),
      authorizationCode: seconds.optional(),
      deviceCode: seconds.optional(),
      session: seconds.optional(),
      grant: seconds.optional(),
      interaction: seconds.optional(),
    })
    .optional(),
  clockTolerance: z.number().min(0).optional(),
  exposeErrorDetail: z.boolean().optional(),
  idTokenAlg: z.enum(['ES256', 'RS256']).optional(),
  confidentialClient: z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(8) }).optional(),
  publicClient: z.strictObject({ clientId: z.string().min(1) }).optional(),
  redirectUri: redirectUri.optional(),
  extraRedirectUris: z.array(redirectUri).optional(),
  extraClients: z
    .array(
      z.strictObject({
        clientId: z.string().regex(/^[\w.~:-]{1,128}$/, 'letters, digits, . _ ~ : - (at most 128)'),
        clientSecret: z.string().min(8).optional(),
        redirectUris: z.array(redirectUri).min(1, 'name at least one redirect URI'),
        grantTypes: z.array(z.enum([...GRANT_TYPES, 'client_credentials'])).min(1).optional(),
      }),
    )
    .optional(),
  registration: z.enum(['loopback', 'open', 'off']).optional(),
  resourceTokenFormat: z.enum(['jwt', 'opaque']).optional(),
  deviceInterval: seconds.optional(),
  expiredRetention: z.number().min(0).optional(),
  controlToken: z.string().optional(),
  ledgerLimit: z.number().int().min(1).optional(),
  // Checked in full by the profile's own plug-in schema (normalizeProfile), which names the bad field.
  profile: profileOptionSchema.optional(),
  skewMs: z.number().finite().optional(),
  impersonate: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) issuer URL, e.g. https://accounts.google.com' })
    .refine((u) => !/[?#]/.test(u), 'an issuer has no query or fragment')
    .optional(),
  browserlessTimeoutSeconds: z.number().positive().max(86_400).optional(),
});

export type OidcSimOptions = Omit<z.input<typeof optionsSchema>, 'profile'> & { profile?: ProfileOption };

export interface SimConfig extends Omit<typeof simDefaults, 'lifetimes'> {
  /** Effective lifetimes in whole seconds, after `timeScale`. */
  lifetimes: Lifetimes;
  /** Effective retention of expired records, in milliseconds. */
  expiredRetentionMs: number;
  /** Effective device polling interval in whole seconds, after `timeScale`. */
  deviceInterval: number;
}

/** Validates options and applies defaults; throws InvalidOptionError naming the first bad field. */
export function resolveOptions(input: unknown = {}): SimConfig {
  const parsed = optionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'options');
    throw new InvalidOptionError(field, issue.message);
  }
  // An option passed as undefined (an absent CLI flag) means "the default", never "unset" (issue 12).
  const o = definedOnly(parsed.data);
  const timeScale = o.timeScale ?? simDefaults.timeScale;
  const raw = { ...simDefaults.lifetimes, ...definedOnly(o.lifetimes ?? {}) };
  const lifetimes = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Math.max(1, Math.ceil(v * timeScale))]),
  ) as Lifetimes;
  const users = [...new Set(o.users ?? simDefaults.users)];
  return {
    ...simDefaults,
    ...o,
    host: o.host === 'localhost' ? '127.0.0.1' : (o.host ?? simDefaults.host),
    users,
    timeScale,
    lifetimes,
    expiredRetentionMs: (o.expiredRetention ?? simDefaults.expiredRetention) * timeScale * 1000,
    deviceInterval: Math.max(1, Math.ceil((o.deviceInterval ?? simDefaults.deviceInterval) * timeScale)),
    extraRedirectUris: [...new Set(o.extraRedirectUris ?? [])],
    extraClients: o.extraClients ?? [],
    confidentialClient: o.confidentialClient ?? simDefaults.confidentialClient,
    publicClient: o.publicClient ?? simDefaults.publicClient,
    profile: normalizeProfile(o.profile ?? defaultProfile(o.impersonate)) as ProfileOption,
    impersonate: o.impersonate ?? simDefaults.impersonate,
  };
}

/** An impersonated provider's preset; an issuer none recognises must name its profile rather than get 'strict' silently. */
function defaultProfile(impersonate: string | undefined): ProfileOption {
  if (!impersonate) return simDefaults.profile;
  const preset = issuerPreset(impersonate);
  if (!preset) {
    throw new InvalidOptionError('profile', `no provider preset is known for ${impersonate}; name one (auth0, okta, keycloak, hydra, entra, google) or a rule (strict, grace, max-reuse, no-rotation)`);
  }
  return preset;
}

function definedOnly<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
