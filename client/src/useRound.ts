import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoundEvent } from '../../shared/api.js';
import type { MeasureSummary } from '../../shared/measure.js';
import type { RoundDetail } from '../../shared/round.js';
import { fetchRound, followRound, onAuthTrouble } from './api.js';
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

export interface LiveRound {
  /** The round (deadline, state, ...), kept live by `round` events. */
  round: RoundDetail | null;
  /** Every measure with its latest fields, kept live by the round's event stream. */
  measures: MeasureSummary[] | null;
  error: string | null;
  /** Takes a measure as the server answered a change of ours, before its event arrives. */
  applyMeasure: (measure: MeasureSummary) => void;
  /**
   * Call before sending a change of the round; give the server's answer to the function it
   * returns. The answer is shown unless a `round` event came meanwhile: that event is at least as
   * new (the server publishes every change, this one included, and a freeze may follow).
   */
  beginRoundChange: () => (round: RoundDetail) => void;
}

/** Least time between re-reads of the round prompted by a refusal (403) elsewhere. */
const ROUND_RECHECK_MS = 2_000;

/**
 * A round and its measures, live: a status, a readiness mark or the round's deadline and state
 * changed anywhere shows here without reload. `onEvent` also sees every event of the stream
 * (threads, ...), so a page needs one stream.
 */
export function useLiveRound(roundId: string, onEvent?: (event: RoundEvent) => void): LiveRound {
  const [round, setRound] = useState<RoundDetail | null>(null);
  const listener = useRef(onEvent);
  useEffect(() => {
    listener.current = onEvent;
  }, [onEvent]);
  const [measures, setMeasures] = useState<MeasureSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Counts `round` events: a read or a change's answer started before one may carry what it replaced.
  const roundEvents = useRef(0);

  const applyMeasure = useCallback((changed: MeasureSummary) => {
    setMeasures((list) => list?.map((m) => (m.number === changed.number ? changed : m)) ?? list);
  }, []);

  useEffect(() => {
    let cancelled = false;
    let known = false;
    let loading = false;
    let again = false;
    let lastRecheck = 0;
    setRound(null);
    setMeasures(null);
    setError(null);
    const load = (): void => {
      if (loading) {
        again = true;
        return;
      }
      loading = true;
      const seen = roundEvents.current;
      fetchRound(roundId)
        .then(
          (r) => {
            if (cancelled || seen !== roundEvents.current) return;
            known = true;
            setRound(r);
            setError(null);
          },
          // Once the round is known, a failed re-read (offline) keeps what we have.
          (e: unknown) => !cancelled && !known && setError(e instanceof Error ? e.message : String(e)),
        )
        .finally(() => {
          loading = false;
          if (again && !cancelled) {
            again = false;
            load();
          }
        });
    };
    load();
    let snapshots = 0;
    const stop = followRound(roundId, (event) => {
      listener.current?.(event);
      if (event.type === 'snapshot') {
        setMeasures(event.measures);
        // A reconnected stream may have missed a `round` event while it was away.
        if (++snapshots > 1) load();
      } else if (event.type === 'measure') {
        applyMeasure(event.measure);
      } else if (event.type === 'round' && event.roundId === roundId) {
        roundEvents.current++;
        known = true;
        setRound(event.round);
      }
    }, reopenWhenSignedIn);
    // A refusal (a read-only sync connection, a 403) may mean the round froze: read it again.
    const stopTrouble = onAuthTrouble((status) => {
      if (status !== 403 || Date.now() - lastRecheck < ROUND_RECHECK_MS) return;
      lastRecheck = Date.now();
      load();
    });
    return () => {
      cancelled = true;
      stop();
      stopTrouble();
    };
  }, [roundId, applyMeasure]);

  const beginRoundChange = useCallback(() => {
    const seen = roundEvents.current;
    return (answer: RoundDetail) => {
      if (roundEvents.current === seen) setRound(answer);
    };
  }, []);

  return { round, measures, error, applyMeasure, beginRoundChange };
}
