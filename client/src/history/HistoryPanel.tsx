import { Button, Paragraph } from '@digdir/designsystemet-react';
import { RefreshCw } from 'lucide-react';
import { useCallback } from 'react';
import { browserCopyOf, fetchRounds } from '../api.js';
import { StaleNote } from '../components/StaleNote.js';
import { t } from '../strings.js';
import { tHistory } from '../strings/history.js';
import { useFreshAgain } from '../useFreshAgain.js';
import { useResource } from '../useResource.js';
import { HistoryList } from './HistoryList.js';
import type { HistorySectionProps } from './HistorySection.js';
import { useHistory } from './useHistory.js';

/**
 * The measure's history: every version of the narrative and every status and readiness change,
 * newest first; a version opens in place with its text and its diff against now, and (for
 * whoever may write the measure) *Gjenopprett*. What a restore did is said in a status region.
 * A list from this browser's copy (an offline reload) says so until it is read again, connected.
 */
export default function HistoryPanel({ roundId, number, session, canWrite, fieldsKey }: HistorySectionProps) {
  const history = useHistory({ roundId, number, session, fieldsKey });
  const { entries, outcome } = history;
  // A list from this browser's copy (an offline reload) says so, and is read again once connected.
  const copy = browserCopyOf(entries);
  useFreshAgain(copy, history.refresh);
  // Rounds by title, for "Teksten fra runden «…»"; without them, the round's id says it.
  const rounds = useResource('rounds', fetchRounds).data;
  const roundTitle = useCallback((id: string) => rounds?.find((r) => r.id === id)?.title ?? null, [rounds]);
  return (
    <div className="history__panel" data-testid="history-panel">
      <Paragraph className="page__meta">{tHistory.intro}</Paragraph>
      <p role="status" className="history__outcome" data-testid="history-status">
        {outcome?.ok ? outcome.text : ''}
      </p>
      <p role="alert" className="history__problem">
        {outcome && !outcome.ok ? outcome.text : ''}
      </p>
      <StaleNote copy={copy} testId="history-stale" />
      {history.listFailed && <Paragraph role="alert">{t.loadFailed}</Paragraph>}
      {!entries && !history.listFailed && <Paragraph>{t.loading}</Paragraph>}
      {entries && entries.length === 0 && <Paragraph>{tHistory.empty}</Paragraph>}
      {entries && entries.length > 0 && <HistoryList entries={entries} history={history} canWrite={canWrite} roundTitle={roundTitle} />}
      <Button variant="tertiary" data-size="sm" onClick={history.refresh} data-testid="history-refresh">
        <RefreshCw aria-hidden="true" size={16} />
        {tHistory.refresh}
      </Button>
    </div>
  );
}
