import { NO_PASSWORD } from '../auth/passwords.js';
import { conflict, notFound } from '../domain/DomainError.js';
import type { Assignment } from '../oidc/config.js';
import type { IdentityRecord, UserRecord } from '../store/types.js';
import { quietly, type AuditNote, type Command } from './command.js';

/**
 * Who a person signing in through the identity provider is in Samskriv, and linking accounts
 * to the provider's people with the CLI. One aggregate (an account's identity), one file.
 */

/** What the provider says about the person, already checked (the ID token's signature, nonce, ...). */
export interface ProvenIdentity {
  issuer: string;
  subject: string;
  /** Their e-mail, when the provider gives one and does not call it unverified. */
  email: string | null;
  name: string;
  /** The username a new account would start from (usernameBase). */
  usernameBase: string;
  /** What the claim mapping makes them (null: nothing; `ambiguous`: several ministries). */
  assignment: Assignment | 'ambiguous' | null;
}

export type IdentityOutcome =
  | { ok: true; user: UserRecord; created: boolean }
  /** `unknown`: neither linked nor mapped; `disabled`: the account is; `ambiguous`: the claims give several ministries. */
  | { ok: false; reason: 'unknown' | 'disabled' | 'ambiguous' };

const systemNote = (kind: AuditNote['kind'], username: string, before: unknown, after: unknown): AuditNote => ({
  actor: { kind: 'system' },
  kind,
  target: { roundId: null, measure: null, id: username },
  before,
  after,
});

const sameAssignment = (user: UserRecord, assignment: Assignment): boolean => user.role === assignment.role && user.ministry === assignment.ministry;

/** `base`, else `base-2`, `base-3`, ...: never an account that exists (which would be taken over). */
async function freeUsername(tx: Parameters<Command<unknown>>[0], base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await tx.getUser(candidate))) return candidate;
  }
}

/**
 * Finds (or makes) the account of a person the identity provider vouched for, in one
 * transaction, so two sign-ins of a new person at once make one account:
 * 1. linked by the provider's subject: that account. One the claim mapping made follows the
 *    claims (its role and ministry change with them; no mapping any more is a refusal); one
 *    linked with the CLI keeps what the CLI gave it.
 * 2. pre-registered with the CLI by this e-mail: that account, and the subject is bound to it.
 * 3. the claim mapping knows them: a new account (no password) with what it says.
 * 4. otherwise refused, and nothing is made.
 */
export function identifyPerson(person: ProvenIdentity): Command<IdentityOutcome> {
  return async (tx, { now }) => {
    const at = now().toISOString();
    const audit: AuditNote[] = [];
    const linked = await tx.identityBySubject(person.issuer, person.subject);
    if (linked) {
      let user = await tx.getUser(linked.username);
      if (!user) return quietly({ ok: false, reason: 'unknown' });
      if (linked.origin === 'claims') {
        if (person.assignment === null || person.assignment === 'ambiguous') {
          return quietly({ ok: false, reason: person.assignment === null ? 'unknown' : 'ambiguous' });
        }
        if (!sameAssignment(user, person.assignment)) {
          const { role, ministry } = person.assignment;
          await tx.setRole(user.username, role, ministry, at);
          audit.push(systemNote('account.role', user.username, { role: user.role, ministry: user.ministry }, { role, ministry, via: 'oidc' }));
          user = { ...user, role, ministry };
        }
      }
      if (user.disabled) return { ...quietly({ ok: false, reason: 'disabled' } as const), audit };
      return { ...quietly({ ok: true, user, created: false } as const), audit };
    }

    const pending = person.email === null ? null : await tx.pendingIdentityByEmail(person.email);
    if (pending) {
      const user = await tx.getUser(pending.username);
      if (!user) return quietly({ ok: false, reason: 'unknown' });
      await tx.setIdentity({ ...pending, subject: { issuer: person.issuer, subject: person.subject }, linkedAt: at });
      const note = systemNote('account.link', user.username, { email: pending.email, subject: null }, { email: pending.email, issuer: person.issuer, subject: person.subject });
      if (user.disabled) return { ...quietly({ ok: false, reason: 'disabled' } as const), audit: [note] };
      return { ...quietly({ ok: true, user, created: false } as const), audit: [note] };
    }

    if (person.assignment === null || person.assignment === 'ambiguous') {
      return quietly({ ok: false, reason: person.assignment === null ? 'unknown' : 'ambiguous' });
    }
    const username = await freeUsername(tx, person.usernameBase);
    const { role, ministry } = person.assignment;
    await tx.createUsers([{ username, name: person.name, role, ministry, passwordHash: NO_PASSWORD, demo: false, email: person.email }], at);
    await tx.setIdentity({
      username,
      subject: { issuer: person.issuer, subject: person.subject },
      email: person.email,
      origin: 'claims',
      createdAt: at,
      linkedAt: at,
    });
    const user = await tx.getUser(username);
    if (!user) throw new Error(`account ${username} vanished in its own transaction`);
    return {
      ...quietly({ ok: true, user, created: true } as const),
      audit: [systemNote('account.add', username, null, { name: person.name, role, ministry, via: 'oidc', issuer: person.issuer, subject: person.subject })],
    };
  };
}

/** The audit row of an identity change made with the CLI. */
function cliNote(username: string, before: IdentityRecord | null, after: IdentityRecord | null): AuditNote {
  const shape = (identity: IdentityRecord | null) =>
    identity && { issuer: identity.subject?.issuer ?? null, subject: identity.subject?.subject ?? null, email: identity.email };
  return { actor: { kind: 'cli' }, kind: 'account.link', target: { roundId: null, measure: null, id: username }, before: shape(before), after: shape(after) };
}

/**
 * Links an account to the identity provider's person (CLI): by subject (`issuer` and `subject`)
 * or by e-mail (bound to the subject at the first sign-in with it). Replaces an earlier link.
 */
export function linkIdentity(username: string, link: { issuer: string; subject: string } | { email: string }): Command<void> {
  return async (tx, { now }) => {
    if (!(await tx.getUser(username))) throw notFound(`account ${username}`);
    const at = now().toISOString();
    if ('subject' in link) {
      const holder = await tx.identityBySubject(link.issuer, link.subject);
      if (holder && holder.username !== username) throw conflict(`subject ${link.subject} is linked to ${holder.username} already`, 'subject');
    } else {
      const holder = await tx.pendingIdentityByEmail(link.email);
      if (holder && holder.username !== username) throw conflict(`${link.email} is pre-registered for ${holder.username} already`, 'email');
    }
    const before = await tx.identityOf(username);
    const identity: IdentityRecord =
      'subject' in link
        ? { username, subject: { issuer: link.issuer, subject: link.subject }, email: null, origin: 'cli', createdAt: at, linkedAt: at }
        : { username, subject: null, email: link.email.toLowerCase(), origin: 'cli', createdAt: at, linkedAt: null };
    await tx.setIdentity(identity);
    return { ...quietly(undefined), audit: [cliNote(username, before, identity)] };
  };
}

/** Removes an account's link to the identity provider (CLI); it can then sign in only with a password, if it has one. */
export function unlinkIdentity(username: string): Command<void> {
  return async (tx) => {
    const before = await tx.identityOf(username);
    if (!before) throw notFound(`a link of account ${username}`);
    await tx.deleteIdentity(username);
    return { ...quietly(undefined), audit: [cliNote(username, before, null)] };
  };
}

