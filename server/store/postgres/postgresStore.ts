import type { MinistryCode } from '../../../shared/ministries.js';
import type { Role } from '../../../shared/permissions.js';
import type { Round, RoundDetail } from '../../../shared/round.js';
import type { MeasureFieldsPatch } from '../../../shared/measurePatch.js';
import type { CommentAuthor } from '../../../shared/comments.js';
import type { EmailDelivery } from '../../../shared/notificationSettings.js';
import type { SnapshotSummary } from '../../../shared/snapshot.js';
import type { AuditEntry, AuditKind, AuditPage, AuditQuery } from '../../../shared/audit.js';
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
} from '../types.js';
import { SerialQueue } from '../sqlite/SerialQueue.js';
import { accounts } from './accounts.js';
import { audit } from './audit.js';
import { openDatabase, type Db } from './connection.js';
import { documents } from './documents.js';
import { identities } from './identities.js';
import { notifications } from './notifications.js';
import { rounds } from './rounds.js';
import { signIns } from './signIns.js';
import { threads } from './threads.js';
import type { NewThread } from '../rows/threads.js';
import { commit, inSavepoint, inTransaction, quietly, withinTransaction, type Connection, type Savepoints } from './transactions.js';

/** Where a `tx` finds the transaction it belongs to (the outer store has none). */
const TRANSACTION = Symbol('transaction');

interface OpenTransaction extends Savepoints {
  /** False once the transaction has committed or rolled back: its `tx` then refuses calls. */
  active: boolean;
  /** Its statements: refused once the connection it began on was lost. */
  db: Db;
  /** Calls through `tx`, one at a time, each in a savepoint of its own. */
  calls: SerialQueue;
}

function transactionOf(store: object): OpenTransaction | undefined {
  return (store as { [TRANSACTION]?: OpenTransaction })[TRANSACTION];
}

/**
 * What a method's statements need outside a transaction: none of their own (one statement), a
 * transaction (several that write together), or one consistent view (several that read, while
 * other processes may write).
 */
type Atomicity = 'single' | 'atomic' | 'snapshot';

const BEGIN: Record<Exclude<Atomicity, 'single'>, string> = {
  atomic: 'BEGIN',
  snapshot: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
};

const ENDED = 'this transaction has ended: its tx may not be used after the promise its function returned settled';

/**
 * The store on PostgreSQL (DATABASE_URL), with the same guarantees as SqliteStore: every call
 * runs on the store's one connection, one at a time, in the order the calls were made (a read
 * asked for after a write sees it, as SQLite's synchronous statements do); a method of several
 * statements runs in a transaction of its own (one that only reads, in one consistent view).
 * `transaction(fn)` holds the connection in BEGIN … COMMIT while `fn` awaits, and every other
 * call on the store waits until it ends;
 * inside it each call through `tx` runs in a savepoint, so that a failed call leaves the
 * transaction usable, as a failed statement does in SQLite. `tx` is this store seen through a
 * Proxy, so a subclass's overrides run for calls through `tx` as well.
 *
 * Across processes, PostgreSQL's own locks keep what matters in order: updates of one document
 * are stored one at a time (its `documents` row is locked), and migrations take an advisory lock.
 */
export class PostgresStore implements Store {
  private readonly queue = new SerialQueue();
  private closing: Promise<void> | null = null;

  /** Use `PostgresStore.open(url)`: it connects and migrates first. */
  constructor(private readonly connection: Connection) {}

  /** Connects to `url` (postgres://…) and brings its schema up to date (a subclass's `open` makes one of its own). */
  static async open<S extends PostgresStore>(this: new (connection: Connection) => S, url: string): Promise<S> {
    return new this(await openDatabase(url));
  }

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    const open = transactionOf(this);
    // Inline, without a savepoint: an inner rejection that `fn` catches leaves the inner writes in.
    if (open) return open.active ? (async () => fn(this))() : Promise.reject(new Error(ENDED));
    if (this.closing) return Promise.reject(new Error('the store is closed'));
    return this.queue.run(() => this.runTransaction(fn));
  }

  private async runTransaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    const db = withinTransaction(this.connection);
    const state: OpenTransaction = { active: true, db, calls: new SerialQueue(), release: null };
    const tx = new Proxy(this, {
      get: (target, key, receiver) => (key === TRANSACTION ? state : Reflect.get(target, key, receiver)),
    });
    try {
      await db`BEGIN`;
      const result = await fn(tx);
      // A call `fn` made without awaiting it still belongs to the transaction.
      await state.calls.run(async () => undefined);
      await state.release;
      await commit(db);
      return result;
    } catch (error) {
      this.connection.failed(error);
      await state.calls.run(async () => undefined);
      await quietly(() => db`ROLLBACK`);
      throw error;
    } finally {
      state.active = false;
    }
  }

  /**
   * Runs one method's statements: through `tx` in a savepoint, after the transaction's earlier
   * calls; on the store itself after every call made before it, in a transaction of its own
   * when it is `atomic`.
   */
  private execute<T>(atomicity: Atomicity, statements: (db: Db) => Promise<T>): Promise<T> {
    const open = transactionOf(this);
    if (open) {
      if (!open.active) return Promise.reject(new Error(ENDED));
      return open.calls.run(async () => {
        if (!open.active) throw new Error(ENDED);
        return inSavepoint(open.db, statements, open, this.connection);
      });
    }
    if (this.closing) return Promise.reject(new Error('the store is closed'));
    return this.queue.run(() => (atomicity === 'single' ? this.single(statements) : inTransaction(this.connection, statements, BEGIN[atomicity])));
  }

  private async single<T>(statement: (db: Db) => Promise<T>): Promise<T> {
    try {
      return await statement(this.connection.sql);
    } catch (error) {
      this.connection.failed(error);
      throw error;
    }
  }

  loadDocument(docName: string): Promise<StoredDocument> {
    return this.execute('snapshot', (db) => documents.load(db, docName));
  }

  appendUpdate(docName: string, update: Uint8Array, origin: UpdateOrigin): Promise<AppendedUpdate> {
    // One statement (samskriv_append_update): atomic by itself.
    return this.execute('single', (db) => documents.append(db, docName, update, origin));
  }

  compactDocument(docName: string, throughId: number, merged: Uint8Array, checkpoint: boolean): Promise<void> {
    return this.execute('atomic', (db) => documents.compact(db, docName, throughId, merged, checkpoint));
  }

  documentClients(docName: string): Promise<ClientClaim[]> {
    return this.execute('single', (db) => documents.clients(db, docName));
  }

  listVersions(docName: string): Promise<VersionRecord[]> {
    return this.execute('single', (db) => documents.versions(db, docName));
  }

  getVersion(docName: string, id: number): Promise<VersionRecord | null> {
    return this.execute('single', (db) => documents.version(db, docName, id));
  }

  readHistory(docName: string, beforeId: number, throughId: number): Promise<HistorySlice> {
    return this.execute('snapshot', (db) => documents.readHistory(db, docName, beforeId, throughId));
  }

  setVersionStats(id: number, wordsAdded: number, wordsRemoved: number, throughId: number): Promise<void> {
    return this.execute('single', (db) => documents.setStats(db, id, wordsAdded, wordsRemoved, throughId));
  }

  isEmpty(): Promise<boolean> {
    return this.execute('single', (db) => rounds.isEmpty(db));
  }

  seedRound(seed: RoundSeed): Promise<void> {
    return this.execute('atomic', (db) => rounds.seedRound(db, seed));
  }

  listRounds(): Promise<Round[]> {
    return this.execute('single', (db) => rounds.listRounds(db));
  }

  getRound(roundId: string): Promise<RoundDetail | null> {
    return this.execute('single', (db) => rounds.getRound(db, roundId));
  }

  planOf(roundId: string): Promise<{ id: string; title: string; reportTitle: string } | null> {
    return this.execute('single', (db) => rounds.planOf(db, roundId));
  }

  latestRound(): Promise<RoundDetail | null> {
    return this.execute('single', (db) => rounds.latestRound(db));
  }

  createRound(round: NewRoundRecord): Promise<void> {
    return this.execute('atomic', (db) => rounds.createRound(db, round));
  }

  updateRound(roundId: string, patch: { title?: string; deadline?: string; intro?: string }): Promise<RoundDetail | null> {
    return this.execute('atomic', (db) => rounds.updateRound(db, roundId, patch));
  }

  reopenRound(roundId: string): Promise<void> {
    return this.execute('single', (db) => rounds.reopenRound(db, roundId));
  }

  dueRounds(now: string): Promise<RoundDetail[]> {
    return this.execute('single', (db) => rounds.dueRounds(db, now));
  }

  markUpdated(roundId: string, number: number): Promise<boolean> {
    return this.execute('single', (db) => rounds.markUpdated(db, roundId, number));
  }

  setReady(roundId: string, number: number, ministry: MinistryCode, ready: boolean, by: string, at: string): Promise<void> {
    return this.execute('single', (db) => rounds.setReady(db, roundId, number, ministry, ready, by, at));
  }

  insertSnapshot(snapshot: SnapshotRecord, freezeFor: string | null): Promise<void> {
    return this.execute('atomic', (db) => rounds.insertSnapshot(db, snapshot, freezeFor));
  }

  listSnapshots(roundId: string): Promise<SnapshotSummary[]> {
    return this.execute('single', (db) => rounds.listSnapshots(db, roundId));
  }

  getSnapshot(id: string): Promise<SnapshotRecord | null> {
    return this.execute('single', (db) => rounds.getSnapshot(db, id));
  }

  listMeasures(roundId: string): Promise<MeasureRecord[]> {
    return this.execute('single', (db) => rounds.listMeasures(db, roundId));
  }

  getMeasure(roundId: string, number: number): Promise<MeasureRecord | null> {
    return this.execute('single', (db) => rounds.getMeasure(db, roundId, number));
  }

  updateMeasureFields(roundId: string, number: number, patch: MeasureFieldsPatch, at: string): Promise<MeasureRecord | null> {
    return this.execute('atomic', (db) => rounds.updateMeasureFields(db, roundId, number, patch, at));
  }

  setNarrativeEmpty(roundId: string, number: number, empty: boolean): Promise<boolean> {
    return this.execute('single', (db) => rounds.setNarrativeEmpty(db, roundId, number, empty));
  }

  countUsers(): Promise<number> {
    return this.execute('single', (db) => accounts.countUsers(db));
  }

  createUsers(users: NewUser[], at: string): Promise<void> {
    return this.execute('atomic', (db) => accounts.createUsers(db, users, at));
  }

  getUser(username: string): Promise<UserRecord | null> {
    return this.execute('single', (db) => accounts.getUser(db, username));
  }

  listUsers(): Promise<UserRecord[]> {
    return this.execute('single', (db) => accounts.listUsers(db));
  }

  setPassword(username: string, passwordHash: string, at: string): Promise<boolean> {
    return this.execute('atomic', (db) => accounts.setPassword(db, username, passwordHash, at));
  }

  setDisabled(username: string, disabled: boolean, at: string): Promise<boolean> {
    return this.execute('atomic', (db) => accounts.setDisabled(db, username, disabled, at));
  }

  setRole(username: string, role: Role, ministry: MinistryCode | null, at: string): Promise<boolean> {
    return this.execute('single', (db) => accounts.setRole(db, username, role, ministry, at));
  }

  setEmail(username: string, email: string | null, at: string): Promise<boolean> {
    return this.execute('single', (db) => accounts.setEmail(db, username, email, at));
  }

  createSession(session: SessionRecord): Promise<void> {
    return this.execute('single', (db) => accounts.createSession(db, session));
  }

  getSession(id: string, now: string): Promise<{ session: SessionRecord; user: UserRecord } | null> {
    return this.execute('single', (db) => accounts.getSession(db, id, now));
  }

  deleteSession(id: string): Promise<void> {
    return this.execute('single', (db) => accounts.deleteSession(db, id));
  }

  deleteExpiredSessions(now: string): Promise<number> {
    return this.execute('single', (db) => accounts.deleteExpiredSessions(db, now));
  }

  identityBySubject(issuer: string, subject: string): Promise<IdentityRecord | null> {
    return this.execute('single', (db) => identities.bySubject(db, issuer, subject));
  }

  pendingIdentityByEmail(email: string): Promise<IdentityRecord | null> {
    return this.execute('single', (db) => identities.pendingByEmail(db, email));
  }

  identityOf(username: string): Promise<IdentityRecord | null> {
    return this.execute('single', (db) => identities.byUsername(db, username));
  }

  listIdentities(): Promise<IdentityRecord[]> {
    return this.execute('single', (db) => identities.list(db));
  }

  setIdentity(identity: IdentityRecord): Promise<void> {
    return this.execute('single', (db) => identities.set(db, identity));
  }

  deleteIdentity(username: string): Promise<boolean> {
    return this.execute('single', (db) => identities.delete(db, username));
  }

  setSessionIdToken(sessionId: string, idToken: string): Promise<void> {
    return this.execute('single', (db) => identities.setIdToken(db, sessionId, idToken));
  }

  sessionIdToken(sessionId: string): Promise<string | null> {
    return this.execute('single', (db) => identities.idToken(db, sessionId));
  }

  startSignIn(pending: PendingSignInRecord, now: string, max: number): Promise<number> {
    return this.execute('atomic', (db) => signIns.start(db, pending, now, max));
  }

  takeSignIn(state: string, bindingHash: string, now: string): Promise<PendingSignInRecord | null> {
    // DELETE … RETURNING: atomic by itself, across instances too.
    return this.execute('single', (db) => signIns.take(db, state, bindingHash, now));
  }

  createThread(thread: NewThread, first: CommentRecord): Promise<void> {
    return this.execute('atomic', (db) => threads.createThread(db, thread, first));
  }

  getThread(id: string): Promise<ThreadRecord | null> {
    return this.execute('snapshot', (db) => threads.getThread(db, id));
  }

  listThreads(roundId: string, measure?: number): Promise<ThreadRecord[]> {
    return this.execute('snapshot', (db) => threads.listThreads(db, roundId, measure));
  }

  commentVolume(roundId: string, measure: number): Promise<CommentVolume> {
    return this.execute('snapshot', (db) => threads.commentVolume(db, roundId, measure));
  }

  addComment(comment: CommentRecord): Promise<void> {
    return this.execute('single', (db) => threads.addComment(db, comment));
  }

  getComment(id: string): Promise<CommentRecord | null> {
    return this.execute('single', (db) => threads.getComment(db, id));
  }

  editComment(id: string, body: string, at: string): Promise<void> {
    return this.execute('single', (db) => threads.editComment(db, id, body, at));
  }

  deleteComment(id: string): Promise<{ threadDeleted: boolean }> {
    return this.execute('atomic', (db) => threads.deleteComment(db, id));
  }

  setResolved(threadId: string, resolved: boolean, by: CommentAuthor | null, at: string | null): Promise<void> {
    return this.execute('single', (db) => threads.setResolved(db, threadId, resolved, by, at));
  }

  addNotifications(records: readonly NewNotification[], keep: number): Promise<void> {
    return this.execute('atomic', (db) => notifications.addNotifications(db, records, keep));
  }

  listNotifications(username: string): Promise<NotificationRecord[]> {
    return this.execute('single', (db) => notifications.listNotifications(db, username));
  }

  countUnread(username: string): Promise<number> {
    return this.execute('single', (db) => notifications.countUnread(db, username));
  }

  markRead(username: string, ids: readonly string[] | null, at: string): Promise<string[]> {
    return this.execute('single', (db) => notifications.markRead(db, username, ids, at));
  }

  getEmailDelivery(username: string): Promise<EmailDelivery | null> {
    return this.execute('single', (db) => notifications.getEmailDelivery(db, username));
  }

  setEmailDelivery(username: string, delivery: EmailDelivery, at: string): Promise<void> {
    return this.execute('single', (db) => notifications.setEmailDelivery(db, username, delivery, at));
  }

  pendingMail(ids?: readonly string[]): Promise<NotificationRecord[]> {
    return this.execute('single', (db) => notifications.pendingMail(db, ids));
  }

  recordMail(ids: readonly string[], outcome: MailOutcome, maxAttempts: number): Promise<void> {
    return this.execute('single', (db) => notifications.recordMail(db, ids, outcome, maxAttempts));
  }

  recordDeadlineReminder(roundId: string, deadline: string, hoursBefore: number, at: string): Promise<boolean> {
    return this.execute('single', (db) => notifications.recordDeadlineReminder(db, roundId, deadline, hoursBefore, at));
  }

  hasDeadlineReminder(roundId: string, deadline: string, hoursBefore: number): Promise<boolean> {
    return this.execute('single', (db) => notifications.hasDeadlineReminder(db, roundId, deadline, hoursBefore));
  }

  recordDigest(osloDate: string, at: string): Promise<boolean> {
    return this.execute('single', (db) => notifications.recordDigest(db, osloDate, at));
  }

  digestRan(osloDate: string): Promise<boolean> {
    return this.execute('single', (db) => notifications.digestRan(db, osloDate));
  }

  appendAudit(entry: NewAuditEntry): Promise<number> {
    return this.execute('single', (db) => audit.append(db, entry));
  }

  queryAudit(query: AuditQuery): Promise<AuditPage> {
    return this.execute('single', (db) => audit.query(db, query));
  }

  pruneAudit(before: string): Promise<number> {
    return this.execute('atomic', (db) => audit.prune(db, before));
  }

  measureAudit(roundId: string, measure: number, kinds: readonly AuditKind[], limit: number): Promise<AuditEntry[]> {
    return this.execute('single', (db) => audit.ofMeasure(db, roundId, measure, kinds, limit));
  }

  /**
   * Closes the store once the calls made before have run (later calls are refused); only the
   * store itself, not a `tx`. `closed()` says when the connections have ended.
   */
  close(): void {
    if (transactionOf(this)) throw new Error('close the store, not a transaction');
    this.closing ??= this.queue.run(async () => undefined).then(() => this.connection.end());
  }

  /** Resolves when a closed store's connections have ended. */
  closed(): Promise<void> {
    return this.closing ?? Promise.reject(new Error('the store is not closed'));
  }
}
