import { describe, expect, it } from 'vitest';
import { ResourceLoader, resourceView, type Load } from '../../client/src/useResource.js';

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

/** A read the test answers: each call is recorded with its signal. */
function reads<T>() {
  const calls: { signal: AbortSignal; answer: ReturnType<typeof deferred<T>> }[] = [];
  const load: Load<T> = (signal) => {
    const answer = deferred<T>();
    calls.push({ signal, answer });
    return answer.promise;
  };
  return { calls, load };
}

describe('useResource: one read at a time, for the key shown', () => {
  it('loads, then shows the answer', async () => {
    const loader = new ResourceLoader<string>();
    const { calls, load } = reads<string>();
    let notified = 0;
    loader.subscribe(() => notified++);
    loader.start('a', load);
    expect(loader.getSnapshot()).toEqual({ key: 'a', data: null, error: null, loading: true });
    calls[0]!.answer.resolve('svar a');
    await settle();
    expect(loader.getSnapshot()).toEqual({ key: 'a', data: 'svar a', error: null, loading: false });
    expect(notified).toBeGreaterThan(0);
  });

  it('a key change aborts the read of the old key and never shows its answer', async () => {
    const loader = new ResourceLoader<string>();
    const { calls, load } = reads<string>();
    // The view's key changes: the effect's cleanup stops `a`, then `b` starts.
    const stopA = loader.start('a', load);
    stopA();
    loader.start('b', load);
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.answer.resolve('sent svar om a');
    await settle();
    expect(loader.getSnapshot()).toEqual({ key: 'b', data: null, error: null, loading: true });
    calls[1]!.answer.resolve('svar b');
    await settle();
    expect(loader.getSnapshot()).toEqual({ key: 'b', data: 'svar b', error: null, loading: false });
  });

  it("a new key starts with nothing shown, not the old key's data", async () => {
    const loader = new ResourceLoader<string>();
    const { calls, load } = reads<string>();
    const stopA = loader.start('a', load);
    calls[0]!.answer.resolve('svar a');
    await settle();
    stopA();
    loader.start('b', load);
    expect(loader.getSnapshot()).toEqual({ key: 'b', data: null, error: null, loading: true });
  });

  it('stopped (unmounted), it aborts the read and shows no late answer', async () => {
    const loader = new ResourceLoader<string>();
    const { calls, load } = reads<string>();
    const stop = loader.start('a', load);
    stop();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.answer.resolve('for sent');
    await settle();
    expect(loader.getSnapshot().data).toBeNull();
    loader.refetch();
    expect(calls).toHaveLength(1);
  });

  it('a remount of the same key (StrictMode) reads again and shows only the last read', async () => {
    const loader = new ResourceLoader<string>();
    const { calls, load } = reads<string>();
    loader.start('a', load)();
    loader.start('a', load);
    calls[1]!.answer.resolve('andre');
    calls[0]!.answer.resolve('første');
    await settle();
    expect(loader.getSnapshot()).toMatchObject({ key: 'a', data: 'andre', loading: false });
  });

  it('refetch keeps what is shown until its answer, and a later refetch wins over an earlier one', async () => {
    const loader = new ResourceLoader<string[]>();
    const { calls, load } = reads<string[]>();
    loader.start('liste', load);
    calls[0]!.answer.resolve(['en']);
    await settle();
    loader.refetch();
    expect(loader.getSnapshot()).toMatchObject({ data: ['en'], loading: true });
    loader.refetch();
    expect(calls[1]!.signal.aborted).toBe(true);
    calls[2]!.answer.resolve(['en', 'to', 'tre']);
    calls[1]!.answer.resolve(['en', 'to']);
    await settle();
    expect(loader.getSnapshot()).toMatchObject({ data: ['en', 'to', 'tre'], loading: false });
  });

  it('a failed read says why and keeps what was loaded; a later success clears the error', async () => {
    const loader = new ResourceLoader<string>();
    const { calls, load } = reads<string>();
    loader.start('a', load);
    const offline = new Error('offline');
    calls[0]!.answer.reject(offline);
    await settle();
    expect(loader.getSnapshot()).toEqual({ key: 'a', data: null, error: offline, loading: false });
    loader.refetch();
    calls[1]!.answer.resolve('svar');
    await settle();
    expect(loader.getSnapshot()).toEqual({ key: 'a', data: 'svar', error: null, loading: false });
    loader.refetch();
    calls[2]!.answer.reject(offline);
    await settle();
    expect(loader.getSnapshot()).toEqual({ key: 'a', data: 'svar', error: offline, loading: false });
  });

  it("update changes loaded data (one's own change, answered), and nothing before it is loaded", async () => {
    const loader = new ResourceLoader<{ status: string }>();
    const { calls, load } = reads<{ status: string }>();
    loader.start('a', load);
    loader.update(() => ({ status: 'for tidlig' }));
    expect(loader.getSnapshot().data).toBeNull();
    calls[0]!.answer.resolve({ status: 'Løpende' });
    await settle();
    loader.update((d) => ({ ...d, status: 'Gjennomført' }));
    expect(loader.getSnapshot().data).toEqual({ status: 'Gjennomført' });
  });
});

describe('useResource: what a view of a key shows', () => {
  it('a state kept for another key is loading with nothing to show; no key is idle', () => {
    const stateOfA = { key: 'a', data: 'svar a', error: new Error('x'), loading: false };
    expect(resourceView(stateOfA, 'b')).toEqual({ data: null, error: null, loading: true });
    expect(resourceView(stateOfA, null)).toEqual({ data: null, error: null, loading: false });
    expect(resourceView(stateOfA, 'a')).toEqual({ data: 'svar a', error: stateOfA.error, loading: false });
  });
});
