import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { HashQueue, HashQueueBusy } from '../../server/auth/hashQueue.js';
import { DEFAULT_SESSION_OPTIONS } from '../../server/auth/sessions.js';
import { RecentAttempts, Throttle, type ThrottleLimits } from '../../server/auth/throttle.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import type { UserRecord } from '../../server/store/types.js';
import { startTestServer, tempDataDir, TEST_PASSWORD, type TestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/waitFor.js';

/** Blocks long enough that no block can run out while a test looks. */
const LONG_BLOCK = { baseDelayMs: 60_000, maxDelayMs: 60_000, forgetAfterMs: 60_000 };
const ACCOUNT_LIMITS: ThrottleLimits = { freeFailures: 5, ...LONG_BLOCK };
const ADDRESS_LIMITS: ThrottleLimits = { freeFailures: 20, ...LONG_BLOCK };
const QUEUE = DEFAULT_SESSION_OPTIONS.hashQueue;

/**
 * The real store, with account lookups held at a gate. A sign-in looks its account up after
 * it has been counted and before its password is checked, so while the gate is held every
 * request that got past the throttle waits there, and every other one has been answered.
 */
class LookupGatedStore extends SqliteStore {
  /** Lookups that reached the gate since `hold()`. */
  held = 0;
  private gate: Promise<void> | null = null;
  private open: () => void = () => {};

  hold(): void {
    this.held = 0;
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.open();
    this.gate = null;
  }
  override async getUser(username: string): Promise<UserRecord | null> {
    if (this.gate) {
      this.held += 1;
      await this.gate;
    }
    return super.getUser(username);
  }
}

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: string | null;
}

/** Sends a sign-in and records its answer in `into` as soon as it comes. */
function attempt(server: TestServer, username: string, password: string, into: Answer[]): Promise<Answer> {
  const answered = fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).then(async (response) => {
    const body = (await response.json()) as { error?: { code?: string } };
    const answer = { status: response.status, code: body.error?.code, retryAfter: response.headers.get('retry-after') };
    into.push(answer);
    return answer;
  });
  // A failing test stops the server under requests still held; their rejection is not news.
  answered.catch(() => undefined);
  return answered;
}

const countOf = (answers: readonly Answer[], status: number): number => answers.filter((a) => a.status === status).length;

describe('sign-in under a flood', () => {
  let server: TestServer | null = null;
  let store: LookupGatedStore | null = null;
  let dataDir = '';
  afterEach(async () => {
    store?.release();
    await server?.stop();
    server = null;
    store = null;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = '';
  });

  async function start(addressLimits = ADDRESS_LIMITS): Promise<{ server: TestServer; store: LookupGatedStore }> {
    dataDir = tempDataDir();
    store = new LookupGatedStore(dataDir);
    server = await startTestServer({ dataDir, store, accountLimits: ACCOUNT_LIMITS, addressLimits });
    return { server, store };
  }

  it('40 concurrent wrong sign-ins from one address: at most 20 are let through to be checked, the rest get 429', async () => {
    const { server, store } = await start();
    store.hold();
    const answers: Answer[] = [];
    const all = Array.from({ length: 40 }, (_, i) => attempt(server, `gjett${i}`, 'wrong-password', answers));
    // Every request has either been let through (and waits at the lookup) or been answered.
    await waitFor(() => store.held + answers.length === 40, { what: 'all 40 requests handled or held' });
    expect(store.held).toBe(20);
    expect(countOf(answers, 429)).toBe(20);
    for (const refused of answers) {
      expect(refused).toMatchObject({ status: 429, code: 'too_many_attempts' });
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    }

    store.release();
    await Promise.all(all);
    // Of the 20 let through, the password-check queue takes what fits; the others are busy.
    expect(countOf(answers, 401)).toBe(Math.min(20, QUEUE.concurrency + QUEUE.maxWaiting));
    expect(countOf(answers, 401) + countOf(answers, 503)).toBe(20);
    expect(countOf(answers, 429)).toBe(20);
  });

  it('15 wrong guesses and then the right password for one account, together: 5 are checked and the right one is refused', async () => {
    const { server, store } = await start();
    store.hold();
    const wrong: Answer[] = [];
    const guesses = Array.from({ length: 15 }, (_, i) => attempt(server, 'jd', `guess-${i}`, wrong));
    await waitFor(() => store.held + wrong.length === 15, { what: 'all 15 guesses handled or held' });
    expect(store.held).toBe(5);
    expect(countOf(wrong, 429)).toBe(10);

    // The five guesses still being checked already count: the right password comes too late.
    const right: Answer[] = [];
    const rightAttempt = attempt(server, 'jd', TEST_PASSWORD, right);
    await waitFor(() => store.held + right.length === 6, { what: 'the right password handled or held' });
    expect(right).toHaveLength(1);
    expect(right[0]).toMatchObject({ status: 429, code: 'too_many_attempts' });
    expect(right[0]?.retryAfter).toMatch(/^\d+$/);

    store.release();
    await Promise.all([...guesses, rightAttempt]);
    expect(countOf(wrong, 401)).toBe(5);
    expect(countOf(wrong, 429)).toBe(10);
    expect(right[0]?.status).toBe(429);
  });

  it('a right password among the first five signs in, and forgives its count on the address', async () => {
    const { server, store } = await start();
    store.hold();
    const answers: Answer[] = [];
    const right = attempt(server, 'jd', TEST_PASSWORD, answers);
    await waitFor(() => store.held === 1, { what: 'the right password held at the lookup' });
    const guesses = Array.from({ length: 6 }, (_, i) => attempt(server, 'jd', `guess-${i}`, answers));
    await waitFor(() => store.held + answers.length === 7, { what: 'all guesses handled or held' });
    expect(store.held).toBe(5);
    store.release();
    await Promise.all([right, ...guesses]);
    expect((await right).status).toBe(200);
    expect(countOf(answers, 401)).toBe(4);
    expect(countOf(answers, 429)).toBe(2);

    // The success cleared jd's count and took back its own on the address: 4 failures from
    // 127.0.0.1 so far, 16 more are free before the address is blocked.
    const more: Answer[] = [];
    for (let i = 0; i < 16; i++) await attempt(server, `gjett${i}`, 'wrong-password', more);
    expect(countOf(more, 401)).toBe(16);
    expect((await attempt(server, 'hod', TEST_PASSWORD, more)).status).toBe(429);
  });

  it('beyond the password-check queue a sign-in gets 503 busy with Retry-After, and is not counted', async () => {
    // An address limit out of reach, so that only the queue and the account limit can refuse.
    const { server, store } = await start({ ...ADDRESS_LIMITS, freeFailures: 1_000 });
    const capacity = QUEUE.concurrency + QUEUE.maxWaiting;
    store.hold();
    const answers: Answer[] = [];
    const all = Array.from({ length: capacity + 2 }, (_, i) => attempt(server, `konto${i}`, 'wrong-password', answers));
    await waitFor(() => store.held === capacity + 2, { what: 'every attempt held at the lookup' });
    store.release();
    const results = await Promise.all(all);
    expect(countOf(answers, 401)).toBe(capacity);
    const busy = results.flatMap((answer, i) => (answer.status === 503 ? [i] : []));
    expect(busy).toHaveLength(2);
    for (const i of busy) {
      expect(results[i]).toMatchObject({ code: 'busy' });
      expect(Number(results[i]?.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // Nothing was checked for the busy ones, so nothing was counted: their accounts still have
    // all five free failures, where the checked ones have four left.
    for (const i of busy) {
      for (let n = 0; n < 5; n++) expect((await attempt(server, `konto${i}`, `guess-${n}`, [])).status).toBe(401);
    }
    const checked = results.findIndex((answer) => answer.status === 401);
    for (let n = 0; n < 4; n++) expect((await attempt(server, `konto${checked}`, `guess-${n}`, [])).status).toBe(401);
    expect((await attempt(server, `konto${checked}`, 'guess-last', [])).status).toBe(429);
  });
});

/** A job that runs until the test finishes it. */
function gatedJob(started: number[], id: number): { job: () => Promise<number>; finish: () => void; fail: (error: Error) => void } {
  let finish = (): void => {};
  let fail = (_error: Error): void => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    job: async () => {
      started.push(id);
      await done;
      return id;
    },
    finish: () => finish(),
    fail: (error) => fail(error),
  };
}

describe('HashQueue', () => {
  it('runs at most `concurrency` jobs at once, lets `maxWaiting` wait in order, and refuses the rest at once', async () => {
    const queue = new HashQueue({ concurrency: 1, maxWaiting: 1 });
    const started: number[] = [];
    const jobs = [0, 1, 2].map((id) => gatedJob(started, id));
    const first = queue.run(jobs[0]!.job);
    const second = queue.run(jobs[1]!.job);
    const third = queue.run(jobs[2]!.job);
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(third).toBeNull();
    await waitFor(() => started.length === 1, { what: 'the first job started' });
    expect(started).toEqual([0]);
    expect(queue.size()).toEqual({ running: 1, waiting: 1 });

    // The refused job was never run; the freed slot goes to the one waiting, not to a newcomer.
    jobs[0]!.finish();
    expect(await first).toBe(0);
    await waitFor(() => started.length === 2, { what: 'the waiting job started' });
    expect(started).toEqual([0, 1]);
    expect(queue.size()).toEqual({ running: 1, waiting: 0 });
    const fourth = gatedJob(started, 3);
    const late = queue.run(fourth.job);
    expect(late).not.toBeNull();
    expect(queue.run(gatedJob(started, 4).job)).toBeNull();

    // A failing job frees its slot too.
    jobs[1]!.fail(new Error('scrypt failed'));
    await expect(second).rejects.toThrow('scrypt failed');
    await waitFor(() => started.length === 3, { what: 'the next job started' });
    fourth.finish();
    expect(await late).toBe(3);
    expect(started).toEqual([0, 1, 3]);
    expect(queue.size()).toEqual({ running: 0, waiting: 0 });
  });

  it('a newcomer with a better claim takes the place of the worst one waiting, which is told busy; an equal one is refused', async () => {
    const queue = new HashQueue({ concurrency: 1, maxWaiting: 2 });
    const started: number[] = [];
    const jobs = [0, 1, 2, 3, 4].map((id) => gatedJob(started, id));
    // A flood address that has tried 40 times this minute holds the slot and the line.
    const running = queue.run(jobs[0]!.job, 40);
    const waitingA = queue.run(jobs[1]!.job, 40);
    const waitingB = queue.run(jobs[2]!.job, 41);
    expect(queue.run(gatedJob(started, 9).job, 41)).toBeNull();
    // Someone's first attempt: B (the worst claim) gives way and is told busy, never run.
    const patient = queue.run(jobs[3]!.job, 1);
    expect(patient).not.toBeNull();
    await expect(waitingB).rejects.toBeInstanceOf(HashQueueBusy);
    expect(queue.size()).toEqual({ running: 1, waiting: 2 });

    // The freed slot goes to the patient one, ahead of the flood that came earlier.
    jobs[0]!.finish();
    expect(await running).toBe(0);
    await waitFor(() => started.length === 2, { what: 'the next job started' });
    expect(started).toEqual([0, 3]);
    jobs[3]!.finish();
    expect(await patient).toBe(3);
    await waitFor(() => started.length === 3, { what: 'the flood job started' });
    jobs[1]!.finish();
    expect(await waitingA).toBe(1);
    expect(started).toEqual([0, 3, 1]);
  });

  it('RecentAttempts: the attempts of each address add up, and weigh less the longer ago they were', () => {
    let now = 0;
    const recent = new RecentAttempts(10_000, () => now);
    expect([recent.record('10.0.0.1'), recent.record('10.0.0.1'), recent.record('10.0.0.2')]).toEqual([1, 2, 1]);
    // A flood re-sending at once climbs; someone following Retry-After stays near one.
    for (let i = 0; i < 30; i++) recent.record('10.0.0.1');
    now = 5_000;
    expect(recent.record('10.0.0.1')).toBeGreaterThan(15);
    expect(recent.record('10.0.0.2')).toBeLessThan(2);
    now = 200_000;
    expect(recent.record('10.0.0.1')).toBeCloseTo(1, 3);
  });

  it('estimates the wait from how long jobs took and how many are ahead', async () => {
    let now = 0;
    const queue = new HashQueue({ concurrency: 2, maxWaiting: 8 }, () => now);
    const started: number[] = [];
    expect(queue.estimatedWaitMs()).toBe(0);
    const jobs = Array.from({ length: 6 }, (_, id) => gatedJob(started, id));
    const runs = jobs.map((j) => queue.run(j.job));
    const before = queue.estimatedWaitMs();
    expect(before).toBeGreaterThan(0);
    // Jobs that take 5 s each raise the estimate.
    now = 5_000;
    jobs[0]!.finish();
    jobs[1]!.finish();
    await Promise.all([runs[0]!, runs[1]!]);
    await waitFor(() => started.length === 4, { what: 'two more started' });
    const after = queue.estimatedWaitMs();
    expect(after).toBeGreaterThan((before * 4) / 6);
    for (const j of jobs) j.finish();
    await Promise.all(runs.map((run) => run!));
  });
});

describe('Throttle counts an attempt before it is checked', () => {
  const limits: ThrottleLimits = { freeFailures: 2, ...LONG_BLOCK };

  it('blocks once the free attempts are in flight, and forgiving the one that set the block lifts it', () => {
    let now = 1_000;
    const throttle = new Throttle(limits, () => now);
    const first = throttle.count('jd');
    expect(throttle.waitFor('jd')).toBe(0);
    const second = throttle.count('jd');
    expect(throttle.waitFor('jd')).toBe(60_000);
    throttle.forgive(second);
    expect(throttle.waitFor('jd')).toBe(0);
    // Forgiving the other one as well leaves nothing behind.
    throttle.forgive(first);
    now += 1;
    throttle.count('jd');
    expect(throttle.waitFor('jd')).toBe(0);
  });

  it('a block set by a later attempt stays when an earlier one is forgiven', () => {
    let now = 1_000;
    const throttle = new Throttle(limits, () => now);
    throttle.count('jd');
    const setsFirstBlock = throttle.count('jd');
    now += 60_000;
    expect(throttle.waitFor('jd')).toBe(0);
    throttle.count('jd');
    throttle.forgive(setsFirstBlock);
    expect(throttle.waitFor('jd')).toBe(60_000);
  });

  it('a success clears the account; an attempt counted before it cannot be forgiven into a later count', () => {
    const throttle = new Throttle(limits, () => 1_000);
    const before = throttle.count('jd');
    throttle.succeed('jd');
    throttle.count('jd');
    throttle.forgive(before);
    const next = throttle.count('jd');
    expect(throttle.waitFor('jd')).toBe(60_000);
    throttle.forgive(next);
    expect(throttle.waitFor('jd')).toBe(0);
  });
});
