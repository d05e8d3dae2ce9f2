import type { MinistryCode } from '../../shared/ministries.js';
import type { Role } from '../../shared/permissions.js';
import { conflict, notFound } from '../domain/DomainError.js';
import type { NewUser } from '../store/types.js';
import { quietly, type Command } from './command.js';

/**
 * Account changes, made by whoever runs the account CLI on the data directory (the operator:
 * no session, so no `can()`); a running server notices them within a second (the session
 * watch) and ends or re-rights the sockets concerned. One aggregate, one file.
 */

export function addAccount(user: NewUser): Command<void> {
  return async (tx, { now }) => {
    if (await tx.getUser(user.username)) throw conflict(`${user.username} exists already`, 'username');
    await tx.createUsers([user], now().toISOString());
    return quietly(undefined);
  };
}

/** A new password; clears the demo mark and ends the account's sessions. */
export function setPassword(username: string, passwordHash: string): Command<void> {
  return async (tx, { now }) => {
    if (!(await tx.setPassword(username, passwordHash, now().toISOString()))) throw notFound(`account ${username}`);
    return quietly(undefined);
  };
}

/** Disables (ending every session) or enables an account. */
export function setDisabled(username: string, disabled: boolean): Command<void> {
  return async (tx, { now }) => {
    if (!(await tx.setDisabled(username, disabled, now().toISOString()))) throw notFound(`account ${username}`);
    return quietly(undefined);
  };
}

export function setRole(username: string, role: Role, ministry: MinistryCode | null): Command<void> {
  return async (tx, { now }) => {
    if (!(await tx.setRole(username, role, ministry, now().toISOString()))) throw notFound(`account ${username}`);
    return quietly(undefined);
  };
}

/** Sets (or, with null, removes) the address notifications are e-mailed to. */
export function setEmail(username: string, email: string | null): Command<void> {
  return async (tx, { now }) => {
    if (!(await tx.setEmail(username, email, now().toISOString()))) throw notFound(`account ${username}`);
    return quietly(undefined);
  };
}
