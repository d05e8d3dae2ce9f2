import { useCallback, useEffect, useRef } from 'react';
import type { RoundEvent } from '../../../../shared/api.js';
import { actorOf, type SessionUser } from '../../../../shared/auth.js';
import { measureDocName } from '../../../../shared/documentLayout.js';
import type { MeasureDetail } from '../../../../shared/measure.js';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import { can } from '../../../../shared/permissions.js';
import { ApiRequestError, browserCopyOf, type BrowserCopy } from '../../api.js';
import { fetchMeasure } from '../../api/measure.js';
import { useConnection } from '../../connection.js';
import { useWaitedLong } from '../../useWaitedLong.js';
import { newerPlanText } from '../../liveRound.js';
import { keepMeasures } from '../../measuresCopy.js';
import { cacheLoadedResources } from '../../offline.js';
import { countPending } from '../../outbox/pending.js';
import { useOutbox } from '../../outbox/useOutbox.js';
import type { UnsavedReason } from '../../strings/measure.js';
import type { ThreadPermissions } from '../../threads/ThreadCard.js';
import { useMeasureComments } from '../../threads/useMeasureComments.js';
import { useResource } from '../../useResource.js';
import { useLiveRound } from '../../useRound.js';
import { readOnlyReason } from './readOnly.js';
import type { PlanTextModel } from './PlanText.js';
import { saveState } from './saveState.js';
import { useCollabSession } from './useCollabSession.js';
import { useStatusChange } from './useStatusChange.js';
import type { ImportNotesModel } from './useSuggestions.js';

const NO_WARNINGS: ImportNotesModel['warnings'] = [];

/** What the server said is not there ('undecided': the measure, or its round too, which is still being asked). */
export type Missing = 'round' | 'measure' | 'undecided';

/** How long the measure's answer is waited for before this browser's copy of the text is opened anyway (a hung server). */
const MEASURE_ANSWER_WAIT_MS = 4_000;

const isNotFound = (error: unknown): boolean => error instanceof ApiRequestError && error.status === 404;

/**
 * What the server says is not there, once it can be told which: the round (its own read
 * answered 404), else the measure; undecided while the round's read is still under way after
 * the measure's 404. Null while the measure is there or unanswered.
 */
function missingOf(data: unknown, error: unknown, roundNotFound: boolean, roundAnswered: boolean): Missing | null {
  if (data !== null || !isNotFound(error)) return null;
  if (roundNotFound) return 'round';
  return roundAnswered ? 'measure' : 'undecided';
}

/**
 * Everything the measure page shows and does: the measure (loaded, then live from the round's
 * stream), the round, this person's copy of the narrative, the comments, and whether this person
 * may write. The permission rule (the server's own, from shared/) decides; the server enforces
 * it, the page only reflects it.
 */
export function useMeasurePage(roundId: string, number: number, user: SessionUser) {
  // The round's stream hands its events to the comments, which need the session, which waits
  // for the measure: the comments' listener is passed on once they exist.
  const roundEvents = useRef<((event: RoundEvent) => void) | null>(null);
  const { round, measures, error: roundError, notFound: roundNotFound, applyMeasure, planTexts, planTextSeq, openings } = useLiveRound(roundId, (event) =>
    roundEvents.current?.(event),
  );
  // The round's measures as its stream told them, kept for the overview: reached from here
  // without a connection (a measure opened from a link, then the network gone), it has them.
  useEffect(() => {
    if (measures) keepMeasures(user.username, roundId, measures);
  }, [user.username, roundId, measures]);
  const detail = useResource(`${roundId}.${number}`, async (signal): Promise<MeasureDetail & { planTextSeq: number; copy: BrowserCopy | null }> => {
    // A change of the plan text that comes after this read began is newer than its answer.
    const seq = planTextSeq();
    const loaded = await fetchMeasure(roundId, number, signal);
    cacheLoadedResources();
    return { ...loaded, planTextSeq: seq, copy: browserCopyOf(loaded) };
  });
  const missing = missingOf(detail.data, detail.error, roundNotFound, round !== null || roundError !== null);
  // No session (no socket, no copy in this browser) for a measure the server says is not there,
  // nor for a narrative the editor cannot show; until the server answered, none either, unless
  // it cannot be asked (offline) or does not answer for long (hung): then this browser's copy is
  // all there is.
  const unshowable = detail.data?.narrativeProblem ?? null;
  const waitedLong = useWaitedLong(MEASURE_ANSWER_WAIT_MS);
  const answered = detail.data !== null || (detail.error !== null ? !isNotFound(detail.error) : waitedLong);
  const { session, sync, discard } = useCollabSession(answered && unshowable === null ? measureDocName(roundId, number) : null, user.username);
  const { outbox, pending } = useOutbox(user.username);
  const comments = useMeasureComments(roundId, number, session, user, outbox, pending);
  const onRoundEvent = comments.store.onRoundEvent;
  useEffect(() => {
    roundEvents.current = onRoundEvent;
  }, [onRoundEvent]);
  const { update, refetch } = detail;
  // A reopened stream may have missed a change of the plan text while it was away: read again.
  useEffect(() => {
    if (openings > 1) refetch();
  }, [openings, refetch]);
  const onSaved = useCallback(
    (saved: MeasureSummary, planText?: string) => {
      applyMeasure(saved, planText);
      update((d) => ({ ...d, ...saved }));
    },
    [applyMeasure, update],
  );
  // Fields are server-owned and live: the event stream's value wins over the one loaded.
  const live = measures?.find((m) => m.number === number);
  const status = useStatusChange(roundId, number, live?.status ?? detail.data?.status, outbox, pending, onSaved);
  const ministries = live?.ministries ?? detail.data?.ministries ?? [];
  // Until the responsible ministries and the round's state are known, nobody but the
  // coordinator is let write. A round that cannot be read (offline, not cached) counts as open:
  // the server decides once connected, and drops what a frozen round does not allow.
  const known = live !== undefined || detail.data !== null;
  const roundKnown = round !== null || roundError !== null;
  const roundFrozen = round?.state === 'frozen';
  const actor = actorOf(user);
  const canWrite = can(actor, { kind: 'writeMeasure', ministries, roundFrozen }) && ((known && roundKnown) || user.role === 'coordinator');
  // Edits this browser holds that the server lacks (its own answer) and will not take: this
  // person may not write the measure, or the server refused them (the round froze just now).
  const stranded = sync.unsynced && sync.checked && (sync.refused || (known && roundKnown && !canWrite));
  const threadPermissions: ThreadPermissions = {
    resolve: known && can(actor, { kind: 'resolveThread', ministries, startedIt: false }),
    deleteAny: can(actor, { kind: 'coordinate' }),
  };
  const unsavedReason: UnsavedReason = roundFrozen ? 'frozen' : sync.refusedFor === 'limit' ? 'limit' : canWrite ? 'refused' : 'rights';
  // After an edit refused for a limit, everything typed next would build on what the server does
  // not have: the text rests until the person keeps a copy or discards (the warning says so).
  const narrativeEditable = canWrite && !(stranded && sync.refusedFor === 'limit');
  const title = live?.title ?? detail.data?.title;
  const planText = newerPlanText(detail.data, planTexts.get(number));
  const coordinator = can(actor, { kind: 'coordinate' });
  const plan: PlanTextModel = { roundId, number, title, planText, coordinator, onSaved };
  const link = useConnection().state;
  // Shown from this browser's copy (an offline reload) until the live stream (or a read) is fresh.
  const fieldsCopy = live === undefined ? (detail.data?.copy ?? null) : null;
  const narrativeCopy = session && !sync.syncedOnce && sync.state === 'offline' ? { fetchedAt: session.fetchedAt() } : null;
  // Everything waiting goes by itself; what needs the person counts where they can act on it, here.
  const here = pending.filter((entry) => entry.change.roundId === roundId && entry.change.number === number);
  const outboxCounts = { ...countPending(pending), conflicts: countPending(here).conflicts, refused: countPending(here).refused };
  const notes: ImportNotesModel = {
    roundId,
    number,
    warnings: detail.data?.importWarnings ?? NO_WARNINGS,
    title,
    planText,
    session,
    coordinator,
    narrativeEditable,
    onSaved,
  };

  return {
    session,
    comments,
    round,
    roundFrozen,
    detail: detail.data,
    // The server answered that the measure or its round is not there: nothing else is shown.
    missing,
    loadFailed: detail.error !== null && missing === null,
    unshowable,
    // A change waiting for the server shows in the select, so it never flips back in between.
    status,
    outbox,
    pending,
    save: saveState({ link, narrativeUnsynced: sync.unsynced, narrativeStranded: stranded, outbox: outboxCounts }),
    fieldsCopy,
    narrativeCopy,
    title,
    plan,
    notes,
    ministries,
    readiness: live ?? detail.data,
    applyMeasure,
    canWrite,
    narrativeEditable,
    threadPermissions,
    readOnly: known && roundKnown && !canWrite ? { reason: readOnlyReason(user, ministries, round), frozen: roundFrozen } : null,
    unsaved: { shown: stranded, reason: unsavedReason, discard },
  };
}

export type MeasurePageModel = ReturnType<typeof useMeasurePage>;
