import type * as Y from 'yjs';
import type { RoundEvent } from '../../shared/api.js';
import type { NotificationEvent } from '../../shared/notifications.js';
import type { AuditActor } from '../../shared/audit.js';
import type { SessionUser } from '../../shared/auth.js';
import type { AppendedUpdate, DocumentStore, NewAuditEntry, Store } from '../store/types.js';

/** Reads a measure's Yjs document: the loaded one if it is in memory, else from `store`. */
export interface NarrativeReader {
  read<T>(docName: string, reader: (doc: Y.Doc) => T, store?: DocumentStore): Promise<T>;
}

/**
 * An edit prepared on a copy of a measure's loaded document and checked as a client's update
 * would be: nothing to change, refused (a limit), or ready. `apply` applies it to the document at
 * once, synchronously, and resolves once the document's own write has stored it, which happens
 * only after the caller's transaction: a command returns that promise, never awaits it.
 */
export type PreparedEdit =
  | { kind: 'unchanged' }
  | { kind: 'refused'; reason: string }
  | { kind: 'ready'; apply(): Promise<AppendedUpdate | null> };

/** A restore as the edit that makes it records it: whose, of which version, and its audit row. */
export interface RestoreOrigin {
  author: string;
  restoredFrom: number;
  /** Stored in the same transaction as the edit's update, never without it. */
  audit: NewAuditEntry;
}

/** A measure's document, loaded and held, for an edit the server makes on a person's behalf. */
export interface NarrativeEditor {
  /** Prepares the edit `change` makes, as `restore.author`'s restore of version `restore.restoredFrom`. */
  prepareRestore(restore: RestoreOrigin, change: (doc: Y.Doc) => void): PreparedEdit;
}

/** What a command may use besides the transaction it runs in. */
export interface CommandDeps {
  narratives: NarrativeReader;
  now: () => Date;
  log: (message: string) => void;
}

/** An event for one person's own stream (their notifications), not for a round's. */
export interface PersonalEvent {
  username: string;
  event: NotificationEvent;
}

/** What a command did: its answer, and the events to publish once it has committed. */
export interface Outcome<R> {
  result: R;
  events: RoundEvent[];
  /** Events for one person each, published after the round events. */
  personal?: PersonalEvent[];
  /** The audit log's rows for this change, written in its transaction (none: nothing changed). */
  audit?: AuditNote[];
}

/** An audit row as a command writes it; the runner stamps the time. */
export type AuditNote = Omit<NewAuditEntry, 'at'>;

/** The audit log's actor for a signed-in person. */
export function userActor(user: Pick<SessionUser, 'username' | 'name'>): AuditActor {
  return { kind: 'user', username: user.username, name: user.name };
}

/**
 * One state change: given the transaction's store, it loads what it needs, authorizes with
 * `can()`, writes, and says which events follow. Its input is parsed and validated before it
 * is made, so nothing is awaited between the check and the write but the transaction's own calls.
 */
export type Command<R> = (tx: Store, deps: CommandDeps) => Promise<Outcome<R>>;

/**
 * Runs commands: each in one store transaction, its events published only after the commit
 * (a command that throws stores and publishes nothing).
 */
export class Commands {
  constructor(
    private readonly store: Store,
    private readonly deps: CommandDeps,
    private readonly publish: (event: RoundEvent) => void,
    private readonly publishPersonal: (event: PersonalEvent) => void = () => undefined,
  ) {}

  async run<R>(command: Command<R>): Promise<R> {
    const { result, events, personal = [] } = await this.store.transaction(async (tx) => {
      const outcome = await command(tx, this.deps);
      // What changed is on record in the same transaction as the change, or neither is.
      const at = this.deps.now().toISOString();
      for (const note of outcome.audit ?? []) await tx.appendAudit({ ...note, at });
      return outcome;
    });
    for (const event of events) this.publish(event);
    for (const event of personal) this.publishPersonal(event);
    return result;
  }
}

/** An outcome without events. */
export function quietly<R>(result: R): Outcome<R> {
  return { result, events: [] };
}
