import type { AuditEntry, AuditPage, AuditQuery } from '../../shared/audit.js';
import type { MinistryCode } from '../../shared/ministries.js';
import type { ImportWarning } from '../../shared/plan.js';
import type { Round, RoundDetail } from '../../shared/round.js';
import type { SnapshotSummary } from '../../shared/snapshot.js';
import type { MeasureFields, MeasureFieldsPatch } from '../../shared/measure.js';
import type { Anchor, CommentAuthor } from '../../shared/comments.js';
import type { EmailDelivery, NotificationPayload } from '../../shared/notifications.js';
import type { Role } from '../../shared/permissions.js';

/**
 * Storage behind the server, one interface per aggregate (documents, rounds, accounts, threads,
 * notifications)
 * and `Store`, all of them with `transaction`. The Yjs lifecycle only sees DocumentStore. All
 * async so that a PostgreSQL implementation is an addition, not a rewrite; what any
 * implementation must do is tests/server/storeContract.ts.
 */

/** The stored update log of one Yjs document. */
export interface StoredDocument {
  updates: Uint8Array[];
  /** Id of the last stored update (0 when there is none); compaction replaces up to it. */
  lastId: number;
}

export interface DocumentStore {
  /** Every stored update of a document, oldest first. */
  loadDocument(docName: string): Promise<StoredDocument>;
  /** Stores one update durably; resolves only once it is committed. */
  appendUpdate(docName: string, update: Uint8Array): Promise<number>;
  /** Replaces the updates up to and including `throughId` by one merged update, atomically. */
  compactDocument(docName: string, throughId: number, merged: Uint8Array): Promise<void>;
}

/** One measure in one round, as stored. */
export interface MeasureRecord extends MeasureFields {
  roundId: string;
  number: number;
  /** The title in this round (the coordinator may change it). */
  title: string;
  ministries: MinistryCode[];
  /** The plan's own text for the measure in this round (the coordinator may change it). */
  planText: string;
  narrativeEmpty: boolean;
  /** Unresolved comment threads on the measure. */
  openThreads: number;
  /** Ministries that marked their part ready. */
  ready: MinistryCode[];
  /** Carried over from the previous round and not yet updated in this one. */
  carriedOver: boolean;
  updatedAt: string;
}

/** Everything needed to create a round from an imported report, written in one transaction. */
export interface RoundSeed {
  plan: { id: string; title: string; reportTitle: string };
  round: Pick<Round, 'id' | 'title' | 'deadline'> & { intro: string };
  measures: (Omit<MeasureRecord, 'roundId' | 'updatedAt' | 'openThreads' | 'ready' | 'carriedOver'> & { initialUpdate: Uint8Array; docName: string })[];
  warnings: ImportWarning[];
  createdAt: string;
}

/** A new round of an existing plan, carrying over the previous round's content. */
export interface NewRoundRecord {
  id: string;
  title: string;
  deadline: string;
  intro: string;
  previousRoundId: string;
  createdAt: string;
  /** Every measure of the previous round: its fields, title and plan text, and its narrative's state as the new document's first update. */
  measures: {
    number: number;
    title: string;
    planText: string;
    status: MeasureFields['status'];
    narrativeEmpty: boolean;
    docName: string;
    initialUpdate: Uint8Array;
  }[];
}

/** A snapshot as stored: the summary, plus the content's JSON exactly as hashed. */
export interface SnapshotRecord extends SnapshotSummary {
  contentJson: string;
}

export interface RoundStore {
  /** True when no round exists yet (a fresh DATA_DIR). */
  isEmpty(): Promise<boolean>;
  /** Creates plan, round, measures and their narrative documents, all or nothing. */
  seedRound(seed: RoundSeed): Promise<void>;
  listRounds(): Promise<Round[]>;
  getRound(roundId: string): Promise<RoundDetail | null>;
  listMeasures(roundId: string): Promise<MeasureRecord[]>;
  getMeasure(roundId: string, number: number): Promise<MeasureRecord | null>;
  /** Applies a validated patch (status, title, plan text: each only when given); null if the measure does not exist. */
  updateMeasureFields(roundId: string, number: number, patch: MeasureFieldsPatch, at: string): Promise<MeasureRecord | null>;
  /** Records whether a measure's narrative is empty; true if that changed anything. */
  setNarrativeEmpty(roundId: string, number: number, empty: boolean): Promise<boolean>;
  /** The plan a round reports on. */
  planOf(roundId: string): Promise<{ id: string; title: string; reportTitle: string } | null>;
  /** The round created last: new rounds carry its content over. */
  latestRound(): Promise<RoundDetail | null>;
  /** Creates a round with its measures and their narrative documents, all or nothing. */
  createRound(round: NewRoundRecord): Promise<void>;
  /** Changes title, deadline or intro; null if no such round. */
  updateRound(roundId: string, patch: { title?: string; deadline?: string; intro?: string }): Promise<RoundDetail | null>;
  /** Opens a frozen round again; the deadline it was frozen for will not freeze it again. */
  reopenRound(roundId: string): Promise<void>;
  /** Open rounds whose deadline has passed at `now` and was not yet handled. */
  dueRounds(now: string): Promise<RoundDetail[]>;
  /** Marks a measure as updated in its round; true if it was still carried over. */
  markUpdated(roundId: string, number: number): Promise<boolean>;
  setReady(roundId: string, number: number, ministry: MinistryCode, ready: boolean, by: string, at: string): Promise<void>;
  /**
   * Stores a snapshot; with `freezeFor`, freezes the round in the same transaction and records
   * that the deadline `freezeFor` is handled.
   */
  insertSnapshot(snapshot: SnapshotRecord, freezeFor: string | null): Promise<void>;
  listSnapshots(roundId: string): Promise<SnapshotSummary[]>;
  getSnapshot(id: string): Promise<SnapshotRecord | null>;
}

/** An account as stored. `passwordHash` never leaves the server. */
export interface UserRecord {
  username: string;
  name: string;
  ministry: MinistryCode | null;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  /** A demo account whose password was never changed. */
  demo: boolean;
  /** Where notifications are e-mailed; null for none. */
  email: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewUser = Omit<UserRecord, 'disabled' | 'createdAt' | 'updatedAt' | 'email'> & { email?: string | null };

/** A server-side session. `id` is the SHA-256 of the cookie's token, never the token itself. */
export interface SessionRecord {
  id: string;
  username: string;
  createdAt: string;
  expiresAt: string;
}

export interface AccountStore {
  countUsers(): Promise<number>;
  /** Creates the accounts, all or none; fails if a username exists. */
  createUsers(users: NewUser[], at: string): Promise<void>;
  getUser(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  /** Sets a new password, clears the demo mark and ends the account's sessions; false if no such user. */
  setPassword(username: string, passwordHash: string, at: string): Promise<boolean>;
  /** Disables (ending every session) or enables an account; false if no such user. */
  setDisabled(username: string, disabled: boolean, at: string): Promise<boolean>;
  /** Changes what an account may do; false if no such user. */
  setRole(username: string, role: Role, ministry: MinistryCode | null, at: string): Promise<boolean>;
  /** Sets (or, with null, removes) the account's e-mail address; false if no such user. */
  setEmail(username: string, email: string | null, at: string): Promise<boolean>;
  createSession(session: SessionRecord): Promise<void>;
  /** The session and its user, unless it is unknown, expired at `now` or its user disabled. */
  getSession(id: string, now: string): Promise<{ session: SessionRecord; user: UserRecord } | null>;
  deleteSession(id: string): Promise<void>;
  /** Removes sessions that expired before `now`; returns how many. */
  deleteExpiredSessions(now: string): Promise<number>;
}

/** A comment as stored; the author is the session's, stamped by the server. */
export interface CommentRecord {
  id: string;
  threadId: string;
  author: CommentAuthor;
  body: string;
  createdAt: string;
  editedAt: string | null;
}

/** A comment thread on a measure of a round, with its comments oldest first. */
export interface ThreadRecord {
  id: string;
  roundId: string;
  measure: number;
  anchor: Anchor | null;
  quote: string | null;
  resolved: boolean;
  resolvedBy: CommentAuthor | null;
  resolvedAt: string | null;
  createdAt: string;
  comments: CommentRecord[];
}

export interface ThreadStore {
  /** Creates a thread with its first comment, both or neither. */
  createThread(thread: Omit<ThreadRecord, 'comments' | 'resolved' | 'resolvedBy' | 'resolvedAt'>, first: CommentRecord): Promise<void>;
  getThread(id: string): Promise<ThreadRecord | null>;
  /** Threads of a round, or of one measure in it, oldest first. */
  listThreads(roundId: string, measure?: number): Promise<ThreadRecord[]>;
  addComment(comment: CommentRecord): Promise<void>;
  getComment(id: string): Promise<CommentRecord | null>;
  editComment(id: string, body: string, at: string): Promise<void>;
  /** Deletes a comment, and its thread with it when it was the last; says which happened. */
  deleteComment(id: string): Promise<{ threadDeleted: boolean }>;
  setResolved(threadId: string, resolved: boolean, by: CommentAuthor | null, at: string | null): Promise<void>;
}

/**
 * Whether a notification is still to be e-mailed: `pending` (to its account's address, at once
 * or in the next digest), `sent`, `skipped` (mail off, no address, or no SMTP when it was made)
 * or `failed` (given up after its attempts).
 */
export type MailState = 'pending' | 'sent' | 'skipped' | 'failed';

/** A notification of one account, as stored. */
export interface NotificationRecord {
  id: string;
  username: string;
  payload: NotificationPayload;
  createdAt: string;
  readAt: string | null;
  mail: MailState;
  /** Failed attempts to e-mail it so far. */
  mailAttempts: number;
}

export type NewNotification = Omit<NotificationRecord, 'readAt' | 'mailAttempts'>;

/** What became of e-mailing notifications. */
export type MailOutcome = 'sent' | 'skipped' | 'attemptFailed';

export interface NotificationStore {
  /**
   * Stores notifications, then keeps only the newest `keep` of each account they went to (by
   * creation time, then by the order they were stored).
   */
  addNotifications(records: readonly NewNotification[], keep: number): Promise<void>;
  /** An account's notifications, newest first. */
  listNotifications(username: string): Promise<NotificationRecord[]>;
  countUnread(username: string): Promise<number>;
  /**
   * Marks an account's notifications read at `at`: those of `ids` (another account's or an
   * unknown id is ignored), or every one with null; answers the ids that were unread.
   */
  markRead(username: string, ids: readonly string[] | null, at: string): Promise<string[]>;
  /** How the account chose to get e-mail; null while it never chose. */
  getEmailDelivery(username: string): Promise<EmailDelivery | null>;
  setEmailDelivery(username: string, delivery: EmailDelivery, at: string): Promise<void>;
  /** Notifications still to be e-mailed (only those of `ids`, when given), oldest first. */
  pendingMail(ids?: readonly string[]): Promise<NotificationRecord[]>;
  /**
   * Records what became of e-mailing pending notifications; a failed attempt counts, and the
   * one that makes `maxAttempts` gives the notification up as `failed`.
   */
  recordMail(ids: readonly string[], outcome: MailOutcome, maxAttempts: number): Promise<void>;
  /** Records that the reminder `hoursBefore` a round's `deadline` went out; false if it had already. */
  recordDeadlineReminder(roundId: string, deadline: string, hoursBefore: number, at: string): Promise<boolean>;
  hasDeadlineReminder(roundId: string, deadline: string, hoursBefore: number): Promise<boolean>;
  /** Records the daily digest of an Oslo date (YYYY-MM-DD) as run; false if it had been. */
  recordDigest(osloDate: string, at: string): Promise<boolean>;
  digestRan(osloDate: string): Promise<boolean>;
}

/** A row for the audit log; its id is the database's. */
export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** The append-only audit log. */
export interface AuditStore {
  /** Appends a row (through a transaction's store: together with the change it records). */
  appendAudit(entry: NewAuditEntry): Promise<number>;
  /** Rows matching the query, newest first, a page at a time. */
  queryAudit(query: AuditQuery): Promise<AuditPage>;
  /** The retention: removes rows older than `before`; the only way a row ever leaves. */
  pruneAudit(before: string): Promise<number>;
}

export interface Store extends DocumentStore, RoundStore, AccountStore, ThreadStore, NotificationStore, AuditStore {
  /**
   * Runs `fn` in one transaction: every call made through `tx` commits together when the promise
   * `fn` returns resolves, and none of them does when it rejects (the rejection is rethrown).
   * Transactions run one at a time, and no write from outside a transaction lands between a
   * transaction's statements. Calling `transaction` on `tx` inside `fn` runs inline in the same one.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): void;
}
