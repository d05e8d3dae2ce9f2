import type { RoundEvent } from '../../shared/api.js';
import type { MeasureSummary } from '../../shared/measureSummary.js';
import type { RoundDetail } from '../../shared/round.js';
import type { LinkState } from './connection.js';

/** A measure's plan text as a change of it said (its `measure` event, or the answer to one's own). */
export interface LivePlanText {
  text: string;
  /** Which plan text change this was, counted from the start (see `planTextSeq`). */
  seq: number;
}

export interface LiveRoundSnapshot {
  /** The round (deadline, state, ...), kept live by `round` events. */
  round: RoundDetail | null;
  /** Every measure with its latest fields, kept live by the round's event stream. */
  measures: MeasureSummary[] | null;
  /** Plan texts changed while the stream was followed, by measure number (summaries carry none). */
  planTexts: ReadonlyMap<number, LivePlanText>;
  /**
   * How many times the stream has opened (each opening starts with a `snapshot`): after a
   * reopening, what was read before may lack changes made while the stream was away.
   */
  openings: number;
  error: string | null;
  /** The server says there is no such round (a 404): nothing is followed, and the page says so. */
  notFound: boolean;
}

/** What `fetchRound` throws when the server says the round does not exist. */
export class RoundNotFoundError extends Error {}

/**
 * A measure's plan text: the one read over HTTP (with the `planTextSeq` of when the read
 * began), unless a change of it came after that read began.
 */
export function newerPlanText(read: { planText: string; planTextSeq: number } | null, live: LivePlanText | undefined): string | undefined {
  if (live && (read === null || live.seq > read.planTextSeq)) return live.text;
  return read?.planText;
}

/** What a live round reads and listens to (the API in the app; fakes in tests). */
export interface LiveRoundSources {
  fetchRound(roundId: string): Promise<RoundDetail>;
  /** Follows the round's event stream, telling how its connection is; returns the stop function. */
  follow(roundId: string, onEvent: (event: RoundEvent) => void, onLink: (state: LinkState) => void): () => void;
  /** Tells of refusals elsewhere (403: the rights, or the round's state, may have changed). */
  onAuthTrouble(listener: (status: 401 | 403) => void): () => void;
  /** Whether a round read is this browser's copy (an offline reload), to be read again once the stream is there. */
  isCopy?(round: RoundDetail): boolean;
}

/** Least time between re-reads of the round prompted by a refusal (403) elsewhere. */
export const ROUND_RECHECK_MS = 2_000;

/**
 * A round and its measures, live, without React: the round is read over HTTP and then kept
 * current by the event stream, whose every `snapshot` replaces the measures. The race guard:
 * `round` events are counted, and a read or a change's answer that began before one is dropped,
 * since the event is at least as new (the server publishes every change before it answers).
 */
export class LiveRound {
  private snapshot: LiveRoundSnapshot = { round: null, measures: null, planTexts: new Map(), openings: 0, error: null, notFound: false };
  private readonly listeners = new Set<() => void>();
  /** Counts `round` events: a read or an answer started before one may carry what it replaced. */
  private roundEvents = 0;
  /** Counts plan text changes: a read of a measure notes the count when it begins. */
  private planTextChanges = 0;

  constructor(
    readonly roundId: string,
    private readonly sources: LiveRoundSources,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveRoundSnapshot => this.snapshot;

  /**
   * Reads the round and follows its stream; `onEvent` also sees every event (threads, ...), so
   * a page needs one stream; `onLink` hears how the stream's connection is. Returns the stop
   * function.
   */
  start(onEvent: (event: RoundEvent) => void = () => undefined, onLink: (state: LinkState) => void = () => undefined): () => void {
    let stopped = false;
    let loading = false;
    let again = false;
    let lastRecheck = -Infinity;
    let stopStream = (): void => undefined;
    const load = (): void => {
      if (loading) {
        again = true;
        return;
      }
      loading = true;
      const seen = this.roundEvents;
      this.sources
        .fetchRound(this.roundId)
        .then(
          (round) => {
            if (stopped || seen !== this.roundEvents) return;
            this.set({ round, error: null });
          },
          // Once the round is known, a failed re-read (offline) keeps what we have.
          (e: unknown) => {
            if (stopped || this.snapshot.round !== null) return;
            const notFound = e instanceof RoundNotFoundError;
            // A round that does not exist has no stream to wait for: its retries would only
            // look like a network that does not answer.
            if (notFound) stopStream();
            this.set({ error: e instanceof Error ? e.message : String(e), notFound });
          },
        )
        .finally(() => {
          loading = false;
          if (again && !stopped) {
            again = false;
            load();
          }
        });
    };
    load();
    let snapshots = 0;
    const follow = (event: RoundEvent): void => {
      if (stopped) return;
      onEvent(event);
      if (event.type === 'snapshot') {
        this.set({ measures: event.measures, openings: this.snapshot.openings + 1 });
        // A reconnected stream may have missed a `round` event while it was away; a round read
        // from this browser's copy is as old as the copy.
        const round = this.snapshot.round;
        if (++snapshots > 1 || (round !== null && this.sources.isCopy?.(round) === true)) load();
      } else if (event.type === 'measure') {
        this.applyMeasure(event.measure, event.planText);
      } else if (event.type === 'round' && event.roundId === this.roundId) {
        this.roundEvents++;
        this.set({ round: event.round });
      }
    };
    const stopFollowing = this.sources.follow(this.roundId, follow, onLink);
    stopStream = stopFollowing;
    if (this.snapshot.notFound) stopFollowing();
    // A refusal (a read-only sync connection, a 403) may mean the round froze: read it again.
    const stopTrouble = this.sources.onAuthTrouble((status) => {
      if (status !== 403 || Date.now() - lastRecheck < ROUND_RECHECK_MS) return;
      lastRecheck = Date.now();
      load();
    });
    return () => {
      stopped = true;
      stopStream();
      stopTrouble();
    };
  }

  /**
   * Takes a measure as the server answered a change of ours, before its event arrives, with its
   * plan text when that is known (a `measure` event of a PATCH carries it; one's own change knows it).
   */
  applyMeasure = (changed: MeasureSummary, planText?: string): void => {
    const { measures } = this.snapshot;
    const change: Partial<LiveRoundSnapshot> = {};
    if (measures) change.measures = measures.map((m) => (m.number === changed.number ? changed : m));
    if (planText !== undefined) {
      const planTexts = new Map(this.snapshot.planTexts);
      planTexts.set(changed.number, { text: planText, seq: ++this.planTextChanges });
      change.planTexts = planTexts;
    }
    if (Object.keys(change).length > 0) this.set(change);
  };

  /** How many plan text changes came so far: note it when a read of a measure begins (see `newerPlanText`). */
  planTextSeq = (): number => this.planTextChanges;

  /**
   * Call before sending a change of the round; give the server's answer to the function it
   * returns. The answer is shown unless a `round` event came meanwhile: that event is at least as
   * new (the server publishes every change, this one included, and a freeze may follow).
   */
  beginRoundChange = (): ((round: RoundDetail) => void) => {
    const seen = this.roundEvents;
    return (answer) => {
      if (this.roundEvents === seen) this.set({ round: answer });
    };
  };

  private set(change: Partial<LiveRoundSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

/** A link the header reflects (connection.ts's `openLink`), as a set of live rounds needs it. */
export interface RoundLink {
  set: (state: LinkState) => void;
  release: () => void;
}

/**
 * Several rounds live at once (the other open rounds an overview keeps in view): each a
 * LiveRound with its own stream and link, their snapshots together by round id. A round found
 * not to exist lets go of its link.
 */
export class LiveRoundSet {
  private readonly rounds: LiveRound[];
  private snapshot: ReadonlyMap<string, LiveRoundSnapshot>;
  private readonly listeners = new Set<() => void>();

  constructor(roundIds: readonly string[], sources: LiveRoundSources) {
    this.rounds = [...new Set(roundIds)].map((id) => new LiveRound(id, sources));
    this.snapshot = this.collect();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ReadonlyMap<string, LiveRoundSnapshot> => this.snapshot;

  /** Follows every round, each event to `onEvent`; returns the stop function. */
  start(onEvent: (event: RoundEvent) => void, openLink: () => RoundLink): () => void {
    const stops = this.rounds.map((live) => {
      const link = openLink();
      const stop = live.start(onEvent, link.set);
      const unsubscribe = live.subscribe(() => {
        if (live.getSnapshot().notFound) link.release();
        this.snapshot = this.collect();
        for (const listener of this.listeners) listener();
      });
      return () => {
        unsubscribe();
        stop();
        link.release();
      };
    });
    return () => {
      for (const stop of stops) stop();
    };
  }

  private collect(): ReadonlyMap<string, LiveRoundSnapshot> {
    return new Map(this.rounds.map((live) => [live.roundId, live.getSnapshot()]));
  }
}
