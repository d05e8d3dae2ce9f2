import type Database from 'better-sqlite3';
import type { MinistryCode } from '../../shared/ministries.js';
import type { Role } from '../../shared/permissions.js';
import type { Round, RoundDetail } from '../../shared/round.js';
import type { MeasureFieldsPatch } from '../../shared/measurePatch.js';
import type { CommentAuthor } from '../../shared/comments.js';
import type { EmailDelivery } from '../../shared/notificationSettings.js';
import type { SnapshotSummary } from '../../shared/snapshot.js';
import type { AuditEntry, AuditKind, AuditPage, AuditQuery } from '../../shared/audit.js';
import type {
  AppendedUpdate,
  ClientClaim,
  CommentRecord,
  CommentVolume,
  HistorySlice,
  IdentityRecord,
  MailOutcome,
  MeasureRecord,
  NewAuditEntry,
  NewNotification,
  NewRoundRecord,
  NewUser,
  NotificationRecord,
  PendingSignInRecord,
  RoundSeed,
  SessionRecord,
  SnapshotRecord,
  Store,
  StoredDocument,
  ThreadRecord,
  UpdateOrigin,
  UserRecord,
  VersionRecord,
} from './types.js';
import { SqliteAccounts } from './sqlite/accounts.js';
import { openDatabase } from './sqlite/connection.js';
import { SqliteDocuments } from './sqlite/documents.js';
import { SqliteAudit } from './sqlite/audit.js';
import { SqliteIdentities } from './sqlite/identities.js';
import { SqliteNotifications } from './sqlite/notifications.js';
import { SqliteRounds } from './sqlite/rounds.js';
import { SerialQueue } from './sqlite/SerialQueue.js';
import { SqliteSignIns } from './sqlite/signIns.js';
import { SqliteThreads } from './sqlite/threads.js';
import type { NewThread } from './rows/threads.js';

export { DATABASE_FILE } from './sqlite/connection.js';

/** Where a `tx` finds the transaction it belongs to (the outer store has none). */
const TRANSACTION = Symbol('transaction');

interface OpenTransaction {
  /** False once the transaction has committed or rolled back: its `tx` then refuses calls. */
  active: boolean;
}

function transactionOf(store: object): OpenTransaction | undefined {
  return (store as { [TRANSACTION]?: OpenTransaction })[TRANSACTION];
}

/** Runs `statements` now (an async function runs synchronously up to its first await); a throw becomes a rejection. */
async function settle<T>(statements: () => T): Promise<T> {
  return statements();
}

const ENDED = 'this transaction has ended: its tx may not be used after the promise its function returned settled';

/**
 * The embedded store: one SQLite file, one connection, one aggregate per file under sqlite/
 * (documents, rounds, accounts, identities, sign-ins in progress, threads, notifications, audit),
 * each with its statements prepared once. Every write is committed before its promise resolves.
 *
 * `transaction(fn)` holds the connection in BEGIN IMMEDIATE while `fn` awaits; a queue keeps
 * every other call on this store (reads too) until it has committed or rolled back. `tx` is this
 * very store seen through a Proxy that marks it as inside the transaction, so a subclass's
 * overrides run for calls through `tx` as well (overrides must not use `#private` fields).
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly documents: SqliteDocuments;
  private readonly rounds: SqliteRounds;
  private readonly accounts: SqliteAccounts;
  private readonly identities: SqliteIdentities;
  private readonly signIns: SqliteSignIns;
  private readonly threads: SqliteThreads;
  private readonly notifications: SqliteNotifications;
  private readonly audit: SqliteAudit;
  private readonly queue = new SerialQueue();
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;

  constructor(dataDir: string) {
    this.db = openDatabase(dataDir);
    this.begin = this.db.prepare('BEGIN IMMEDIATE');
    this.commit = this.db.prepare('COMMIT');
    this.rollback = this.db.prepare('ROLLBACK');
    this.documents = new SqliteDocuments(this.db);
    this.rounds = new SqliteRounds(this.db, this.documents);
    this.accounts = new SqliteAccounts(this.db);
    this.identities = new SqliteIdentities(this.db);
    this.signIns = new SqliteSignIns(this.db);
    this.threads = new SqliteThreads(this.db);
    this.notifications = new SqliteNotifications(this.db);
    this.audit = new SqliteAudit(this.db);
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    const open = transactionOf(this);
    // Inline, without a savepoint: an inner rejection that `fn` catches leaves the inner writes in.
    if (open) return open.active ? (async () => fn(this))() : Promise.reject(new Error(ENDED));
    return this.queue.run(() => this.runTransaction(fn));
  }

  private async runTransaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    const state: OpenTransaction = { active: true };
    const tx = new Proxy(this, {
      get: (target, key, receiver) => (key === TRANSACTION ? state : Reflect.get(target, key, receiver)),
    });
    this.begin.run();
    try {
      const result = await fn(tx);
      this.commit.run();
      return result;
    } catch (error) {
      // SQLite may already have rolled back by itself (a full disk, an I/O error).
      if (this.db.inTransaction) this.rollback.run();
      throw error;
    } finally {
      state.active = false;
    }
  }

  /**
   * Runs one method's statements (synchronous, so nothing interleaves with them): at once
   * through `tx`; on the store itself at once when no transaction is open or waiting, else
   * after those, in order.
   */
  private execute<T>(statements: () => T): Promise<T> {
    const open = transactionOf(this);
    if (open) return open.active ? settle(statements) : Promise.reject(new Error(ENDED));
    return this.queue.idle ? settle(statements) : this.queue.run(() => settle(statements));
  }

  loadDocument(docName: string): Promise<StoredDocument> {
    return this.execute(() => this.documents.load(docName));
  }

  appendUpdate(docName: string, update: Uint8Array, origin: UpdateOrigin): Promise<AppendedUpdate> {
    return this.execute(() => this.documents.append(docName, update, origin));
  }

  compactDocument(docName: string, throughId: number, merged: Uint8Array, checkpoint: boolean): Promise<void> {
    return this.execute(() => this.documents.compact(docName, throughId, merged, checkpoint));
  }

  documentClients(docName: string): Promise<ClientClaim[]> {
    return this.execute(() => this.documents.clients(docName));
  }

  listVersions(docName: string): Promise<VersionRecord[]> {
    return this.execute(() => this.documents.versions(docName));
  }

  getVersion(docName: string, id: number): Promise<VersionRecord | null> {
    return this.execute(() => this.documents.version(docName, id));
  }

  readHistory(docName: string, beforeId: number, throughId: number): Promise<HistorySlice> {
    return this.execute(() => this.documents.readHistory(docName, beforeId, throughId));
  }

  setVersionStats(id: number, wordsAdded: number, wordsRemoved: number, throughId: number): Promise<void> {
    return this.execute(() => this.documents.setStats(id, wordsAdded, wordsRemoved, throughId));
  }

  isEmpty(): Promise<boolean> {
    return this.execute(() => this.rounds.isEmpty());
  }

  seedRound(seed: RoundSeed): Promise<void> {
    return this.execute(() => this.rounds.seedRound(seed));
  }

  listRounds(): Promise<Round[]> {
    return this.execute(() => this.rounds.listRounds());
  }

  getRound(roundId: string): Promise<RoundDetail | null> {
    return this.execute(() => this.rounds.getRound(roundId));
  }

  planOf(roundId: string): Promise<{ id: string; title: string; reportTitle: string } | null> {
    return this.execute(() => this.rounds.planOf(roundId));
  }

  latestRound(): Promise<RoundDetail | null> {
    return this.execute(() => this.rounds.latestRound());
  }

  createRound(round: NewRoundRecord): Promise<void> {
    return this.execute(() => this.rounds.createRound(round));
  }

  updateRound(roundId: string, patch: { title?: string; deadline?: string; intro?: string }): Promise<RoundDetail | null> {
    return this.execute(() => this.rounds.updateRound(roundId, patch));
  }

  reopenRound(roundId: string): Promise<void> {
    return this.execute(() => this.rounds.reopenRound(roundId));
  }

  dueRounds(now: string): Promise<RoundDetail[]> {
    return this.execute(() => this.rounds.dueRounds(now));
  }

  markUpdated(roundId: string, number: number): Promise<boolean> {
    return this.execute(() => this.rounds.markUpdated(roundId, number));
  }

  setReady(roundId: string, number: number, ministry: MinistryCode, ready: boolean, by: string, at: string): Promise<void> {
    return this.execute(() => this.rounds.setReady(roundId, number, ministry, ready, by, at));
  }

  insertSnapshot(snapshot: SnapshotRecord, freezeFor: string | null): Promise<void> {
    return this.execute(() => this.rounds.insertSnapshot(snapshot, freezeFor));
  }

  listSnapshots(roundId: string): Promise<SnapshotSummary[]> {
    return this.execute(() => this.rounds.listSnapshots(roundId));
  }

  getSnapshot(id: string): Promise<SnapshotRecord | null> {
    return this.execute(() => this.rounds.getSnapshot(id));
  }

  listMeasures(roundId: string): Promise<MeasureRecord[]> {
    return this.execute(() => this.rounds.listMeasures(roundId));
  }

  getMeasure(roundId: string, number: number): Promise<MeasureRecord | null> {
    return this.execute(() => this.rounds.getMeasure(roundId, number));
  }

  updateMeasureFields(roundId: string, number: number, patch: MeasureFieldsPatch, at: string): Promise<MeasureRecord | null> {
    return this.execute(() => this.rounds.updateMeasureFields(roundId, number, patch, at));
  }

  setNarrativeEmpty(roundId: string, number: number, empty: boolean): Promise<boolean> {
    return this.execute(() => this.rounds.setNarrativeEmpty(roundId, number, empty));
  }

  countUsers(): Promise<number> {
    return this.execute(() => this.accounts.countUsers());
  }

  createUsers(users: NewUser[], at: string): Promise<void> {
    return this.execute(() => this.accounts.createUsers(users, at));
  }

  getUser(username: string): Promise<UserRecord | null> {
    return this.execute(() => this.accounts.getUser(username));
  }

  listUsers(): Promise<UserRecord[]> {
    return this.execute(() => this.accounts.listUsers());
  }

  setPassword(username: string, passwordHash: string, at: string): Promise<boolean> {
    return this.execute(() => this.accounts.setPassword(username, passwordHash, at));
  }

  setDisabled(username: string, disabled: boolean, at: string): Promise<boolean> {
    return this.execute(() => this.accounts.setDisabled(username, disabled, at));
  }

  setRole(username: string, role: Role, ministry: MinistryCode | null, at: string): Promise<boolean> {
    return this.execute(() => this.accounts.setRole(username, role, ministry, at));
  }

  setEmail(username: string, email: string | null, at: string): Promise<boolean> {
    return this.execute(() => this.accounts.setEmail(username, email, at));
  }

  createSession(session: SessionRecord): Promise<void> {
    return this.execute(() => this.accounts.createSession(session));
  }

  getSession(id: string, now: string): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    return this.execute(() => this.accounts.getSession(id, now));
  }

  deleteSession(id: string): Promise<void> {
    return this.execute(() => this.accounts.deleteSession(id));
  }

  deleteExpiredSessions(now: string): Promise<number> {
    return this.execute(() => this.accounts.deleteExpiredSessions(now));
  }

  identityBySubject(issuer: string, subject: string): Promise<IdentityRecord | null> {
    return this.execute(() => this.identities.bySubject(issuer, subject));
  }

  pendingIdentityByEmail(email: string): Promise<IdentityRecord | null> {
    return this.execute(() => this.identities.pendingByEmail(email));
  }

  identityOf(username: string): Promise<IdentityRecord | null> {
    return this.execute(() => this.identities.byUsername(username));
  }

  listIdentities(): Promise<IdentityRecord[]> {
    return this.execute(() => this.identities.list());
  }

  setIdentity(identity: IdentityRecord): Promise<void> {
    return this.execute(() => this.identities.set(identity));
  }

  deleteIdentity(username: string): Promise<boolean> {
    return this.execute(() => this.identities.delete(username));
  }

  setSessionIdToken(sessionId: string, idToken: string): Promise<void> {
    return this.execute(() => this.identities.setIdToken(sessionId, idToken));
  }

  sessionIdToken(sessionId: string): Promise<string | null> {
    return this.execute(() => this.identities.idToken(sessionId));
  }

  startSignIn(pending: PendingSignInRecord, now: string, max: number): Promise<number> {
    return this.execute(() => this.signIns.start(pending, now, max));
  }

  takeSignIn(state: string, bindingHash: string, now: string): Promise<PendingSignInRecord | null> {
    return this.execute(() => this.signIns.take(state, bindingHash, now));
  }

  createThread(thread: NewThread, first: CommentRecord): Promise<void> {
    return this.execute(() => this.threads.createThread(thread, first));
  }

  getThread(id: string): Promise<ThreadRecord | null> {
    return this.execute(() => this.threads.getThread(id));
  }

  listThreads(roundId: string, measure?: number): Promise<ThreadRecord[]> {
    return this.execute(() => this.threads.listThreads(roundId, measure));
  }

  commentVolume(roundId: string, measure: number): Promise<CommentVolume> {
    return this.execute(() => this.threads.commentVolume(roundId, measure));
  }

  addComment(comment: CommentRecord): Promise<void> {
    return this.execute(() => this.threads.addComment(comment));
  }

  getComment(id: string): Promise<CommentRecord | null> {
    return this.execute(() => this.threads.getComment(id));
  }

  editComment(id: string, body: string, at: string): Promise<void> {
    return this.execute(() => this.threads.editComment(id, body, at));
  }

  deleteComment(id: string): Promise<{ threadDeleted: boolean }> {
    return this.execute(() => this.threads.deleteComment(id));
  }

  setResolved(threadId: string, resolved: boolean, by: CommentAuthor | null, at: string | null): Promise<void> {
    return this.execute(() => this.threads.setResolved(threadId, resolved, by, at));
  }

  addNotifications(records: readonly NewNotification[], keep: number): Promise<void> {
    return this.execute(() => this.notifications.addNotifications(records, keep));
  }

  listNotifications(username: string): Promise<NotificationRecord[]> {
    return this.execute(() => this.notifications.listNotifications(username));
  }

  countUnread(username: string): Promise<number> {
    return this.execute(() => this.notifications.countUnread(username));
  }

  markRead(username: string, ids: readonly string[] | null, at: string): Promise<string[]> {
    return this.execute(() => this.notifications.markRead(username, ids, at));
  }

  getEmailDelivery(username: string): Promise<EmailDelivery | null> {
    return this.execute(() => this.notifications.getEmailDelivery(username));
  }

  setEmailDelivery(username: string, delivery: EmailDelivery, at: string): Promise<void> {
    return this.execute(() => this.notifications.setEmailDelivery(username, delivery, at));
  }

  pendingMail(ids?: readonly string[]): Promise<NotificationRecord[]> {
    return this.execute(() => this.notifications.pendingMail(ids));
  }

  recordMail(ids: readonly string[], outcome: MailOutcome, maxAttempts: number): Promise<void> {
    return this.execute(() => this.notifications.recordMail(ids, outcome, maxAttempts));
  }

  recordDeadlineReminder(roundId: string, deadline: string, hoursBefore: number, at: string): Promise<boolean> {
    return this.execute(() => this.notifications.recordDeadlineReminder(roundId, deadline, hoursBefore, at));
  }

  hasDeadlineReminder(roundId: string, deadline: string, hoursBefore: number): Promise<boolean> {
    return this.execute(() => this.notifications.hasDeadlineReminder(roundId, deadline, hoursBefore));
  }

  recordDigest(osloDate: string, at: string): Promise<boolean> {
    return this.execute(() => this.notifications.recordDigest(osloDate, at));
  }

  digestRan(osloDate: string): Promise<boolean> {
    return this.execute(() => this.notifications.digestRan(osloDate));
  }

  /** Closes the connection at once (an open transaction is rolled back); only the store itself, not a `tx`. */
  appendAudit(entry: NewAuditEntry): Promise<number> {
    return this.execute(() => this.audit.append(entry));
  }

  queryAudit(query: AuditQuery): Promise<AuditPage> {
    return this.execute(() => this.audit.query(query));
  }

  pruneAudit(before: string): Promise<number> {
    return this.execute(() => this.audit.prune(before));
  }

  measureAudit(roundId: string, measure: number, kinds: readonly AuditKind[], limit: number): Promise<AuditEntry[]> {
    return this.execute(() => this.audit.ofMeasure(roundId, measure, kinds, limit));
  }

  close(): void {
    if (transactionOf(this)) throw new Error('close the store, not a transaction');
    this.db.close();
  }
}
