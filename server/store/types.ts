import type { MinistryCode } from '../../shared/ministries.js';
import type { ImportWarning } from '../../shared/plan.js';
import type { Round, RoundDetail } from '../../shared/round.js';
import type { MeasureFields, MeasureFieldsPatch } from '../../shared/measure.js';
import type { Anchor, CommentAuthor } from '../../shared/comments.js';
import type { Role } from '../../shared/permissions.js';

/**
 * Storage behind the server, as two small interfaces: the Yjs lifecycle only sees
 * DocumentStore, the HTTP API only sees RoundStore. Both are async so that a PostgreSQL
 * implementation is an addition, not a rewrite.
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
  title: string;
  ministries: MinistryCode[];
  planText: string;
  narrativeEmpty: boolean;
  /** Unresolved comment threads on the measure. */
  openThreads: number;
  updatedAt: string;
}

/** Everything needed to create a round from an imported report, written in one transaction. */
export interface RoundSeed {
  plan: { id: string; title: string; reportTitle: string };
  round: Round & { intro: string };
  measures: (Omit<MeasureRecord, 'roundId' | 'updatedAt' | 'openThreads'> & { initialUpdate: Uint8Array; docName: string })[];
  warnings: ImportWarning[];
  createdAt: string;
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
  /** Applies a validated patch; null if the measure does not exist. */
  updateMeasureFields(roundId: string, number: number, patch: MeasureFieldsPatch, at: string): Promise<MeasureRecord | null>;
  /** Records whether a measure's narrative is empty; true if that changed anything. */
  setNarrativeEmpty(roundId: string, number: number, empty: boolean): Promise<boolean>;
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
  createdAt: string;
  updatedAt: string;
}

export type NewUser = Omit<UserRecord, 'disabled' | 'createdAt' | 'updatedAt'>;

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

export interface Store extends DocumentStore, RoundStore, AccountStore, ThreadStore {
  close(): void;
}
