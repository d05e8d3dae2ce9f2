import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useRef } from 'react';
import type { SessionUser } from '../../../../shared/auth.js';
import type { MinistryCode } from '../../../../shared/ministries.js';
import { DeadlineText, FrozenBanner } from '../../components/RoundState.js';
import { ReadinessSummary } from '../../readiness/ReadinessSummary.js';
import { t } from '../../strings.js';
import { useWaitingThreads, WaitingList } from '../../threads/WaitingList.js';
import { useLiveRound } from '../../useRound.js';
import { FilterBar } from './FilterBar.js';
import { MeasuresTable } from './MeasuresTable.js';
import { StatusCounts } from './StatusCounts.js';
import { useMeasureFilters } from './useMeasureFilters.js';

/**
 * The round's summary table, live, with filters, a count per status and who is ready. Everyone
 * sees per ministry what is still missing, and can show just that.
 */
export default function OverviewPage({ roundId, user }: { roundId: string; user: SessionUser }) {
  const waiting = useWaitingThreads(roundId, user);
  const { round, measures, error } = useLiveRound(roundId, waiting.store.onRoundEvent);
  const filters = useMeasureFilters(measures, user, round?.state === 'frozen');
  const tableRef = useRef<HTMLTableElement>(null);
  const showMissing = (code: MinistryCode): void => {
    filters.showMissing(code);
    tableRef.current?.focus();
  };

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
      <FrozenBanner round={round} user={user} />
      {error && (
        <Paragraph role="alert">
          {t.loadFailed} ({error})
        </Paragraph>
      )}
      {!measures && !error && <Paragraph>{t.loading}</Paragraph>}
      {measures && (
        <>
          <StatusCounts measures={measures} />
          <ReadinessSummary measures={measures} onShowMissing={showMissing} />
          <WaitingList roundId={roundId} waiting={waiting} measures={measures} />
          <FilterBar filters={filters} />
          <MeasuresTable
            roundId={roundId}
            shown={filters.shown}
            total={measures.length}
            marksOwn={filters.marksOwn}
            writable={filters.writable}
            tableRef={tableRef}
          />
          {filters.shown.length === 0 && <Paragraph>{t.noMatches}</Paragraph>}
        </>
      )}
    </main>
  );
}
