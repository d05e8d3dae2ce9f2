import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RoundEvent } from '../../shared/api.js';
import type { MeasureSummary } from '../../shared/measureSummary.js';
import type { RoundDetail } from '../../shared/round.js';
import { LiveRound, ROUND_RECHECK_MS } from '../../client/src/liveRound.js';

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

function round(state: 'open' | 'frozen', deadline = '2026-12-12T12:00:00+01:00'): RoundDetail {
  return {
    id: 'r',
    title: 'Statusrapport',
    deadline,
    state,
    frozenAt: state === 'frozen' ? deadline : null,
    previousRoundId: null,
    planTitle: 'Handlingsplan',
    intro: '',
    measureCount: 2,
    importWarnings: [],
  };
}

function measure(number: number, status: MeasureSummary['status']): MeasureSummary {
  return {
    number,
    title: `Tiltak ${number}`,
    ministries: ['JD'],
    status,
    docName: `r.${number}`,
    narrativeEmpty: false,
    openThreads: 0,
    ready: [],
    carriedOver: false,
    updatedAt: '2026-11-28T12:00:00+01:00',
  };
}

const roundEvent = (r: RoundDetail): RoundEvent => ({ type: 'round', roundId: r.id, round: r });
const streamOpened = (measures: MeasureSummary[]): RoundEvent => ({ type: 'snapshot', roundId: 'r', measures });

/**
 * A live round whose reads the test answers, whose stream it feeds and whose refusals it
 * reports; `copies` are the round reads that count as this browser's copy (an offline reload).
 */
function setup(copies: ReadonlySet<RoundDetail> = new Set()) {
  const reads: ReturnType<typeof deferred<RoundDetail>>[] = [];
  let send: (event: RoundEvent) => void = () => undefined;
  let trouble: (status: 401 | 403) => void = () => undefined;
  const stopped = { stream: false, trouble: false };
  const live = new LiveRound('r', {
    fetchRound: () => {
      const read = deferred<RoundDetail>();
      reads.push(read);
      return read.promise;
    },
    follow: (_roundId, onEvent) => {
      send = onEvent;
      return () => {
        stopped.stream = true;
      };
    },
    onAuthTrouble: (listener) => {
      trouble = listener;
      return () => {
        stopped.trouble = true;
      };
    },
    isCopy: (read) => copies.has(read),
  });
  const seen: RoundEvent[] = [];
  const stop = live.start((event) => seen.push(event));
  return { live, reads, send: (event: RoundEvent) => send(event), trouble: (status: 401 | 403) => trouble(status), stop, stopped, seen };
}

describe('the live round: a read or an answer older than a `round` event never replaces it', () => {
  it('drops a read that began before a `round` event (the freeze stays, not the open round read earlier)', async () => {
    const s = setup();
    s.send(roundEvent(round('frozen')));
    s.reads[0]!.resolve(round('open'));
    await settle();
    expect(s.live.getSnapshot().round?.state).toBe('frozen');
  });

  it("drops the answer to one's own change when a `round` event came meanwhile, and shows it otherwise", async () => {
    const s = setup();
    s.reads[0]!.resolve(round('open'));
    await settle();

    const showMoved = s.live.beginRoundChange();
    showMoved(round('open', '2026-12-24T12:00:00+01:00'));
    expect(s.live.getSnapshot().round?.deadline).toBe('2026-12-24T12:00:00+01:00');

    const showReopened = s.live.beginRoundChange();
    s.send(roundEvent(round('frozen'))); // the deadline passed while the answer travelled
    showReopened(round('open'));
    expect(s.live.getSnapshot().round?.state).toBe('frozen');
  });

  it('ignores `round` events of another round', async () => {
    const s = setup();
    s.reads[0]!.resolve(round('open'));
    await settle();
    s.send({ type: 'round', roundId: 'annen', round: { ...round('frozen'), id: 'annen' } });
    expect(s.live.getSnapshot().round?.state).toBe('open');
  });
});

describe('the live round: the stream', () => {
  it('takes the measures from each snapshot and reads the round again only when the stream reconnected', async () => {
    const s = setup();
    s.reads[0]!.resolve(round('open'));
    await settle();
    s.send(streamOpened([measure(1, 'Løpende'), measure(2, 'Gjennomført')]));
    await settle();
    expect(s.reads).toHaveLength(1);
    expect(s.live.getSnapshot().measures?.map((m) => m.status)).toEqual(['Løpende', 'Gjennomført']);

    s.send({ type: 'measure', roundId: 'r', measure: measure(2, 'Ikke igangsatt') });
    expect(s.live.getSnapshot().measures?.map((m) => m.status)).toEqual(['Løpende', 'Ikke igangsatt']);
    s.live.applyMeasure(measure(1, 'Under forberedelse'));
    expect(s.live.getSnapshot().measures?.map((m) => m.status)).toEqual(['Under forberedelse', 'Ikke igangsatt']);

    s.send(streamOpened([measure(1, 'Løpende'), measure(2, 'Løpende')]));
    expect(s.reads).toHaveLength(2);
    expect(s.seen.map((e) => e.type)).toEqual(['snapshot', 'measure', 'snapshot']);
  });

  it("reads the round again at the stream's first snapshot when what it shows is this browser's copy", async () => {
    const copy = round('open');
    const s = setup(new Set([copy]));
    s.reads[0]!.resolve(copy);
    await settle();
    s.send(streamOpened([measure(1, 'Løpende')]));
    expect(s.reads).toHaveLength(2);
    s.reads[1]!.resolve(round('frozen'));
    await settle();
    expect(s.live.getSnapshot().round?.state).toBe('frozen');
    // The server's own read: the next snapshot after it (a reconnect) reads again, as always; none in between.
    expect(s.reads).toHaveLength(2);
  });

  it('asks for one read at a time: reasons to read again while one is under way make one more, after it', async () => {
    const s = setup();
    s.send(streamOpened([]));
    s.send(streamOpened([]));
    s.send(streamOpened([]));
    expect(s.reads).toHaveLength(1);
    s.reads[0]!.resolve(round('open'));
    await settle();
    expect(s.reads).toHaveLength(2);
    s.reads[1]!.resolve(round('frozen'));
    await settle();
    expect(s.reads).toHaveLength(2);
    expect(s.live.getSnapshot().round?.state).toBe('frozen');
  });

  it('says why the first read failed, but keeps a known round when a later read fails (offline)', async () => {
    const s = setup();
    s.reads[0]!.reject(new Error('Failed to fetch'));
    await settle();
    expect(s.live.getSnapshot()).toMatchObject({ round: null, error: 'Failed to fetch' });

    const t = setup();
    t.reads[0]!.resolve(round('open'));
    await settle();
    t.send(streamOpened([]));
    t.send(streamOpened([]));
    t.reads[1]!.reject(new Error('Failed to fetch'));
    await settle();
    expect(t.live.getSnapshot()).toMatchObject({ round: { state: 'open' }, error: null });
  });

  it('stopped, it leaves the stream and the refusals, and shows no late answer', async () => {
    const s = setup();
    s.stop();
    expect(s.stopped).toEqual({ stream: true, trouble: true });
    s.reads[0]!.resolve(round('open'));
    await settle();
    expect(s.live.getSnapshot().round).toBeNull();
  });
});

describe('the live round: plan texts', () => {
  it('keeps the plan text a `measure` event or one’s own answer carries, counting each change, and counts the stream’s openings', async () => {
    const s = setup();
    s.send(streamOpened([measure(1, 'Løpende'), measure(2, 'Løpende')]));
    expect(s.live.getSnapshot().openings).toBe(1);
    expect(s.live.planTextSeq()).toBe(0);

    s.send({ type: 'measure', roundId: 'r', measure: measure(2, 'Løpende'), planText: 'Ny tekst fra planen' });
    expect(s.live.getSnapshot().planTexts.get(2)).toEqual({ text: 'Ny tekst fra planen', seq: 1 });
    // A readiness or thread count event carries no plan text and leaves it be.
    s.send({ type: 'measure', roundId: 'r', measure: measure(2, 'Gjennomført') });
    expect(s.live.getSnapshot().planTexts.get(2)?.text).toBe('Ny tekst fra planen');

    s.live.applyMeasure(measure(1, 'Løpende'), 'Rettet av meg');
    expect(s.live.getSnapshot().planTexts.get(1)).toEqual({ text: 'Rettet av meg', seq: 2 });
    expect(s.live.planTextSeq()).toBe(2);

    // Reconnected: the plan texts stay (a read begun now is newer than them), and the opening is counted.
    s.send(streamOpened([measure(1, 'Løpende'), measure(2, 'Løpende')]));
    expect(s.live.getSnapshot().openings).toBe(2);
    expect(s.live.getSnapshot().planTexts.size).toBe(2);
    await settle();
  });
});

describe('the live round: a refusal elsewhere (403) may mean the round froze', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the round again on a 403, at most once per pause, and not on a 401', async () => {
    vi.useFakeTimers();
    const s = setup();
    s.reads[0]!.resolve(round('open'));
    await vi.advanceTimersByTimeAsync(0);

    s.trouble(401);
    expect(s.reads).toHaveLength(1);
    s.trouble(403);
    expect(s.reads).toHaveLength(2);
    s.reads[1]!.resolve(round('frozen'));
    await vi.advanceTimersByTimeAsync(0);
    expect(s.live.getSnapshot().round?.state).toBe('frozen');

    s.trouble(403);
    await vi.advanceTimersByTimeAsync(ROUND_RECHECK_MS - 1);
    s.trouble(403);
    expect(s.reads).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    s.trouble(403);
    expect(s.reads).toHaveLength(3);
  });
});
