import { useEffect, useMemo } from 'react';
import type { SessionUser } from '../../../../shared/auth.js';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import type { Round } from '../../../../shared/round.js';
import { browserCopyOf, fetchRounds, type BrowserCopy } from '../../api.js';
import { keepMeasures, keptMeasures } from '../../measuresCopy.js';
import { useSignedInPending } from '../../outbox/outboxes.js';
import { withPendingChanges } from '../../outbox/pending.js';
import { otherOpenRounds } from '../../rounds/openRounds.js';
import { useReturnPosition } from '../../router.js';
import { useWaitedLong } from '../../useWaitedLong.js';
import { useWaitingThreads, type WaitingRounds } from '../../threads/waitingThreads.js';
import { useFreshAgain } from '../../useFreshAgain.js';
import { useResource } from '../../useResource.js';
import { useLiveRound, useLiveRounds } from '../../useRound.js';
import { useMeasureFilters } from './useMeasureFilters.js';

/** Another round that is open, as it is now, with its measures once its stream has told them. */
export interface OtherRound {
  round: Round;
  measures: readonly MeasureSummary[] | null;
}

/** How long an online page waits for the round's stream before it shows this browser's copy of the measures. */
const COPY_AFTER_MS = 1_500;

/**
 * Everything the overview shows: the round and its measures live, the filters (in the address),
 * the threads waiting for the person's ministry in every open round, and the other open rounds,
 * each followed live so that its questions and its state stay current. Until the round's stream
 * has told the measures, those it last told this browser are shown, said to be a copy
 * (`measuresCopy`). The person's own changes of status and readiness that wait in this browser
 * show over them, marked (`pendingMarks`). Reached by Back, the page returns to where it was
 * once all of it is shown.
 */
export function useOverview(roundId: string, user: SessionUser) {
  const rounds = useResource('rounds', fetchRounds);
  const others = useMemo(() => otherOpenRounds(rounds.data ?? [], roundId), [rounds.data, roundId]);
  // The list from this browser's copy (an offline reload) is said to be that, and read again once connected.
  const roundsCopy = browserCopyOf(rounds.data);
  useFreshAgain(roundsCopy, rounds.refetch);
  const waiting = useWaitingThreads(roundId, user);
  const live = useLiveRound(roundId, waiting.store.onRoundEvent);
  const { round, error, notFound } = live;
  // The stream cannot open offline: until it tells the measures, show the ones it last told here,
  // at once offline, else once it has kept the page waiting (not for the moment a load takes).
  const kept = useMemo(() => keptMeasures(user.username, roundId), [user.username, roundId]);
  useEffect(() => {
    if (live.measures) keepMeasures(user.username, roundId, live.measures);
  }, [user.username, roundId, live.measures]);
  const copyDue = useWaitedLong(COPY_AFTER_MS, !navigator.onLine);
  const shownCopy = live.measures === null && copyDue ? kept : null;
  const told = live.measures ?? shownCopy?.measures ?? null;
  // The person's own changes the server has not taken yet show as the measure page shows them, marked.
  const pending = useSignedInPending(user.username);
  const mine = useMemo(() => (told ? withPendingChanges(told, pending, roundId) : null), [told, pending, roundId]);
  const measures = mine?.measures ?? null;
  const measuresCopy: BrowserCopy | null = shownCopy ? { fetchedAt: shownCopy.fetchedAt } : null;
  const othersLive = useLiveRounds(
    others.map((other) => other.id),
    waiting.store.onRoundEvent,
  );
  const filters = useMeasureFilters(roundId, measures, user, round?.state === 'frozen');

  // What a round's own stream says wins over the list read once: one may have frozen since.
  const otherRounds: OtherRound[] = others
    .map((other) => ({ round: othersLive.get(other.id)?.round ?? other, measures: othersLive.get(other.id)?.measures ?? null }))
    .filter((other) => other.round.state === 'open');
  const waitingRounds: WaitingRounds = {
    current: roundId,
    measuresOf: (id) => (id === roundId ? measures : (othersLive.get(id)?.measures ?? null)),
    titleOf: (id) => others.find((other) => other.id === id)?.title ?? null,
    acrossRounds: otherRounds.length > 0,
  };

  // The round (read over HTTP) and its measures (from the stream) arrive apart; the round's line
  // above the table shows up with the round, so the position waits for both.
  const shown =
    round !== null && measures !== null && (waiting.threads !== null || waiting.failed) && (rounds.data !== null || rounds.error !== null);
  useReturnPosition(shown);

  return { round, measures, measuresCopy, pending, pendingMarks: mine?.marks ?? null, error, notFound, filters, waiting, waitingRounds, otherRounds, roundsCopy };
}
