import type { MinistryCode } from '../../shared/ministries.js';
import type { Role } from '../../shared/permissions.js';
import { conflict, notFound } from '../domain/DomainError.js';
import type { NewUser } from '../store/types.js';
import type { AuditKind } from '../../shared/audit.js';
import { quietly, type AuditNote, type Command } from './command.js';

/**
 * Account changes, made by whoever runs the account CLI on the data directory (the operator:
 * no session, so no `can()`); a running server notices them within a second (the session
 * watch) and ends or re-rights the sockets concerned. One aggregate, one file.
 */

/** The audit row of an account change made with the CLI. */
function cliNote(kind: AuditKind, username: string, before: unknown, after: unknown): AuditNote {
  return { actor: { kind: 'cli' }, kind, target: { roundId: null, measure: null, id: username }, before, after };
}

export function addAccount(user: NewUser): Command<void> {
  return async (tx, { now }) => {
    if (await tx.getUser(user.username)) throw conflict(`${user.username} exists already`, 'username');
    await tx.createUsers([user], now().toISOString());
    return { ...quietly(undefined), audit: [cliNote('account.add', user.username, null, { name: user.name, role: user.role, ministry: user.ministry })] };
  };
}

/** A new password; clears the demo mark and ends the account's sessions. */
export function setPassword(username: string, passwordHash: string): Command<void> {
  return async (tx, { now }) => {
    if (!(await tx.setPassword(username, passwordHash, now().toISOString()))) throw notFound(`account ${username}`);
    // Never the hash: that a password was set, and when, is what the log keeps.
    return { ...quietly(undefined), audit: [cliNote('account.password', username, null, null)] };
  };
}

/** Disables (ending every session) or enables an account. */
export function setDisabled(username: string, disabled: boolean): Command<void> {
  return async (tx, { now }) => {
    const before = await tx.getUser(username);
    if (!(await tx.setDisabled(username, disabled, now().toISOString()))) throw notFound(`account ${username}`);
    return { ...quietly(undefined), audit: [cliNote(disabled ? 'account.disable' : 'account.enable', username, { disabled: before?.disabled ?? null }, { disabled })] };
  };
}

export function setRole(username: string, role: Role, ministry: MinistryCode | null): Command<void> {
  return async (tx, { now }) => {
    const before = await tx.getUser(username);
    if (!(await tx.setRole(username, role, ministry, now().toISOString()))) throw notFound(`account ${username}`);
    return {
      ...quietly(undefined),
      audit: [cliNote('account.role', username, before ? { role: before.role, ministry: before.ministry } : null, { role, ministry })],
    };
  };
}

/** Sets (or, with null, removes) the address notifications are e-mailed to. */
export function setEmail(username: string, email: string | null): Command<void> {
  return async (tx, { now }) => {
    const before = await tx.getUser(username);
    if (!(await tx.setEmail(username, email, now().toISOString()))) throw notFound(`account ${username}`);
    return { ...quietly(undefined), audit: [cliNote('account.email', username, { email: before?.email ?? null }, { email })] };
  };
}
