import { useEffect, useState } from 'react';
import type { MeasureSummary } from '../../shared/measure.js';
import type { RoundDetail } from '../../shared/round.js';
import { fetchRound, followRound } from './api.js';

export interface LiveRound {
  round: RoundDetail | null;
  /** Every measure with its latest fields, kept live by the round's event stream. */
  measures: MeasureSummary[] | null;
  error: string | null;
}

/** A round and its measures, live: a status changed anywhere shows here without reload. */
export function useLiveRound(roundId: string): LiveRound {
  const [round, setRound] = useState<RoundDetail | null>(null);
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
      if (event.type === 'snapshot') setMeasures(event.measures);
      else setMeasures((list) => list?.map((m) => (m.number === event.measure.number ? event.measure : m)) ?? list);
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [roundId]);

  return { round, measures, error };
}
