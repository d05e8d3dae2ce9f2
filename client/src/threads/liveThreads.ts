import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { RoundEvent } from '../../../shared/api.js';
import type { Thread } from '../../../shared/comments.js';
import { browserCopyOf, type BrowserCopy } from '../api.js';

export interface LiveThreadsSnapshot {
  /** Oldest first; null until the first load answered. */
  threads: Thread[] | null;
  /** The last load failed (what is shown may be stale). */
  failed: boolean;
  /**
   * The list shown was read from this browser's copy (an offline reload), fetched then; null
   * once the server's answer replaced it.
   */
  copy?: BrowserCopy | null;
}

/**
 * A live list of comment threads: loaded over HTTP, then kept current by the round's event
 * stream. Every `snapshot` event means the stream (re)connected and may have missed changes,
 * so the list is loaded again; events that arrive meanwhile are held and applied on top of the
 * answer, in order (each carries the whole thread, so the last one wins).
 */
export class LiveThreads {
  private threads = new Map<string, Thread>();
  /** How many events each thread has had, to tell whether an answer to one's own change is still news. */
  private readonly revisions = new Map<string, number>();
  private held: RoundEvent[] | null = null;
  private generation = 0;
  private snapshot: LiveThreadsSnapshot = { threads: null, failed: false, copy: null };
  private copy: BrowserCopy | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly load: () => Promise<Thread[]>,
    /** Which threads belong in this list (a measure's; those waiting for a ministry). */
    private readonly belongs: (thread: Thread) => boolean,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveThreadsSnapshot => this.snapshot;

  /** Loads the list again; events until the answer are held. */
  reload(): void {
    const generation = ++this.generation;
    this.held ??= [];
    this.load().then(
      (list) => {
        if (generation !== this.generation) return;
        this.threads = new Map(list.filter(this.belongs).map((thread) => [thread.id, thread]));
        this.copy = browserCopyOf(list);
        this.release(false);
      },
      () => {
        if (generation !== this.generation) return;
        this.release(true);
      },
    );
  }

  /** Feed every event of the round's stream; the ones about threads change the list. */
  onRoundEvent = (event: RoundEvent): void => {
    if (event.type === 'snapshot') {
      this.reload();
      return;
    }
    if (event.type !== 'thread' && event.type !== 'threadDeleted') return;
    if (this.held) {
      this.held.push(event);
      return;
    }
    this.apply(event);
    this.publish(this.snapshot.failed);
  };

  /**
   * Runs one's own change and shows the server's answer at once, unless the stream has said
   * something newer about the thread meanwhile (its own event for this change comes first, as
   * the server publishes before it answers).
   */
  async change(threadId: string | null, run: () => Promise<Thread>): Promise<Thread> {
    const before = threadId === null ? null : this.revisionOf(threadId);
    const thread = await run();
    const fresh = threadId === null ? !this.threads.has(thread.id) && !this.revisions.has(thread.id) : this.revisionOf(threadId) === before;
    if (fresh) {
      this.put(thread);
      this.publish(this.snapshot.failed);
    }
    return thread;
  }

  /**
   * Shows a thread as the server answered one's own change sent earlier (from the outbox), unless
   * the stream has told of it already. A list that lacks a comment of the answer is older than
   * the answer (any change after it would have told of that comment too); one that has them all
   * may be newer. A thread the stream said was deleted stays deleted.
   */
  take(thread: Thread): void {
    const known = this.threads.get(thread.id);
    const stale = known ? !thread.comments.every((comment) => known.comments.some((c) => c.id === comment.id)) : !this.revisions.has(thread.id);
    if (!stale) return;
    this.put(thread);
    this.publish(this.snapshot.failed);
  }

  /**
   * Shows a thread as the server answered one's own change of it (a resolve or a reopen) unless
   * the stream has told of the thread since `revision` (`revisionOf` when the change was made):
   * what it told is at least as new. A list read again meanwhile does not count: it may be older.
   */
  takeIfUnchanged(thread: Thread, revision: number): void {
    if (this.revisionOf(thread.id) !== revision || !this.threads.has(thread.id)) return;
    this.put(thread);
    this.publish(this.snapshot.failed);
  }

  /** Removes a comment the server deleted (one's own, sent from the outbox), and its thread with its last comment. */
  dropComment(threadId: string, commentId: string): void {
    const thread = this.threads.get(threadId);
    if (!thread?.comments.some((comment) => comment.id === commentId)) return;
    const comments = thread.comments.filter((comment) => comment.id !== commentId);
    if (comments.length === 0) this.threads.delete(threadId);
    else this.threads.set(threadId, { ...thread, comments });
    this.publish(this.snapshot.failed);
  }

  /** How many times the stream has told of `threadId` (see change, takeIfUnchanged). */
  revisionOf(threadId: string): number {
    return this.revisions.get(threadId) ?? 0;
  }

  private release(failed: boolean): void {
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.apply(event);
    this.publish(failed);
  }

  private apply(event: RoundEvent): void {
    if (event.type === 'thread') {
      this.revisions.set(event.thread.id, this.revisionOf(event.thread.id) + 1);
      this.put(event.thread);
    } else if (event.type === 'threadDeleted') {
      this.revisions.set(event.threadId, this.revisionOf(event.threadId) + 1);
      this.threads.delete(event.threadId);
    }
  }

  private put(thread: Thread): void {
    if (this.belongs(thread)) this.threads.set(thread.id, thread);
    else this.threads.delete(thread.id);
  }

  private publish(failed: boolean): void {
    const threads = [...this.threads.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    this.snapshot = { threads, failed, copy: this.copy };
    for (const listener of this.listeners) listener();
  }
}

/**
 * A LiveThreads for as long as the component shows, loaded at once (the stream's first
 * snapshot loads it again, which closes the gap before the stream was connected). A new `load`
 * or `belongs` makes a new list: pass stable functions (useCallback on what they depend on).
 */
export function useLiveThreads(
  load: () => Promise<Thread[]>,
  belongs: (thread: Thread) => boolean,
): { store: LiveThreads } & LiveThreadsSnapshot {
  const store = useMemo(() => new LiveThreads(load, belongs), [load, belongs]);
  useEffect(() => store.reload(), [store]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { store, ...snapshot };
}
