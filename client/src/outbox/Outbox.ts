import type { Thread } from '../../../shared/comments.js';
import type { MeasureSummary } from '../../../shared/measureSummary.js';
import { ApiRequestError, isUnanswered } from '../api.js';
import {
  afterReload,
  choose,
  discard,
  enqueue,
  markSending,
  nextToSend,
  readPending,
  sameField,
  settle,
  type Change,
  type CommentChange,
  type Outcome,
  type Pending,
} from './changes.js';

/** What the server answered a change with: the measure as it is now, the thread, or nothing (a deletion). */
export type Answer = MeasureSummary | Thread | null;

/** How the outbox reaches the server (the API in the app; fakes in tests). */
export interface OutboxTransport {
  send(change: Change): Promise<Answer>;
  /** A measure's threads: where to look for a comment whose earlier send may have arrived. */
  threads(roundId: string, number: number): Promise<Thread[]>;
}

/** Where the outbox keeps its list (this account's localStorage in the app). */
export interface OutboxStore {
  read(): unknown;
  write(list: readonly Pending[]): void;
  /** Hears when another tab changed the list; returns the function that stops listening. */
  subscribe(onChange: () => void): () => void;
}

export interface OutboxOptions {
  /** Whether this account is the one signed in now (its changes go only under its own session). */
  canSend(): boolean;
  /** Runs `task` while no other tab of this browser sends (Web Locks); at once without them. */
  exclusive?<T>(task: () => Promise<T>): Promise<T>;
  now?(): string;
  newId?(): string;
  /** How long to wait before trying again after `failures` unanswered sends in a row. */
  retryMs?(failures: number): number;
}

/** What became of one change, for the page that shows it. */
export interface Settled {
  entry: Pending;
  outcome: Outcome;
  /** The server's answer when it was saved (null when a comment sent before turned out to be there already... with the thread found). */
  answer: Answer | null;
}

/** First wait before sending again after no answer; doubled per failure, up to the longest. */
export const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 10_000;
/** How far before a comment was made its earlier, unanswered send may be found (clocks differ). */
const CLOCK_SLACK_MS = 60_000;

const defaultRetry = (failures: number): number => Math.min(RETRY_FIRST_MS * 2 ** Math.max(0, failures - 1), RETRY_MAX_MS);

/** What to do with a send that failed: a refusal the person must see, a conflict, or no answer (send again). */
export function outcomeOf(error: unknown, change: Change): Outcome {
  if (isUnanswered(error) || !(error instanceof ApiRequestError)) return { kind: 'unanswered' };
  const { status } = error;
  if (status === 409 && error.current) {
    const now = change.kind === 'status' ? error.current.status : change.kind === 'ready' ? error.current.ready : undefined;
    if (typeof now === 'string' || typeof now === 'boolean') return { kind: 'conflict', current: now as never };
  }
  // Signed out meanwhile: sent once this person signs in again. A busy or failing server: later.
  if (status === 401 || status === 408 || status === 429 || status >= 500) return { kind: 'unanswered' };
  // A comment to delete that is gone already: what the person wanted is done.
  if (status === 404 && change.kind === 'delete') return { kind: 'saved' };
  if (status === 403) return { kind: 'refused', refusal: 'forbidden' };
  if (status === 404) return { kind: 'refused', refusal: 'gone' };
  if (status === 400 && error.unknown.length > 0) return { kind: 'refused', refusal: 'unknownNames', names: error.unknown };
  return { kind: 'refused', refusal: 'invalid' };
}

/** A comment of this person's with this text, in a thread the change is about, written after `since`. */
function alreadyThere(threads: readonly Thread[], change: CommentChange, username: string, since: number): Thread | undefined {
  const mine = (thread: Thread, index: number | null): boolean =>
    thread.comments.some(
      (comment, i) =>
        (index === null || i === index) &&
        comment.author.username === username &&
        comment.body === change.body &&
        Date.parse(comment.createdAt) >= since,
    );
  if (change.kind === 'reply') return threads.find((thread) => thread.id === change.threadId && mine(thread, null));
  return threads.find(
    (thread) => JSON.stringify(thread.anchor) === JSON.stringify(change.anchor) && thread.measure === change.number && mine(thread, 0),
  );
}

/**
 * The changes one person made that wait in this browser for the server (status, readiness,
 * comments), kept across reloads and sent in the order they were made, one at a time: when a
 * send gets no answer, it waits and is tried again (after a growing pause, or at once when
 * `kick` says the connection is back). A field changed by someone else meanwhile (409) waits
 * for the person's choice; a refusal waits to be seen. A comment whose earlier send may have
 * arrived is looked for before it is sent again, so it is not posted twice.
 */
export class Outbox {
  private list: Pending[];
  private readonly listeners = new Set<() => void>();
  private readonly settledListeners = new Set<(settled: Settled) => void>();
  private running = false;
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly stopListening: () => void;

  constructor(
    readonly username: string,
    private readonly transport: OutboxTransport,
    private readonly store: OutboxStore,
    private readonly options: OutboxOptions,
  ) {
    this.list = afterReload(readPending(store.read()));
    this.stopListening = store.subscribe(() => {
      this.list = readPending(store.read());
      this.publish();
      this.kick();
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly Pending[] => this.list;

  /** Hears what became of each change sent. */
  onSettled(listener: (settled: Settled) => void): () => void {
    this.settledListeners.add(listener);
    return () => this.settledListeners.delete(listener);
  }

  /**
   * Keeps a change and sends it as soon as it can. Returns the id of the entry that holds it (a
   * field's change may be merged into one already waiting), or null when nothing is left to
   * send (a field changed back to what the server has).
   */
  add(change: Change): string | null {
    const id = this.options.newId?.() ?? crypto.randomUUID();
    this.write(enqueue(this.current(), change, { id, now: this.now() }));
    this.kick();
    const holder = this.list.find((entry) => entry.id === id) ?? this.list.findLast((entry) => entry.state !== 'refused' && sameField(entry.change, change));
    return holder?.id ?? null;
  }

  /** The person's choice in a conflict (see `choose`). */
  choose(id: string, choice: 'mine' | 'theirs'): void {
    this.write(choose(this.current(), id, choice));
    this.kick();
  }

  /** Drops a change (seen refusal; a comment taken back to its form). */
  discard(id: string): void {
    this.write(discard(this.current(), id));
  }

  /** Sends what waits, now: the connection may be back. */
  kick = (): void => {
    if (this.stopped) return;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain().finally(() => {
      this.running = false;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  };

  /** Stops sending and listening (the person signed out, or the test is over). */
  stop(): void {
    this.stopped = true;
    this.stopListening();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Forgets every change (this person's data was cleared from the browser). */
  forget(): void {
    this.list = [];
    this.publish();
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.options.canSend()) {
      // A failure outside the send itself (the lock, storage) is one more reason to try again later.
      const result = await this.exclusive(() => this.sendNext()).catch(() => 'unanswered' as const);
      if (result === 'idle') return;
      if (result === 'unanswered') {
        // What was added meanwhile cannot go either: the next try is the retry's (or the next kick's).
        this.again = false;
        this.failures++;
        const wait = (this.options.retryMs ?? defaultRetry)(this.failures);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, wait);
        return;
      }
      this.failures = 0;
    }
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.options.exclusive ? this.options.exclusive(task) : task();
  }

  private async sendNext(): Promise<'idle' | 'sent' | 'unanswered'> {
    // Under the lock nobody else sends: what another tab left `sending` went with it.
    this.list = afterReload(this.current());
    const next = nextToSend(this.list);
    if (!next) {
      this.publish();
      return 'idle';
    }
    this.write(markSending(this.list, next.id));
    let outcome: Outcome;
    let answer: Answer | null = null;
    try {
      const found = await this.lookBeforeResend(next);
      answer = found ?? (await this.transport.send(next.change));
      outcome = { kind: 'saved' };
    } catch (error) {
      outcome = outcomeOf(error, next.change);
    }
    this.write(settle(this.current(), next.id, outcome));
    for (const listener of this.settledListeners) listener({ entry: next, outcome, answer });
    return outcome.kind === 'unanswered' ? 'unanswered' : 'sent';
  }

  /** A comment whose earlier send got no answer may have arrived: the thread that has it, if so. */
  private async lookBeforeResend(entry: Pending): Promise<Thread | undefined> {
    const { change } = entry;
    if (!entry.attempted || (change.kind !== 'thread' && change.kind !== 'reply')) return undefined;
    const threads = await this.transport.threads(change.roundId, change.number);
    return alreadyThere(threads, change, this.username, Date.parse(entry.madeAt) - CLOCK_SLACK_MS);
  }

  /** The list as stored now (another tab may have changed it). */
  private current(): Pending[] {
    return readPending(this.store.read());
  }

  private write(list: Pending[]): void {
    this.list = list;
    this.store.write(list);
    this.publish();
  }

  private publish(): void {
    for (const listener of this.listeners) listener();
  }

  private now(): string {
    return this.options.now?.() ?? new Date().toISOString();
  }
}
