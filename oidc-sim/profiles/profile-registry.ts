import { z } from 'zod';
import { InvalidOptionError } from '../errors.js';
import { parseInput } from '../parse-input.js';
import { grace } from './grace.js';
import { maxReuse } from './max-reuse.js';
import { noRotation } from './no-rotation.js';
import { auth0, entra, google, hydra, keycloak, okta } from './presets.js';
import type { ProfileDefinition, ReusePolicy } from './reuse-policy.js';
import { strict } from './strict.js';

/** Every provider profile by name: the four rules, then the presets that map real providers onto them. */
export const profiles = {
  strict,
  grace,
  'max-reuse': maxReuse,
  'no-rotation': noRotation,
  auth0,
  okta,
  keycloak,
  hydra,
  entra,
  google,
} satisfies Record<string, ProfileDefinition>;

export type ProfileName = keyof typeof profiles;
export const profileNames = Object.keys(profiles) as ProfileName[];
type Options<K extends ProfileName> = z.input<(typeof profiles)[K]['schema']>;
/** `'strict'`, a preset name, or the object form with options, e.g. `{ kind: 'grace', windowSeconds: 30 }`. */
export type ProfileOption = ProfileName | { [K in ProfileName]: Options<K> }[ProfileName];

export const profileOptionSchema = z.union([z.string(), z.looseObject({ kind: z.string() })]);

/** Checks a profile option against its plug-in's schema; returns it in object form with defaults applied. */
export function normalizeProfile(option: unknown = 'strict'): { kind: ProfileName } & Record<string, unknown> {
  const kind = typeof option === 'string' ? option : (option as { kind?: unknown })?.kind;
  const def = typeof kind === 'string' && Object.hasOwn(profiles, kind) ? (profiles[kind as ProfileName] as ProfileDefinition) : undefined;
  if (!def) {
    const field = typeof option === 'string' ? 'profile' : 'profile.kind';
    throw new InvalidOptionError(field, `unknown profile ${JSON.stringify(kind)} (one of ${Object.keys(profiles).join(', ')})`);
  }
  return parseInput(def.schema, typeof option === 'string' ? { kind } : option, 'profile') as { kind: ProfileName } & Record<string, unknown>;
}

export function buildProfile(option: unknown, timeScale: number): ReusePolicy {
  const normalized = normalizeProfile(option);
  return (profiles[normalized.kind] as ProfileDefinition).build(normalized, { timeScale });
}

/** Throws InvalidOptionError naming what is wrong with a profile option, before any simulator starts. */
export function validateProfile(option: unknown): void {
  buildProfile(option, 1);
}
