import { useCallback, useEffect, useState } from 'react';
import type { Mentionables } from '../../../shared/mentionables.js';
import { fetchMentionables } from '../api/measure.js';
import { matchRoute, usePath } from '../router.js';

/** How long a round's list is used before it is asked for again (accounts come and go rarely). */
const FRESH_MS = 60_000;

/** One read per round, shared by every comment form on the page. */
const reads = new Map<string, { at: number; answer: Promise<Mentionables> }>();

function read(roundId: string, fresh: boolean): Promise<Mentionables> {
  const kept = reads.get(roundId);
  if (kept && !fresh && Date.now() - kept.at < FRESH_MS) return kept.answer;
  const answer = fetchMentionables(roundId);
  reads.set(roundId, { at: Date.now(), answer });
  // A failed read is not kept: the next form (or the next try) asks again.
  answer.catch(() => {
    if (reads.get(roundId)?.answer === answer) reads.delete(roundId);
  });
  return answer;
}

/** The round of the page shown, when it is a round's page (the comment forms are on the measure page). */
function useRoundOfPage(): string | null {
  const route = matchRoute(usePath());
  return 'roundId' in route ? route.roundId : null;
}

/**
 * Whom a comment on this page can mention (`GET /api/rounds/:roundId/mentionables`), or null
 * while that is not known (loading, offline with no copy): then nobody is flagged, and the
 * server has the last word. `refresh` asks the server again (an account added since).
 */
export function useMentionables(): { mentionables: Mentionables | null; refresh: () => Promise<Mentionables | null> } {
  const roundId = useRoundOfPage();
  const [state, setState] = useState<{ roundId: string; mentionables: Mentionables } | null>(null);
  useEffect(() => {
    if (roundId === null) return;
    let gone = false;
    read(roundId, false).then(
      (mentionables) => {
        if (!gone) setState({ roundId, mentionables });
      },
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [roundId]);
  const refresh = useCallback(async (): Promise<Mentionables | null> => {
    if (roundId === null) return null;
    try {
      const mentionables = await read(roundId, true);
      setState({ roundId, mentionables });
      return mentionables;
    } catch {
      return null;
    }
  }, [roundId]);
  return { mentionables: state?.roundId === roundId ? state.mentionables : null, refresh };
}
