import { describe, expect, it } from 'vitest';
import type { RoundEvent } from '../../shared/api.js';
import type { Thread } from '../../shared/comments.js';
import { LiveThreads } from '../../client/src/threads/liveThreads.js';

/** A promise the test settles when it chooses: the server's answer, held. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every settled promise's callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const at = (minute: number): string => `2026-11-28T21:${String(minute).padStart(2, '0')}:00.000Z`;

function thread(id: string, minute: number, bodies: string[], extra: Partial<Thread> = {}): Thread {
  return {
    id,
    roundId: 'r',
    measure: 5,
    anchor: null,
    quote: null,
    detached: false,
    resolved: false,
    resolvedBy: null,
    resolvedAt: null,
    mentions: [],
    waitingFor: [],
    createdAt: at(minute),
    comments: bodies.map((body, i) => ({
      id: `${id}-c${i}`,
      author: { username: 'jd', name: 'Redaktør JD', ministry: 'JD' },
      body,
      createdAt: at(minute),
      editedAt: null,
    })),
    ...extra,
  };
}

const threadEvent = (t: Thread): RoundEvent => ({ type: 'thread', roundId: 'r', thread: t });
const deleted = (threadId: string): RoundEvent => ({ type: 'threadDeleted', roundId: 'r', measure: 5, threadId });
const streamOpened: RoundEvent = { type: 'snapshot', roundId: 'r', measures: [] };

/** A list whose loads the test answers one by one; only measure 5's threads belong. */
function liveList() {
  const loads: ReturnType<typeof deferred<Thread[]>>[] = [];
  const store = new LiveThreads(
    () => {
      const load = deferred<Thread[]>();
      loads.push(load);
      return load.promise;
    },
    (t) => t.measure === 5,
  );
  const bodies = (): string[][] | null => store.getSnapshot().threads?.map((t) => t.comments.map((c) => c.body)) ?? null;
  return { store, loads, bodies };
}

describe('LiveThreads: the loaded list and the stream, in order', () => {
  it('holds events that arrive while a load is under way and applies them on top of its answer, in order', async () => {
    const { store, loads, bodies } = liveList();
    store.onRoundEvent(streamOpened);
    // The answer was read before these: a reply, a new thread, a deletion.
    store.onRoundEvent(threadEvent(thread('a', 1, ['Hei', 'Svar'])));
    store.onRoundEvent(threadEvent(thread('b', 2, ['Ny'])));
    store.onRoundEvent(threadEvent(thread('c', 3, ['Borte snart'])));
    store.onRoundEvent(deleted('c'));
    expect(store.getSnapshot().threads).toBeNull();

    loads[0]!.resolve([thread('a', 1, ['Hei']), thread('c', 3, ['Borte snart'])]);
    await settle();
    expect(bodies()).toEqual([['Hei', 'Svar'], ['Ny']]);
    expect(store.getSnapshot().failed).toBe(false);
  });

  it('ignores the answer of a load that a later one replaced (the stream reconnected meanwhile)', async () => {
    const { store, loads, bodies } = liveList();
    store.onRoundEvent(streamOpened);
    store.onRoundEvent(streamOpened);
    loads[1]!.resolve([thread('a', 1, ['Nytt svar'])]);
    await settle();
    loads[0]!.resolve([thread('a', 1, ['Gammelt'])]);
    await settle();
    expect(bodies()).toEqual([['Nytt svar']]);
  });

  it('after a failed load says so, still applies what the stream held, and applies later events at once', async () => {
    const { store, loads, bodies } = liveList();
    store.reload();
    store.onRoundEvent(threadEvent(thread('a', 1, ['Hei'])));
    loads[0]!.reject(new Error('offline'));
    await settle();
    expect(store.getSnapshot()).toMatchObject({ failed: true });
    expect(bodies()).toEqual([['Hei']]);
    store.onRoundEvent(threadEvent(thread('b', 2, ['Mer'])));
    expect(bodies()).toEqual([['Hei'], ['Mer']]);
  });

  it('keeps only the threads that belong, and drops one that stops belonging', async () => {
    const { store, loads, bodies } = liveList();
    store.reload();
    loads[0]!.resolve([thread('a', 1, ['Hei']), thread('x', 2, ['Annet tiltak'], { measure: 6 })]);
    await settle();
    expect(bodies()).toEqual([['Hei']]);
    store.onRoundEvent(threadEvent(thread('a', 1, ['Hei'], { measure: 7 })));
    expect(bodies()).toEqual([]);
  });
});

describe("LiveThreads: one's own change against the stream's revisions", () => {
  async function loaded(threads: Thread[]) {
    const list = liveList();
    list.store.reload();
    list.loads[0]!.resolve(threads);
    await settle();
    return list;
  }

  it("shows the server's answer to one's own change when the stream has said nothing newer", async () => {
    const { store, bodies } = await loaded([thread('a', 1, ['Hei'])]);
    const answer = await store.change('a', () => Promise.resolve(thread('a', 1, ['Hei', 'Mitt svar'])));
    expect(answer.comments).toHaveLength(2);
    expect(bodies()).toEqual([['Hei', 'Mitt svar']]);
  });

  it('keeps what the stream said when an event for the thread came while the change was under way', async () => {
    const { store, bodies } = await loaded([thread('a', 1, ['Hei'])]);
    const answer = deferred<Thread>();
    const change = store.change('a', () => answer.promise);
    // Someone else's reply after ours: its event carries both; our answer carries only ours.
    store.onRoundEvent(threadEvent(thread('a', 1, ['Hei', 'Mitt svar', 'Deres svar'])));
    answer.resolve(thread('a', 1, ['Hei', 'Mitt svar']));
    await change;
    expect(bodies()).toEqual([['Hei', 'Mitt svar', 'Deres svar']]);
  });

  it('shows the answer to a resolve sent from the outbox unless the stream told of the thread since; a list read again meanwhile does not count', async () => {
    const { store, loads } = await loaded([thread('a', 1, ['Hei'])]);
    const resolvedOf = (): boolean | undefined => store.getSnapshot().threads?.find((t) => t.id === 'a')?.resolved;
    const before = store.revisionOf('a');
    // The stream reconnected and the list was read again, from before the resolve was stored.
    store.onRoundEvent(streamOpened);
    loads[1]!.resolve([thread('a', 1, ['Hei'])]);
    await settle();
    store.takeIfUnchanged(thread('a', 1, ['Hei'], { resolved: true }), before);
    expect(resolvedOf()).toBe(true);

    // Someone reopened it after, and the stream told: an answer older than that is not shown.
    const mine = store.revisionOf('a');
    store.onRoundEvent(threadEvent(thread('a', 1, ['Hei'], { resolved: false })));
    store.takeIfUnchanged(thread('a', 1, ['Hei'], { resolved: true }), mine);
    expect(resolvedOf()).toBe(false);
  });

  it('adds a new thread from its answer, unless its event came first (then the event stands)', async () => {
    const { store, bodies } = await loaded([]);
    await store.change(null, () => Promise.resolve(thread('n', 4, ['Første'])));
    expect(bodies()).toEqual([['Første']]);

    const answer = deferred<Thread>();
    const started = store.change(null, () => answer.promise);
    store.onRoundEvent(threadEvent(thread('m', 5, ['Andre', 'Allerede besvart'])));
    answer.resolve(thread('m', 5, ['Andre']));
    await started;
    expect(bodies()).toEqual([['Første'], ['Andre', 'Allerede besvart']]);
  });

  it("does not bring back a thread the stream deleted while one's new thread was being answered", async () => {
    const { store, bodies } = await loaded([]);
    const answer = deferred<Thread>();
    const started = store.change(null, () => answer.promise);
    store.onRoundEvent(deleted('gone'));
    answer.resolve(thread('gone', 6, ['Slettet med en gang']));
    await started;
    expect(bodies()).toEqual([]);
  });

  it('drops a comment the server deleted, and the thread with its last one; a comment the stream already removed is not looked for', async () => {
    const { store, bodies } = await loaded([thread('a', 1, ['Hei', 'Svar']), thread('b', 2, ['Alene'])]);
    let published = 0;
    store.subscribe(() => published++);
    store.dropComment('a', 'a-c1');
    expect(bodies()).toEqual([['Hei'], ['Alene']]);
    store.dropComment('b', 'b-c0');
    expect(bodies()).toEqual([['Hei']]);
    expect(published).toBe(2);

    // The stream told of the deletion first: the answer changes nothing.
    store.onRoundEvent(deleted('a'));
    store.dropComment('a', 'a-c0');
    expect(bodies()).toEqual([]);
    expect(published).toBe(3);
  });
});
