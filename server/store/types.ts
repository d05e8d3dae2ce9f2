import type { AuditEntry, AuditKind, AuditPage, AuditQuery } from '../../shared/audit.js';
import type { MinistryCode } from '../../shared/ministries.js';
import type { ImportWarning } from '../../shared/plan.js';
import type { Round, RoundDetail } from '../../shared/round.js';
import type { SnapshotSummary } from '../../shared/snapshot.js';
import type { MeasureFieldsPatch } from '../../shared/measurePatch.js';
import type { MeasureFields } from '../../shared/measureSummary.js';
import type { Anchor, CommentAuthor } from '../../shared/comments.js';
import type { NotificationPayload } from '../../shared/notifications.js';
import type { EmailDelivery } from '../../shared/notificationSettings.js';
import type { Role } from '../../shared/permissions.js';

/**
 * Storage behind the server, one interface per aggregate (documents, rounds, accounts, threads,
 * notifications)
 * and `Store`, all of them with `transaction`. The Yjs lifecycle only sees DocumentStore. All
 * async so that a PostgreSQL implementation is an addition, not a rewrite; what any
 * implementation must do is tests/server/storeContract.ts.
 */

/**
 * Why an update was stored: a person's edit through a sync connection, a restore made by a
 * person, or a document's first state (the imported report, or the previous round's narrative
 * carried over). Every update of the history says so, with when and by whom.
 */
export type UpdateKind = 'edit' | 'restore' | 'imported' | 'carriedOver';

/** Who introduced a Yjs client id into a document. */
export interface ClientClaim {
  clientId: number;
  /** The account; null for the imported report (no person). */
  author: string | null;
  /** Claimed in an earlier round's document and carried over with its text. */
  carriedOver: boolean;
}

/** Who stored an update, when and why; written in the same transaction as the update itself. */
export interface UpdateOrigin {
  kind: UpdateKind;
  /** The account whose session sent it, who restored, or who created the round; null for the server itself. */
  author: string | null;
  /** ISO 8601. */
  at: string;
  /** Client ids whose structs the update brings: each one nobody has claimed yet becomes `author`'s. */
  clients: readonly number[];
  /** `restore`: the version whose narrative it brings back. */
  restoredFrom?: number;
  /** `carriedOver`: the document it was carried from and that document's claims (kept, marked carried over). */
  carried?: { from: string; claims: readonly ClientClaim[] };
}

/** The stored update log of one Yjs document as its current state is loaded. */
export interface StoredDocument {
  /** The compacted state (when there is one), then every update stored after it, oldest first. */
  updates: Uint8Array[];
  /** Id of the last stored update (0 when there is none); compaction replaces up to it. */
  lastId: number;
  /** Updates stored since the history's last checkpoint (or since the first update), and their bytes. */
  sinceCheckpoint: { updates: number; bytes: number };
}

/** What storing one update did to the history. */
export interface AppendedUpdate {
  /** The update's id in the history (ids grow in the order updates are stored). */
  id: number;
  /** The version it belongs to now. */
  version: number;
  /** Versions that can no longer grow since this update (their word counts can be computed for good). */
  closed: number[];
}

/** One version of a document, as stored: consecutive updates of one kind by one author. */
export interface VersionRecord {
  id: number;
  docName: string;
  kind: 'narrative' | 'restore' | 'carriedOver' | 'imported';
  author: string | null;
  /** Ids of its first and last update in the history. */
  firstId: number;
  lastId: number;
  /** ISO 8601: its first and last update. */
  startedAt: string;
  endedAt: string;
  updates: number;
  restoredFrom: number | null;
  /** `carriedOver`: the document it came from. */
  carriedFrom: string | null;
  /** Words added and removed, as last computed, and the `lastId` they were computed at; null until computed. */
  stats: { wordsAdded: number; wordsRemoved: number; throughId: number } | null;
}

/** One stored update of the history. */
export interface HistoryUpdate {
  id: number;
  author: string | null;
  kind: UpdateKind | 'legacy';
  data: Uint8Array;
}

/** A stretch of a document's history: the latest state stored before it (a checkpoint), and the updates after that. */
export interface HistorySlice {
  /** The state through `baseId`, or null to start from an empty document. */
  base: Uint8Array | null;
  baseId: number;
  /** Every update after `baseId` up to the slice's end, oldest first. */
  updates: HistoryUpdate[];
}

export interface DocumentStore {
  /** Every stored update of a document as its current state loads: the compacted state and the updates after it. */
  loadDocument(docName: string): Promise<StoredDocument>;
  /**
   * Stores one update durably with its origin (the history row, the author's claims on its client
   * ids, its version): all in one transaction; resolves only once it is committed.
   */
  appendUpdate(docName: string, update: Uint8Array, origin: UpdateOrigin): Promise<AppendedUpdate>;
  /**
   * Makes `merged` the document's current state through `throughId` (an update of this
   * document), atomically; the history keeps every update, and with `checkpoint` keeps `merged`
   * too as a checkpoint for reading the history back.
   */
  compactDocument(docName: string, throughId: number, merged: Uint8Array, checkpoint: boolean): Promise<void>;
  /** Who introduced each client id of a document, in the order they were claimed. */
  documentClients(docName: string): Promise<ClientClaim[]>;
  /** A document's versions, oldest first. */
  listVersions(docName: string): Promise<VersionRecord[]>;
  getVersion(docName: string, id: number): Promise<VersionRecord | null>;
  /**
   * The history of a document up to `throughId`, starting from the latest checkpoint (or
   * compacted state) stored through an update before `beforeId`.
   */
  readHistory(docName: string, beforeId: number, throughId: number): Promise<HistorySlice>;
  /** Records a version's word counts as computed at its update `throughId`. */
  setVersionStats(id: number, wordsAdded: number, wordsRemoved: number, throughId: number): Promise<void>;
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
  measures: (Omit<MeasureRecord, 'roundId' | 'updatedAt' | 'openThreads' | 'ready' | 'carriedOver'> & {
    initialUpdate: Uint8Array;
    docName: string;
    /** Client ids of the initial update (the importer's): claimed for nobody, the imported report's. */
    clients: number[];
  })[];
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
  /** Who created it: the carried-over versions are theirs. */
  createdBy: string;
  /** Every measure of the previous round: its fields, title and plan text, and its narrative's state as the new document's first update. */
  measures: {
    number: number;
    title: string;
    planText: string;
    status: MeasureFields['status'];
    narrativeEmpty: boolean;
    docName: string;
    initialUpdate: Uint8Array;
    /** The previous round's document and its claims, carried over with the text. */
    carriedFrom: string;
    claims: ClientClaim[];
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

/**
 * Which account a person of the identity provider (OpenID Connect) is: by the provider's issuer
 * and subject, or, pre-registered with the CLI by e-mail, by the first sign-in whose verified
 * e-mail matches (which then binds the subject). `origin`: made with the CLI, or by a claim
 * mapping on first sign-in (whose role and ministry then follow the claims).
 */
export interface IdentityRecord {
  username: string;
  subject: { issuer: string; subject: string } | null;
  email: string | null;
  origin: 'cli' | 'claims';
  createdAt: string;
  /** When the subject was bound (first sign-in, or the CLI naming it). */
  linkedAt: string | null;
}

export interface IdentityStore {
  identityBySubject(issuer: string, subject: string): Promise<IdentityRecord | null>;
  /** The identity pre-registered by this e-mail (any case) whose subject is not yet bound. */
  pendingIdentityByEmail(email: string): Promise<IdentityRecord | null>;
  identityOf(username: string): Promise<IdentityRecord | null>;
  listIdentities(): Promise<IdentityRecord[]>;
  /** Creates or replaces the account's identity; fails if another account has its subject or pending e-mail. */
  setIdentity(identity: IdentityRecord): Promise<void>;
  /** Removes the account's identity; false if it had none. */
  deleteIdentity(username: string): Promise<boolean>;
  /** Keeps the ID token a session started with (for the provider's sign-out); it goes with the session. */
  setSessionIdToken(sessionId: string, idToken: string): Promise<void>;
  sessionIdToken(sessionId: string): Promise<string | null>;
}

/**
 * A sign-in on its way through the identity provider, by its `state` (README, *Running it for
 * real*, sign-in through the organisation). In the store, not in one process's memory: behind
 * several instances the provider may send the browser back to another instance than the one
 * that sent it off.
 */
export interface PendingSignInRecord {
  state: string;
  /** The SHA-256 (hex) of the browser's binding cookie, never the cookie itself: only that browser may finish it. */
  bindingHash: string;
  nonce: string;
  /** The PKCE verifier the provider's code is redeemed with. */
  codeVerifier: string;
  /** The app's page to return to (a path on its own origin). */
  returnTo: string;
  /** ISO 8601. */
  expiresAt: string;
}

export interface SignInStore {
  /**
   * Stores a sign-in, after removing those expired at `now` and, while `max` or more are kept,
   * the oldest (by expiry, then by the order they were stored); answers how many are in progress
   * with it.
   */
  startSignIn(pending: PendingSignInRecord, now: string, max: number): Promise<number>;
  /**
   * The sign-in with `state`, if the browser whose binding hashes to `bindingHash` started it and
   * it has not expired at `now`: removed by the same statement that finds it, so that it is
   * finished once, whichever instance is asked. Another browser's binding leaves it for the
   * browser that started it; an expired one is removed. Null when there is none to finish.
   */
  takeSignIn(state: string, bindingHash: string, now: string): Promise<PendingSignInRecord | null>;
}

/** A comment as stored; the author is the session's, stamped by the server. */
/** A measure's comment threads, counted: threads, and the characters (code points) of all their comments, and of all the round's. */
export interface CommentVolume {
  threads: number;
  chars: number;
  roundChars: number;
}

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
  /** How many threads one measure of a round has, the characters their comments hold together, and those of the whole round's. */
  commentVolume(roundId: string, measure: number): Promise<CommentVolume>;
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
  /** The newest `limit` rows of the given kinds about one measure of a round, oldest first (a measure's history shows its status and readiness changes). */
  measureAudit(roundId: string, measure: number, kinds: readonly AuditKind[], limit: number): Promise<AuditEntry[]>;
}

export interface Store extends DocumentStore, RoundStore, AccountStore, IdentityStore, SignInStore, ThreadStore, NotificationStore, AuditStore {
  /**
   * Runs `fn` in one transaction: every call made through `tx` commits together when the promise
   * `fn` returns resolves, and none of them does when it rejects (the rejection is rethrown).
   * Transactions run one at a time, and no write from outside a transaction lands between a
   * transaction's statements. Calling `transaction` on `tx` inside `fn` runs inline in the same one.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  close(): void;
}
