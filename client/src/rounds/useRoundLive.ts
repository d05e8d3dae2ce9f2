import { useCallback, useEffect, useRef, useState } from 'react';
import type { RoundEvent } from '../../../shared/api.js';
import type { RoundDetail } from '../../../shared/round.js';
import { useLiveRound } from '../useRound.js';

export interface RoundLive {
  /** The round as last loaded, then as the latest `round` event (or this person's own change) has it. */
  round: RoundDetail | null;
  error: string | null;
  /**
   * Call before sending a change; give the server's answer to the function it returns. The answer
   * is shown unless a `round` event came meanwhile: that event is at least as new (the server
   * publishes every change, this one included, and a freeze may follow right after).
   */
  beginChange: () => (round: RoundDetail) => void;
}

/**
 * A round's own fields, live: deadline moves, renames, freezes and reopenings done anywhere show
 * without reload. Rides on the round's one event stream; `onEvent` sees its other events too.
 */
export function useRoundLive(roundId: string, onEvent?: (event: RoundEvent) => void): RoundLive {
  const [latest, setLatest] = useState<RoundDetail | null>(null);
  const roundEvents = useRef(0);
  const listener = useRef(onEvent);
  useEffect(() => {
    listener.current = onEvent;
  }, [onEvent]);
  const handle = useCallback((event: RoundEvent) => {
    if (event.type === 'round') {
      roundEvents.current++;
      setLatest(event.round);
    }
    listener.current?.(event);
  }, []);
  const live = useLiveRound(roundId, handle);
  const beginChange = useCallback(() => {
    const seen = roundEvents.current;
    return (round: RoundDetail) => {
      if (roundEvents.current === seen) setLatest(round);
    };
  }, []);
  const round = latest?.id === roundId ? latest : live.round;
  return { round, error: live.error, beginChange };
}
