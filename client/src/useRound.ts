import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { RoundEvent } from '../../shared/api.js';
import type { MeasureSummary } from '../../shared/measureSummary.js';
import type { RoundDetail } from '../../shared/round.js';
import { ApiRequestError, browserCopyOf, fetchRound, followRound, onAuthTrouble } from './api.js';
import { openLink } from './connection.js';
import { LiveRound, LiveRoundSet, RoundNotFoundError, type LiveRoundSnapshot, type LiveRoundSources } from './liveRound.js';
import { whenSignedIn } from './session.js';

/** First wait before reopening a live stream the server refused while the session is valid. */
const EVENTS_RETRY_MS = 3_000;
/** Longest such wait: refusals in a row double it up to this. */
const EVENTS_MAX_RETRY_MS = 60_000;

/**
 * When the server refused the live stream: once someone is signed in, reopen it; at once after
 * a new sign-in, after a growing pause when the session was fine all along (a server error).
 */
function reopenWhenSignedIn(reopen: () => void, refusals: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pause = Math.min(EVENTS_RETRY_MS * 2 ** Math.max(0, refusals - 1), EVENTS_MAX_RETRY_MS);
  const cancel = whenSignedIn((already) => {
    timer = setTimeout(reopen, already ? pause : 0);
  });
  return () => {
    cancel();
    if (timer) clearTimeout(timer);
  };
}

const SOURCES: LiveRoundSources = {
  fetchRound: (roundId) =>
    fetchRound(roundId).catch((error: unknown) => {
      throw error instanceof ApiRequestError && error.status === 404 ? new RoundNotFoundError(error.message) : error;
    }),
  follow: (roundId, onEvent, onLink) => followRound(roundId, onEvent, reopenWhenSignedIn, onLink),
  onAuthTrouble,
  isCopy: (round) => browserCopyOf(round) !== null,
};

export interface LiveRoundView extends LiveRoundSnapshot {
  /** Takes a measure (and its plan text, when known) as the server answered a change of ours, before its event arrives. */
  applyMeasure: (measure: MeasureSummary, planText?: string) => void;
  /** How many plan text changes came so far: a read of a measure notes it when it begins (`newerPlanText`). */
  planTextSeq: () => number;
  /**
   * Call before sending a change of the round; give the server's answer to the function it
   * returns. The answer is shown unless a `round` event came meanwhile (see LiveRound).
   */
  beginRoundChange: () => (round: RoundDetail) => void;
}

/**
 * A round and its measures, live: a status, a readiness mark or the round's deadline and state
 * changed anywhere shows here without reload. `onEvent` also sees every event of the stream
 * (threads, ...), so a page needs one stream. The stream's connection shows in the header for
 * as long as the page follows it.
 */
export function useLiveRound(roundId: string, onEvent?: (event: RoundEvent) => void): LiveRoundView {
  const listener = useRef(onEvent);
  useEffect(() => {
    listener.current = onEvent;
  });
  const live = useMemo(() => new LiveRound(roundId, SOURCES), [roundId]);
  useEffect(() => {
    const link = openLink();
    const stop = live.start((event) => listener.current?.(event), link.set);
    // A round that does not exist has no stream: nothing for the header to show.
    const unsubscribe = live.subscribe(() => {
      if (live.getSnapshot().notFound) link.release();
    });
    return () => {
      unsubscribe();
      stop();
      link.release();
    };
  }, [live]);
  const snapshot = useSyncExternalStore(live.subscribe, live.getSnapshot);
  return { ...snapshot, applyMeasure: live.applyMeasure, planTextSeq: live.planTextSeq, beginRoundChange: live.beginRoundChange };
}

/**
 * Several rounds live at once, by id (the other open rounds an overview keeps in view): each
 * read and followed as `useLiveRound` does, every event of each also to `onEvent`.
 */
export function useLiveRounds(roundIds: readonly string[], onEvent?: (event: RoundEvent) => void): ReadonlyMap<string, LiveRoundSnapshot> {
  const listener = useRef(onEvent);
  useEffect(() => {
    listener.current = onEvent;
  });
  const key = roundIds.join('\n');
  const set = useMemo(() => new LiveRoundSet(key === '' ? [] : key.split('\n'), SOURCES), [key]);
  useEffect(() => set.start((event) => listener.current?.(event), openLink), [set]);
  return useSyncExternalStore(set.subscribe, set.getSnapshot);
}
