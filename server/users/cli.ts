import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { MIN_PASSWORD_CHARS, MAX_PASSWORD_CHARS, UsernameSchema } from '../../shared/auth.js';
import { EmailAddressSchema } from '../../shared/notificationSettings.js';
import { MinistryCodeSchema, type MinistryCode } from '../../shared/ministries.js';
import { RoleSchema, type Role } from '../../shared/permissions.js';
import { hashPassword, isPasswordHash, NO_PASSWORD, type PasswordCost } from '../auth/passwords.js';
import { addAccount, setDisabled, setEmail, setPassword, setRole } from '../commands/accounts.js';
import { Commands } from '../commands/command.js';
import { linkIdentity, unlinkIdentity } from '../commands/identities.js';
import { readConfig, type Config } from '../config.js';
import { DomainError } from '../domain/DomainError.js';
import { PostgresStore } from '../store/postgres/postgresStore.js';
import { SqliteStore } from '../store/sqliteStore.js';
import type { Store } from '../store/types.js';

/**
 * `npm run user -- <command>`: manages accounts in DATA_DIR's database, also while the server
 * runs (a running server ends the sessions of a disabled account, or of one whose role changes,
 * within about a second). Passwords are read from standard input, never from the command line.
 */
const USAGE = `usage: npm run user -- <command>
  add <username> --name "<display name>" --role coordinator|editor|reader [--ministry <code>]
      [--oidc-subject <sub> | --oidc-email <address>]
                               with --oidc-*: signs in through the identity provider, no password
  passwd <username>            set a new password (ends the account's sessions)
  disable <username>           ends the account's sessions and refuses sign-in
  enable <username>
  role <username> <role> [--ministry <code>]
  email <username> <address>  where notifications are e-mailed (with SMTP_URL on the server)
  email <username> --none      no e-mail for this account
  link <username> --subject <sub>    the identity provider's person (OIDC_ISSUER's subject) is this account
  link <username> --email <address>  ... the one whose e-mail this is, bound at their first sign-in
  unlink <username>
  list
Passwords are read from standard input (asked twice on a terminal). DATA_DIR as for the server.`;

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  if (!process.stdin.isTTY) {
    for await (const line of lines) return checkPassword(line);
    throw new UsageError('no password on standard input');
  }
  const ask = async (prompt: string): Promise<string> => {
    process.stdout.write(prompt);
    process.stdin.setRawMode(true);
    let value = '';
    try {
      for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return value;
          if (ch === '\u0003') throw new UsageError('cancelled');
          value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
        }
      }
      return value;
    } finally {
      process.stdin.setRawMode(false);
      process.stdout.write('\n');
    }
  };
  lines.close();
  const first = await ask('New password: ');
  const second = await ask('Again: ');
  if (first !== second) throw new UsageError('the passwords differ');
  return checkPassword(first);
}

function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_CHARS) throw new UsageError(`a password needs at least ${MIN_PASSWORD_CHARS} characters`);
  if (password.length > MAX_PASSWORD_CHARS) throw new UsageError(`a password has at most ${MAX_PASSWORD_CHARS} characters`);
  return password;
}

function parseUsername(value: string | undefined): string {
  const parsed = UsernameSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`username: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function parseRole(value: string | undefined): Role {
  const parsed = RoleSchema.safeParse(value);
  if (!parsed.success) throw new UsageError('role: one of coordinator, editor, reader');
  return parsed.data;
}

function parseMinistry(value: string | undefined, role: Role): MinistryCode | null {
  if (value === undefined) {
    if (role === 'editor') throw new UsageError('an editor needs --ministry');
    return null;
  }
  const parsed = MinistryCodeSchema.safeParse(value.toUpperCase());
  if (!parsed.success) throw new UsageError(`ministry: one of ${MinistryCodeSchema.options.join(', ')}`);
  return parsed.data;
}

function parseEmail(value: string | undefined, option: string): string {
  const address = EmailAddressSchema.safeParse(value?.trim());
  if (!address.success) throw new UsageError(`${option}: ${value ?? '(none)'} is not an e-mail address`);
  return address.data.toLowerCase();
}

/** A link to the identity provider's person: by subject (of OIDC_ISSUER) or by e-mail. */
function parseLink(subject: string | undefined, email: string | undefined, oidc: Config['oidc'], names: [string, string]): { issuer: string; subject: string } | { email: string } | null {
  if (subject !== undefined && email !== undefined) throw new UsageError(`give ${names[0]} or ${names[1]}, not both`);
  if (email !== undefined) return { email: parseEmail(email, names[1]) };
  if (subject === undefined) return null;
  if (subject.trim() === '' || subject.length > 255) throw new UsageError(`${names[0]}: 1–255 characters`);
  if (!oidc) throw new UsageError(`${names[0]} needs OIDC_ISSUER (the server's) in the environment: a subject is the provider's`);
  return { issuer: oidc.issuer, subject: subject.trim() };
}

async function run(argv: string[], store: Store, config: Config): Promise<string> {
  const cost: PasswordCost = config.passwordCost;
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      ministry: { type: 'string' },
      none: { type: 'boolean' },
      'oidc-subject': { type: 'string' },
      'oidc-email': { type: 'string' },
      subject: { type: 'string' },
      email: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  // This process publishes nothing: a running server reads account changes from the database.
  const commands = new Commands(
    store,
    {
      narratives: { read: () => Promise.reject(new Error('the account CLI reads no narratives')) },
      now: () => new Date(),
      log: () => undefined,
    },
    () => undefined,
  );
  switch (command) {
    case 'add': {
      const username = parseUsername(rest[0]);
      const name = values.name?.trim();
      if (!name || name.length > 80) throw new UsageError('--name "<display name>" (1–80 characters) is required');
      const role = parseRole(values.role);
      const ministry = parseMinistry(values.ministry, role);
      const link = parseLink(values['oidc-subject'], values['oidc-email'], config.oidc, ['--oidc-subject', '--oidc-email']);
      if (await store.getUser(username)) throw new UsageError(`${username} exists already`);
      // Linked to the identity provider, the account needs no password (`passwd` can give it one).
      const passwordHash = link ? NO_PASSWORD : await hashPassword(await readPassword(), cost);
      await commands.run(addAccount({ username, name, role, ministry, passwordHash, demo: false }));
      if (link) await commands.run(linkIdentity(username, link));
      const through = link === null ? '' : 'subject' in link ? `, signs in through the identity provider as ${link.subject}` : `, signs in through the identity provider as ${link.email}`;
      return `added ${username} (${role}${ministry ? `, ${ministry}` : ''})${through}`;
    }
    case 'passwd': {
      const username = parseUsername(rest[0]);
      if (!(await store.getUser(username))) throw new UsageError(`no account ${username}`);
      await commands.run(setPassword(username, await hashPassword(await readPassword(), cost)));
      return `new password for ${username}; its sessions are ended`;
    }
    case 'disable':
    case 'enable': {
      const username = parseUsername(rest[0]);
      await commands.run(setDisabled(username, command === 'disable'));
      return command === 'disable' ? `disabled ${username}; its sessions are ended` : `enabled ${username}`;
    }
    case 'role': {
      const username = parseUsername(rest[0]);
      const role = parseRole(rest[1]);
      const ministry = parseMinistry(values.ministry, role);
      await commands.run(setRole(username, role, ministry));
      return `${username} is now ${role}${ministry ? ` for ${ministry}` : ''}`;
    }
    case 'email': {
      const username = parseUsername(rest[0]);
      if (values.none === true) {
        if (rest[1] !== undefined) throw new UsageError('give an address or --none, not both');
        await commands.run(setEmail(username, null));
        return `${username} has no e-mail address now`;
      }
      const address = EmailAddressSchema.safeParse(rest[1]?.trim());
      if (!address.success) throw new UsageError(rest[1] === undefined ? 'email: give an address, or --none' : `email: ${rest[1]} is not an e-mail address`);
      await commands.run(setEmail(username, address.data));
      return `notifications for ${username} are e-mailed to ${address.data}`;
    }
    case 'link': {
      const username = parseUsername(rest[0]);
      const link = parseLink(values.subject, values.email, config.oidc, ['--subject', '--email']);
      if (!link) throw new UsageError('link: give --subject <sub> or --email <address>');
      await commands.run(linkIdentity(username, link));
      return 'subject' in link ? `${username} is the identity provider's ${link.subject}` : `${username} is whoever first signs in through the identity provider as ${link.email}`;
    }
    case 'unlink': {
      const username = parseUsername(rest[0]);
      await commands.run(unlinkIdentity(username));
      return `${username} is linked to no one at the identity provider now`;
    }
    case 'list': {
      const identities = new Map((await store.listIdentities()).map((identity) => [identity.username, identity]));
      return (await store.listUsers())
        .map((u) => {
          const identity = identities.get(u.username);
          const link = !identity ? '' : identity.subject ? `oidc ${identity.subject.subject}` : `oidc ${identity.email ?? ''} (not yet signed in)`;
          return [u.username, u.role, u.ministry ?? '-', u.disabled ? 'disabled' : 'active', u.demo ? 'demo password' : '', isPasswordHash(u.passwordHash) ? '' : 'no password', link, u.email ?? '', u.name]
            .filter((part) => part !== '')
            .join('\t');
        })
        .join('\n');
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command');
  }
}

const config = readConfig(process.env);
const store: Store = config.databaseUrl ? await PostgresStore.open(config.databaseUrl) : new SqliteStore(resolve(config.dataDir));
try {
  console.log(await run(process.argv.slice(2), store, config));
} catch (error) {
  // A refusal from a command (no such account, one that exists) is the caller's mistake too.
  const usage = error instanceof UsageError || error instanceof DomainError;
  console.error(usage ? `${error.message}\n\n${USAGE}` : String(error));
  process.exitCode = usage ? 2 : 1;
} finally {
  store.close();
}
