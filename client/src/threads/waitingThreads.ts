import { useCallback } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import type { Thread } from '../../../shared/comments.js';
import type { MeasureSummary } from '../../../shared/measureSummary.js';
import type { MinistryCode } from '../../../shared/ministries.js';
import { copyOfParts, fetchOpenThreads, fetchRounds, fetchRoundThreads } from '../api.js';
import { useLiveThreads, type LiveThreadsSnapshot, type LiveThreads } from './liveThreads.js';

/** Whose answers the list is about: one ministry, every ministry (the coordinator), or nobody. */
export type Audience = { kind: 'ministry'; ministry: MinistryCode } | { kind: 'all' } | { kind: 'none' };

function audienceOf(user: SessionUser): Audience {
  if (user.role === 'coordinator') return { kind: 'all' };
  if (user.ministry) return { kind: 'ministry', ministry: user.ministry };
  return { kind: 'none' };
}

export interface WaitingThreads extends LiveThreadsSnapshot {
  store: LiveThreads;
  audience: Audience;
}

/**
 * The threads waiting in every open round and in `roundId` (which may be frozen), each once:
 * a question asked in an older round that is still open must not stay behind when a new one starts.
 */
async function loadWaiting(roundId: string, ministry: MinistryCode | undefined): Promise<Thread[]> {
  const [rounds, open] = await Promise.all([fetchRounds(), fetchOpenThreads(ministry)]);
  if (rounds.some((round) => round.id === roundId && round.state === 'open')) return open;
  const own = await fetchRoundThreads(roundId, ministry);
  const ids = new Set(open.map((thread) => thread.id));
  // Either read from this browser's copy (an offline reload) makes the list one.
  return copyOfParts([...open, ...own.filter((thread) => !ids.has(thread.id))], [rounds, open, own]);
}

/**
 * The open threads that wait for an answer from the person's ministry (for the coordinator,
 * from any ministry), in every open round and the one shown, live: a thread event (from the
 * stream of any round the page follows) adds, updates or drops a thread by its `waitingFor`.
 */
export function useWaitingThreads(roundId: string, user: SessionUser): WaitingThreads {
  const audience = audienceOf(user);
  const ministry = audience.kind === 'ministry' ? audience.ministry : null;
  const kind = audience.kind;
  const load = useCallback(
    () => (kind === 'none' ? Promise.resolve([]) : loadWaiting(roundId, ministry ?? undefined)),
    [roundId, kind, ministry],
  );
  const belongs = useCallback(
    (thread: Thread) => (ministry !== null ? thread.waitingFor.includes(ministry) : kind === 'all' && thread.waitingFor.length > 0),
    [kind, ministry],
  );
  const live = useLiveThreads(load, belongs);
  return { ...live, audience };
}

/** The rounds a waiting list may name: the measures of each (for titles) and the title of each other round. */
export interface WaitingRounds {
  /** The round the page is about: its threads need no round named. */
  current: string;
  measuresOf: (roundId: string) => readonly MeasureSummary[] | null;
  /** The title of a round other than the current one, when known. */
  titleOf: (roundId: string) => string | null;
  /** Other rounds are open: the list covers them too, and says so. */
  acrossRounds: boolean;
}
