import type { Faker as FakerType } from '@faker-js/faker';
// The English locale alone: the package's main entry loads all of its 70 locales, some 30 MB in every simulator.
import { faker as english } from '@faker-js/faker/locale/en';

// The locale entry exports a ready instance only; its class and its (English + base) data make our seeded ones.
const Faker = english.constructor as typeof FakerType;
const en = english.rawDefinitions;

export interface SimUser {
  /** What login_hint and device approval name. */
  username: string;
  /** Stable subject identifier, derived from the seed. */
  sub: string;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
  company: string;
  jobTitle: string;
  city: string;
}

/**
 * Same seed, same users: each user gets its own faker seeded from (seed, username), so adding a user never
 * changes the others.
 */
export function generateUsers(seed: number, named: string[], count: number): SimUser[] {
  const generated: string[] = [];
  const picker = new Faker({ locale: [en], seed });
  const taken = new Set(named);
  while (generated.length < count) {
    const candidate = picker.internet.username().toLowerCase().replace(/[^a-z0-9._-]/g, '');
    const username = taken.has(candidate) || !candidate ? `${candidate || 'user'}${generated.length}` : candidate;
    if (taken.has(username)) continue;
    taken.add(username);
    generated.push(username);
  }
  return [...named, ...generated].map((username) => makeUser(seed, username));
}

function makeUser(seed: number, username: string): SimUser {
  const f = new Faker({ locale: [en] });
  f.seed([seed, ...[...username].map((c) => c.charCodeAt(0))]);
  const givenName = username.length <= 12 && /^[a-z]+$/.test(username) ? capitalise(username) : f.person.firstName();
  const familyName = f.person.lastName();
  return {
    username,
    sub: f.string.uuid(),
    name: `${givenName} ${familyName}`,
    givenName,
    familyName,
    email: `${username}@example.test`,
    company: f.company.name(),
    jobTitle: f.person.jobTitle(),
    city: f.location.city(),
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The profile the resource API and userinfo answer with: only the owner's own data. */
export function profileOf(user: SimUser) {
  return {
    sub: user.sub,
    username: user.username,
    name: user.name,
    email: user.email,
    company: user.company,
    job_title: user.jobTitle,
    city: user.city,
  };
}
