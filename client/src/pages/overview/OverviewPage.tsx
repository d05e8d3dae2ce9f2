import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { lazy, useRef } from 'react';
import type { SessionUser } from '../../../../shared/auth.js';
import type { MinistryCode } from '../../../../shared/ministries.js';
import { browserCopyOf } from '../../api.js';
import { LazyPart } from '../../components/LazyPart.js';
import { NotFound } from '../../components/NotFound.js';
import { StaleNote } from '../../components/StaleNote.js';
import { DeadlineText, FrozenBanner } from '../../components/RoundState.js';
import { ReadinessSummary } from '../../readiness/ReadinessSummary.js';
import { t } from '../../strings.js';
import { FilterBar } from './FilterBar.js';
import { MeasuresTable } from './MeasuresTable.js';
import { MyWork } from './MyWork.js';
import { OpenRoundsNotice } from './OpenRoundsNotice.js';

import { StatusCounts } from './StatusCounts.js';
import { useOverview } from './useOverview.js';

/** Loaded only when a change needs the person: most visits never download it. */
const PendingAttention = lazy(() => import('./PendingAttention.js'));
/**
 * The questions waiting, with the comments' text: not in the page's first download, but asked for
 * when the overview first renders (not by the other pages, which load the app's entry too), so
 * that it is there by the time its data is and a return by Back finds the page whole.
 */
let waitingList: ReturnType<typeof importWaitingList> | null = null;
function importWaitingList() {
  return import('../../threads/WaitingList.js');
}
function loadWaitingList(): ReturnType<typeof importWaitingList> {
  if (waitingList) return waitingList;
  waitingList = importWaitingList();
  // A failure shows where the list would be (LazyPart), not as an unhandled rejection.
  waitingList.catch(() => undefined);
  return waitingList;
}
const WaitingList = lazy(loadWaitingList);

/**
 * The round's summary table, live, with filters, a count per status and who is ready. An
 * editor's own work comes first: their measures not yet ready, and the questions waiting for
 * their ministry (in every open round); the coordinator's is what each ministry still lacks.
 * Other open rounds are named at the top. Measures shown from this browser's copy (an offline
 * reload) say so until the stream tells them; the person's own changes not yet saved show over
 * them, marked, and those that need their choice are listed first.
 */
export default function OverviewPage({ roundId, user }: { roundId: string; user: SessionUser }) {
  void loadWaitingList();
  const { round, measures, measuresCopy, pending, pendingMarks, error, notFound, filters, waiting, waitingRounds, otherRounds, roundsCopy } = useOverview(
    roundId,
    user,
  );
  const tableRef = useRef<HTMLTableElement>(null);
  const showMissing = (code: MinistryCode): void => {
    filters.showMissing(code);
    tableRef.current?.focus();
  };
  const showMineNotReady = (): void => {
    filters.showMineNotReady();
    tableRef.current?.focus();
  };
  if (notFound) return <NotFound missing={{ kind: 'round', roundId }} />;
  // The person's changes in this round that need them: someone else changed the field meanwhile, or the server refused it.
  const attention = pending.filter((entry) => (entry.state === 'conflict' || entry.state === 'refused') && entry.change.roundId === roundId);

  const ownMinistry = user.role === 'editor' ? user.ministry : null;
  const coordinator = user.role === 'coordinator';
  const summary = measures && <ReadinessSummary measures={measures} onShowMissing={showMissing} />;
  return (
    <main id="main" className="page">
      <Heading level={1} data-size="lg">
        {round?.title ?? t.overviewTitle}
      </Heading>
      {round && (
        <Paragraph className="page__meta">
          {round.planTitle} · <DeadlineText round={round} />
        </Paragraph>
      )}
      <StaleNote copy={browserCopyOf(round)} testId="round-stale" />
      <FrozenBanner round={round} user={user} />
      <OpenRoundsNotice others={otherRounds} currentState={round?.state ?? null} copy={roundsCopy} />
      {attention.length > 0 && (
        <LazyPart>
          <PendingAttention roundId={roundId} attention={attention} />
        </LazyPart>
      )}
      {error && <Paragraph role="alert">{t.loadFailed}</Paragraph>}
      {!measures && !error && <Paragraph>{t.loading}</Paragraph>}
      {measures && (
        <>
          <StaleNote copy={measuresCopy} testId="measures-stale" />
          {ownMinistry && <MyWork roundId={roundId} ministry={ownMinistry} measures={measures} onShowInTable={showMineNotReady} />}
          <LazyPart>
            <WaitingList waiting={waiting} rounds={waitingRounds} />
          </LazyPart>
          {coordinator && summary}
          <FilterBar filters={filters} />
          <MeasuresTable
            roundId={roundId}
            shown={filters.shown}
            total={measures.length}
            marksOwn={filters.marksOwn}
            writable={filters.writable}
            pendingMarks={pendingMarks}
            tableRef={tableRef}
          />
          {filters.shown.length === 0 && <Paragraph>{t.noMatches}</Paragraph>}
          <StatusCounts measures={measures} />
          {!coordinator && summary}
        </>
      )}
    </main>
  );
}
