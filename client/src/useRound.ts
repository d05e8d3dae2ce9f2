import { useEffect, useRef, useState } from 'react';
import type { RoundEvent } from '../../shared/api.js';
import type { MeasureSummary } from '../../shared/measure.js';
import type { RoundDetail } from '../../shared/round.js';
import { fetchRound, followRound } from './api.js';
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
  round: RoundDetail | null;
  /** Every measure with its latest fields, kept live by the round's event stream. */
  measures: MeasureSummary[] | null;
  error: string | null;
}

/**
 * A round and its measures, live: a status changed anywhere shows here without reload.
 * `onEvent` also sees every event of the stream (threads, ...), so a page needs one stream.
 */
export function useLiveRound(roundId: string, onEvent?: (event: RoundEvent) => void): LiveRound {
  const [round, setRound] = useState<RoundDetail | null>(null);
  const listener = useRef(onEvent);
  useEffect(() => {
    listener.current = onEvent;
  }, [onEvent]);
  const [measures, setMeasures] = useState<MeasureSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setRound(null);
    setMeasures(null);
    setError(null);
    fetchRound(roundId).then(
      (r) => !cancelled && setRound(r),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    const stop = followRound(roundId, (event) => {
      listener.current?.(event);
      if (event.type === 'snapshot') setMeasures(event.measures);
      else if (event.type === 'measure') {
        const changed = event.measure;
        setMeasures((list) => list?.map((m) => (m.number === changed.number ? changed : m)) ?? list);
      }
    }, reopenWhenSignedIn);
    return () => {
      cancelled = true;
      stop();
    };
  }, [roundId]);

  return { round, measures, error };
}
