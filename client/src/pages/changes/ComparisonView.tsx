import { Heading, Paragraph, Switch } from '@digdir/designsystemet-react';
import { FileJson } from 'lucide-react';
import { useId } from 'react';
import type { Comparison } from '../../../../shared/compare.js';
import { comparisonUrl } from '../../api/comparison.js';
import { tRounds } from '../../strings/rounds.js';
import { sideLabel, type RoundSnapshots } from './comparableSnapshots.js';
import { MeasureChange } from './MeasureChange.js';

/** The comparison: from what to what, how many measures changed, and each (only the changed ones by default). */
export function ComparisonView({
  comparison,
  groups,
  roundId,
  from,
  to,
  onlyChanged,
  onOnlyChanged,
}: {
  comparison: Comparison;
  groups: readonly RoundSnapshots[];
  roundId: string;
  from: string;
  to: string;
  /** Kept by the page, so that it stays as chosen when the versions change. */
  onlyChanged: boolean;
  onOnlyChanged: (onlyChanged: boolean) => void;
}) {
  const headingId = useId();
  const shown = comparison.measures.filter((m) => !onlyChanged || m.changed);
  const changedCount = comparison.measures.filter((m) => m.changed).length;
  const roundTitle = (id: string): string | null => groups.find((g) => g.round.id === id)?.round.title ?? null;
  return (
    <section aria-labelledby={headingId} className="changes" data-testid="comparison">
      <Heading level={2} data-size="sm" id={headingId}>
        {tRounds.fromTo(sideLabel(comparison.from, groups), sideLabel(comparison.to, groups))}
      </Heading>
      <Paragraph aria-live="polite" data-testid="changed-count">
        {from === to ? tRounds.sameVersion : tRounds.changedCount(changedCount, comparison.measures.length)}
      </Paragraph>
      <Paragraph className="page__meta">{tRounds.legend}</Paragraph>
      <div className="changes__tools">
        <Switch label={tRounds.onlyChanged} checked={onlyChanged} onChange={(e) => onOnlyChanged(e.target.checked)} data-testid="only-changed" />
        <a href={comparisonUrl(roundId, from, to)} className="changes__json" data-testid="comparison-json">
          <FileJson aria-hidden="true" size={16} /> {tRounds.comparisonJson}
        </a>
      </div>
      {shown.length === 0 && <Paragraph>{tRounds.noneShown}</Paragraph>}
      {shown.map((measure) => (
        <MeasureChange key={measure.number} measure={measure} roundId={roundId} roundTitle={roundTitle} />
      ))}
    </section>
  );
}
