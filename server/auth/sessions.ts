import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../shared/auth.js';
import type { AccountStore, AuditStore, IdentityStore, UserRecord } from '../store/types.js';
import { DEFAULT_PASSWORD_COST, hashPassword, isPasswordHash, verifyPassword, type PasswordCost } from './passwords.js';
import { HASH_QUEUE_LIMITS, HashQueue, HashQueueBusy, type HashQueueLimits } from './hashQueue.js';
import { ACCOUNT_LIMITS, ADDRESS_LIMITS, RecentAttempts, Throttle, type ThrottleLimits } from './throttle.js';

/** A session lasts one working day; signing in again starts a new one. */
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60_000;

/** A valid session: its id (the token's hash), who it is, and when it ends. */
export interface Authenticated {
  sessionId: string;
  user: SessionUser;
  expiresAt: string;
}

export type SignInResult =
  | { ok: true; token: string; auth: Authenticated }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number }
  /** Every password-check slot and the line behind them are taken: nothing was checked or counted. */
  | { ok: false; reason: 'busy'; retryAfterMs: number };

/** A new session: the cookie's token (never stored) and the session it stands for. */
export interface StartedSession {
  token: string;
  auth: Authenticated;
}

export interface SessionOptions {
  ttlMs: number;
  passwordCost: PasswordCost;
  accountLimits: ThrottleLimits;
  addressLimits: ThrottleLimits;
  /** How many password checks run at once, and how many may wait. */
  hashQueue: HashQueueLimits;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  ttlMs: DEFAULT_SESSION_TTL_MS,
  passwordCost: DEFAULT_PASSWORD_COST,
  accountLimits: ACCOUNT_LIMITS,
  addressLimits: ADDRESS_LIMITS,
  hashQueue: HASH_QUEUE_LIMITS,
};

/** The cookie holds a random token; the database holds only its SHA-256, so a copy of it signs nobody in. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function toSessionUser(user: UserRecord): SessionUser {
  return { username: user.username, name: user.name, ministry: user.ministry, role: user.role };
}

/**
 * What sessions are stored in: accounts and their sessions, the ID token an identity provider's
 * session began with, and the audit log, written in one transaction with the session it records.
 */
type SessionTables = AccountStore & Pick<IdentityStore, 'setSessionIdToken' | 'sessionIdToken'> & AuditStore;
export type SessionStore = SessionTables & { transaction<T>(fn: (tx: SessionTables) => Promise<T>): Promise<T> };

/** How a session began, as its `signin.success` row in the audit log says (`after`), and the identity provider's ID token. */
export interface SignInRecord {
  after: unknown;
  idToken?: string | null;
}

/** Sign-in, sign-out and session lookup, on top of the account store. */
export class Sessions {
  private readonly options: SessionOptions;
  private readonly accounts: Throttle;
  private readonly addresses: Throttle;
  private readonly hashes: HashQueue;
  /** Recent attempts per address (a decaying count): fewer gets an earlier place in the line of password checks. */
  private readonly recent = new RecentAttempts();
  /** Verified against for unknown usernames, so a miss costs as much time as a wrong password. */
  private dummyHash: Promise<string> | null = null;

  /**
   * Options not given (or given as undefined) are DEFAULT_SESSION_OPTIONS'. `observe` is told of
   * every account as storage answered for it now (a session checked or started): its role and
   * ministry as they are, for whoever decides rights per write.
   */
  constructor(
    private readonly store: SessionStore,
    options: Partial<SessionOptions>,
    private readonly log: (message: string) => void,
    private readonly observe: (user: SessionUser) => void = () => undefined,
  ) {
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    this.options = { ...DEFAULT_SESSION_OPTIONS, ...given };
    this.accounts = new Throttle(this.options.accountLimits);
    this.addresses = new Throttle(this.options.addressLimits);
    this.hashes = new HashQueue(this.options.hashQueue);
  }

  async signIn(username: string, password: string, address: string): Promise<SignInResult> {
    const accountKey = username.toLowerCase();
    const pressure = this.recent.record(address);
    // Checked and counted in one synchronous step, before the first await, so that attempts
    // in flight at the same time see each other; what turns out not to be a failure is forgiven.
    const wait = Math.max(this.accounts.waitFor(accountKey), this.addresses.waitFor(address));
    if (wait > 0) return { ok: false, reason: 'throttled', retryAfterMs: wait };
    const accountAttempt = this.accounts.count(accountKey);
    const addressAttempt = this.addresses.count(address);

    const user = await this.store.getUser(accountKey);
    // An account without a password (it signs in through the identity provider) costs the same too.
    const hasPassword = user !== null && isPasswordHash(user.passwordHash);
    const verified = this.hashes.run(async () => {
      this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.options.passwordCost);
      return verifyPassword(password, hasPassword ? user.passwordHash : await this.dummyHash);
    }, pressure);
    const busy = (): SignInResult => {
      this.accounts.forgive(accountAttempt);
      this.addresses.forgive(addressAttempt);
      return { ok: false, reason: 'busy', retryAfterMs: this.hashes.estimatedWaitMs() };
    };
    if (verified === null) return busy();
    let matches: boolean;
    try {
      // Awaited even for an unknown user: a miss takes as long as a wrong password.
      matches = await verified;
    } catch (error) {
      // Its place in the line went to a sign-in from an address that had tried less.
      if (error instanceof HashQueueBusy) return busy();
      throw error;
    }
    if (!user || !hasPassword || !matches || user.disabled) {
      this.log(`sign-in failed for ${JSON.stringify(accountKey.slice(0, 64))} from ${address}`);
      return { ok: false, reason: 'invalid' };
    }
    this.accounts.succeed(accountKey);
    this.addresses.forgive(addressAttempt);

    return { ok: true, ...(await this.start(user, { after: { address } })) };
  }

  /**
   * Starts a session for an account someone has proven to be (the password, or the identity
   * provider, whose ID token is kept for its sign-out), and records it in the audit log in the
   * same transaction: a sign-in whose row cannot be written does not happen.
   */
  async start(user: UserRecord, record: SignInRecord): Promise<StartedSession> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const session = {
      id: sessionIdOf(token),
      username: user.username,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.options.ttlMs).toISOString(),
    };
    const idToken = record.idToken ?? null;
    await this.store.transaction(async (tx) => {
      await tx.createSession(session);
      if (idToken !== null) await tx.setSessionIdToken(session.id, idToken);
      await tx.appendAudit({
        at: session.createdAt,
        actor: { kind: 'user', username: user.username, name: user.name },
        kind: 'signin.success',
        target: { roundId: null, measure: null, id: user.username },
        before: null,
        after: record.after,
      });
    });
    await this.store.deleteExpiredSessions(session.createdAt);
    const sessionUser = toSessionUser(user);
    this.observe(sessionUser);
    return { token, auth: { sessionId: session.id, user: sessionUser, expiresAt: session.expiresAt } };
  }

  /** The ID token the session began with, when it began at the identity provider. */
  idTokenOf(sessionId: string): Promise<string | null> {
    return this.store.sessionIdToken(sessionId);
  }

  /** The session a cookie's token belongs to, if it is still valid. */
  resolve(token: string): Promise<Authenticated | null> {
    return this.check(sessionIdOf(token));
  }

  /** The session with this id, if it still exists, has not expired and its account is enabled. */
  async check(sessionId: string): Promise<Authenticated | null> {
    const found = await this.store.getSession(sessionId, new Date().toISOString());
    if (!found) return null;
    const user = toSessionUser(found.user);
    this.observe(user);
    return { sessionId, user, expiresAt: found.session.expiresAt };
  }

  /**
   * Ends a session; signed out by `who`, its `signout` row in the audit log is written in the same
   * transaction (none for a session replaced by a new sign-in in the same browser, which its
   * `signin.success` records).
   */
  async signOut(sessionId: string, who?: { username: string; name: string }): Promise<void> {
    if (!who) {
      await this.store.deleteSession(sessionId);
      return;
    }
    await this.store.transaction(async (tx) => {
      await tx.deleteSession(sessionId);
      await tx.appendAudit({
        at: new Date().toISOString(),
        actor: { kind: 'user', username: who.username, name: who.name },
        kind: 'signout',
        target: { roundId: null, measure: null, id: who.username },
        before: null,
        after: null,
      });
    });
  }
}
