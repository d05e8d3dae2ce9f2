import { describe, expect, it } from 'vitest';
import type { Thread } from '../../shared/comments.js';
import type { Status } from '../../shared/status.js';
import { ApiRequestError } from '../../client/src/api.js';
import { choose, enqueue, readPending, settle, type Change, type Pending } from '../../client/src/outbox/changes.js';
import { pendingStatus } from '../../client/src/outbox/pending.js';
import { Outbox, outcomeOf, type Answer, type OutboxStore, type OutboxTransport } from '../../client/src/outbox/Outbox.js';
import { measureSummary as summary } from '../helpers/measureSummary.js';

const ROUND = 'r';
const status = (value: Status, base: Status, number = 5): Change => ({ kind: 'status', roundId: ROUND, number, value, base });
const ready = (value: boolean, base: boolean, ministry: 'JD' | 'BLD' = 'JD'): Change => ({ kind: 'ready', roundId: ROUND, number: 25, ministry, value, base });
const reply = (threadId: string, body: string): Change => ({ kind: 'reply', roundId: ROUND, number: 5, threadId, body });
const newThread = (body: string): Change => ({ kind: 'thread', roundId: ROUND, number: 5, body, anchor: null, quote: null });
/** A thread resolved (or reopened) from what the server said of it, open by default. */
const resolve = (threadId: string, value: boolean, base = false): Change => ({ kind: 'resolve', roundId: ROUND, number: 5, threadId, value, base });

let ids = 0;
const add = (list: readonly Pending[], change: Change, now = '2026-11-28T10:00:00.000Z'): Pending[] => enqueue(list, change, { id: `e${++ids}`, now });

/** Lets every settled promise's callbacks run. */
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function thread(id: string, comments: { body: string; username?: string; at?: string }[]): Thread {
  return {
    id,
    roundId: ROUND,
    measure: 5,
    anchor: null,
    quote: null,
    detached: false,
    resolved: false,
    resolvedBy: null,
    resolvedAt: null,
    mentions: [],
    waitingFor: [],
    createdAt: '2026-11-28T10:00:00.000Z',
    comments: comments.map((c, i) => ({
      id: `${id}-c${i}`,
      author: { username: c.username ?? 'jd', name: 'Redaktør JD', ministry: 'JD' },
      body: c.body,
      createdAt: c.at ?? '2026-11-28T10:00:05.000Z',
      editedAt: null,
    })),
  };
}

/** A server the test answers by hand: each send waits for `answer` or `fail`, in order. */
class FakeServer implements OutboxTransport {
  readonly sent: Change[] = [];
  private readonly waiting: { resolve: (answer: Answer) => void; reject: (error: unknown) => void }[] = [];
  threadsOnServer: Thread[] = [];

  send(change: Change): Promise<Answer> {
    this.sent.push(change);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  threads(): Promise<Thread[]> {
    return Promise.resolve(this.threadsOnServer);
  }

  get open(): number {
    return this.waiting.length;
  }

  answer(answer: Answer = summary(5)): void {
    this.waiting.shift()?.resolve(answer);
  }

  fail(error: unknown = new TypeError('Failed to fetch')): void {
    this.waiting.shift()?.reject(error);
  }
}

/** localStorage for one account, as a string (what survives a reload). */
class MemoryStore implements OutboxStore {
  raw = '[]';
  read(): unknown {
    return JSON.parse(this.raw);
  }
  write(list: readonly Pending[]): void {
    this.raw = JSON.stringify(list);
  }
  subscribe(): () => void {
    return () => undefined;
  }
}

function outboxOf(server: FakeServer, store = new MemoryStore(), signedIn = { value: true }): Outbox {
  let n = 0;
  return new Outbox('jd', server, store, {
    canSend: () => signedIn.value,
    newId: () => `id${++n}-${Math.random().toString(36).slice(2, 6)}`,
    // The test kicks by hand: no retry of its own.
    retryMs: () => 3_600_000,
  });
}

const conflict = (current: Record<string, unknown>): ApiRequestError =>
  new ApiRequestError('changed by someone else since', 409, 'conflict', 'status', null, current);

describe('the outbox keeps field changes: one per field, made from what the server had', () => {
  it('a status changed twice offline is one change from the first value; changed back, nothing is left to send', () => {
    let list = add([], status('Gjennomført', 'Løpende'));
    list = add(list, status('Ikke igangsatt', 'Gjennomført'));
    expect(list).toHaveLength(1);
    expect(list[0]?.change).toMatchObject({ value: 'Ikke igangsatt', base: 'Løpende' });
    expect(add(list, status('Løpende', 'Ikke igangsatt'))).toEqual([]);
    // A change to what the server has is no change.
    expect(add([], status('Løpende', 'Løpende'))).toEqual([]);
  });

  it('readiness is kept per ministry; other measures and other fields are their own changes', () => {
    let list = add([], ready(true, false, 'JD'));
    list = add(list, ready(true, false, 'BLD'));
    list = add(list, status('Gjennomført', 'Løpende', 7));
    list = add(list, status('Gjennomført', 'Løpende', 8));
    expect(list.map((e) => e.change.kind)).toEqual(['ready', 'ready', 'status', 'status']);
    expect(add(list, ready(false, true, 'JD')).map((e) => e.change.kind)).toEqual(['ready', 'status', 'status']);
  });

  it('a thread resolved and reopened offline leaves nothing to send; each thread is its own field', () => {
    let list = add([], resolve('t1', true));
    list = add(list, resolve('t2', true));
    expect(list.map((e) => e.change.kind === 'resolve' && e.change.threadId)).toEqual(['t1', 't2']);
    // Reopened again: what the server has, so nothing to send for it.
    list = add(list, resolve('t1', false));
    expect(list.map((e) => e.change.kind === 'resolve' && e.change.threadId)).toEqual(['t2']);
    expect(readPending(JSON.parse(JSON.stringify(list)))).toEqual(list);
  });

  it('a change made while the field is on its way follows it, made from its value', () => {
    let list = add([], status('Gjennomført', 'Løpende'));
    const first = list[0]!.id;
    list = list.map((e) => ({ ...e, state: 'sending' as const }));
    list = add(list, status('Ikke igangsatt', 'Gjennomført'));
    expect(list.map((e) => [e.state, e.change.kind === 'status' && e.change.base])).toEqual([
      ['sending', 'Løpende'],
      ['waiting', 'Gjennomført'],
    ]);
    // The first never got an answer: one change again, from the server's value to the last choice.
    list = settle(list, first, { kind: 'unanswered' });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ state: 'waiting', attempted: true, change: { value: 'Ikke igangsatt', base: 'Løpende' } });
  });

  it('what is stored is read back only as far as it parses', () => {
    const list = add([], status('Gjennomført', 'Løpende'));
    expect(readPending(JSON.parse(JSON.stringify([...list, { id: 'x', change: { kind: 'status', value: 'Nesten' } }, 42])))).toEqual(list);
    expect(readPending('nonsense')).toEqual([]);
  });
});

describe('a conflict: someone else changed the field meanwhile', () => {
  it('the person is shown both values; keeping theirs sends it again made from the value now, taking the other drops it', () => {
    let list = add([], status('Gjennomført', 'Løpende'));
    const id = list[0]!.id;
    list = settle(list, id, { kind: 'conflict', current: 'Under forberedelse' });
    expect(pendingStatus(list, ROUND, 5)).toMatchObject({ state: 'conflict', current: 'Under forberedelse', change: { value: 'Gjennomført' } });
    const mine = choose(list, id, 'mine');
    expect(mine[0]).toMatchObject({ state: 'waiting', change: { value: 'Gjennomført', base: 'Under forberedelse' } });
    expect(choose(list, id, 'theirs')).toEqual([]);
  });

  it('a field the server already has as chosen is saved; a new choice in a conflict is made from the value now', () => {
    let list = add([], status('Gjennomført', 'Løpende'));
    expect(settle(list, list[0]!.id, { kind: 'conflict', current: 'Gjennomført' })).toEqual([]);
    list = settle(list, list[0]!.id, { kind: 'conflict', current: 'Under forberedelse' });
    const conflicted = list;
    list = add(list, status('Ikke igangsatt', 'Gjennomført'));
    expect(list[0]).toMatchObject({ state: 'waiting', change: { value: 'Ikke igangsatt', base: 'Under forberedelse' } });
    // Choosing (in the list) what the server has now leaves nothing to send.
    expect(add(conflicted, status('Under forberedelse', 'Gjennomført'))).toEqual([]);
  });
});

describe('Outbox: kept across reloads, sent in order when the connection returns', () => {
  it('sends one change at a time in the order made; without an answer it stops, keeps all, and resends in order', async () => {
    const server = new FakeServer();
    const store = new MemoryStore();
    const outbox = outboxOf(server, store);
    outbox.add(status('Gjennomført', 'Løpende'));
    outbox.add(reply('t1', 'Første svar'));
    outbox.add(ready(true, false));
    await flush();
    expect(server.sent.map((c) => c.kind)).toEqual(['status']);
    expect(server.open).toBe(1);

    server.fail(); // the network is cut
    await flush();
    expect(server.open).toBe(0);
    expect(outbox.getSnapshot().map((e) => [e.change.kind, e.state])).toEqual([
      ['status', 'waiting'],
      ['reply', 'waiting'],
      ['ready', 'waiting'],
    ]);

    // A reload: the list comes back from storage as it was.
    outbox.stop();
    const again = outboxOf(server, store);
    expect(again.getSnapshot().map((e) => e.change.kind)).toEqual(['status', 'reply', 'ready']);

    const settled: string[] = [];
    again.onSettled(({ entry, outcome }) => settled.push(`${entry.change.kind}:${outcome.kind}`));
    again.kick(); // the connection is back
    for (const answer of [summary(5), thread('t1', [{ body: 'Første svar' }]), summary(25)]) {
      await flush();
      server.answer(answer);
    }
    await flush();
    expect(server.sent.map((c) => c.kind)).toEqual(['status', 'status', 'reply', 'ready']);
    expect(settled).toEqual(['status:saved', 'reply:saved', 'ready:saved']);
    expect(again.getSnapshot()).toEqual([]);
    expect(store.raw).toBe('[]');
  });

  it('sends fields with base and keeps a conflict for the person, while the changes after it go on', async () => {
    const server = new FakeServer();
    const outbox = outboxOf(server);
    outbox.add(status('Gjennomført', 'Løpende'));
    outbox.add(newThread('Hei'));
    await flush();
    expect(server.sent[0]).toMatchObject({ kind: 'status', value: 'Gjennomført', base: 'Løpende' });
    server.fail(conflict({ status: 'Under forberedelse' }));
    await flush();
    server.answer(thread('t9', [{ body: 'Hei' }]));
    await flush();
    const [left] = outbox.getSnapshot();
    expect(outbox.getSnapshot()).toHaveLength(1);
    expect(left).toMatchObject({ state: 'conflict', current: 'Under forberedelse' });

    outbox.choose(left!.id, 'mine');
    await flush();
    expect(server.sent[2]).toMatchObject({ kind: 'status', value: 'Gjennomført', base: 'Under forberedelse' });
    server.answer(summary(5, { status: 'Gjennomført' }));
    await flush();
    expect(outbox.getSnapshot()).toEqual([]);
  });

  it('a comment whose earlier send may have arrived is looked for first, and not posted twice', async () => {
    const server = new FakeServer();
    const store = new MemoryStore();
    const outbox = outboxOf(server, store);
    outbox.add(reply('t1', 'Tallene er rettet.'));
    await flush();
    server.fail(); // the answer was lost on the way back; the server may have it
    await flush();
    expect(outbox.getSnapshot()[0]).toMatchObject({ state: 'waiting', attempted: true });
    const madeAt = Date.parse(outbox.getSnapshot()[0]!.madeAt);
    server.threadsOnServer = [thread('t1', [{ body: 'Spørsmål', username: 'ud' }, { body: 'Tallene er rettet.', at: new Date(madeAt + 1000).toISOString() }])];
    const answers: (Answer | null)[] = [];
    outbox.onSettled(({ answer }) => answers.push(answer));
    outbox.kick();
    await flush();
    await flush();
    expect(server.sent).toHaveLength(1);
    expect(outbox.getSnapshot()).toEqual([]);
    expect(answers).toEqual([server.threadsOnServer[0]]);

    // Not there: sent again.
    outbox.add(reply('t1', 'Og 2011 også.'));
    await flush();
    server.fail();
    await flush();
    outbox.kick();
    await flush();
    await flush();
    expect(server.sent.map((c) => (c.kind === 'reply' ? c.body : c.kind))).toEqual(['Tallene er rettet.', 'Og 2011 også.', 'Og 2011 også.']);
  });

  it('sends only while its own account is signed in; a refusal waits for the person to see it', async () => {
    const server = new FakeServer();
    const signedIn = { value: false };
    const outbox = outboxOf(server, new MemoryStore(), signedIn);
    outbox.add(ready(true, false));
    await flush();
    expect(server.sent).toEqual([]);
    signedIn.value = true;
    outbox.kick();
    await flush();
    server.fail(new ApiRequestError('measure 25 is written by BLD', 403, 'forbidden', null));
    await flush();
    expect(outbox.getSnapshot()[0]).toMatchObject({ state: 'refused', refusal: 'forbidden' });
    outbox.discard(outbox.getSnapshot()[0]!.id);
    expect(outbox.getSnapshot()).toEqual([]);
  });

  it('says what became of a failed send', () => {
    const s = status('Gjennomført', 'Løpende');
    expect(outcomeOf(new TypeError('Failed to fetch'), s)).toEqual({ kind: 'unanswered' });
    expect(outcomeOf(new ApiRequestError('x', 503, 'busy', null), s)).toEqual({ kind: 'unanswered' });
    expect(outcomeOf(new ApiRequestError('x', 401, 'unauthorized', null), s)).toEqual({ kind: 'unanswered' });
    expect(outcomeOf(conflict({ status: 'Gjennomført' }), s)).toEqual({ kind: 'conflict', current: 'Gjennomført' });
    expect(outcomeOf(conflict({ ready: true, ministry: 'JD' }), ready(false, true))).toEqual({ kind: 'conflict', current: true });
    expect(outcomeOf(new ApiRequestError('x', 404, 'not_found', null), reply('t', 'b'))).toEqual({ kind: 'refused', refusal: 'gone' });
    // A comment to delete that is gone already: done, not refused; other refusals of a deletion are.
    const removal: Change = { kind: 'delete', roundId: ROUND, number: 5, threadId: 't', commentId: 'c' };
    expect(outcomeOf(new ApiRequestError('x', 404, 'not_found', null), removal)).toEqual({ kind: 'saved' });
    expect(outcomeOf(new ApiRequestError('x', 403, 'forbidden', null), removal)).toEqual({ kind: 'refused', refusal: 'forbidden' });
    expect(outcomeOf(new ApiRequestError('x', 400, 'invalid_field', 'body', null, null, ['lise']), reply('t', '@lise'))).toEqual({
      kind: 'refused',
      refusal: 'unknownNames',
      names: ['lise'],
    });
    expect(outcomeOf(new ApiRequestError('x', 400, 'invalid_field', 'status'), s)).toEqual({ kind: 'refused', refusal: 'invalid' });
  });
});
