import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { ListFilter } from 'lucide-react';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import type { MinistryCode } from '../../../../shared/ministries.js';
import { isReadyFor } from '../../readiness/readiness.js';
import { Link, paths } from '../../router.js';
import { t, tOverview } from '../../strings.js';
import { StatusTag } from './StatusTag.js';

/**
 * An editor's own work, first on the overview: the measures of their ministry whose part is not
 * marked ready yet, each a link to its page, and a way to show just those in the table.
 */
export function MyWork({
  roundId,
  ministry,
  measures,
  onShowInTable,
}: {
  roundId: string;
  ministry: MinistryCode;
  measures: readonly MeasureSummary[];
  onShowInTable: () => void;
}) {
  const own = measures.filter((m) => m.ministries.includes(ministry));
  const missing = own.filter((m) => !isReadyFor(m, ministry));
  return (
    <section aria-labelledby="my-work-title" className="my-work" data-testid="my-work" data-missing={missing.length}>
      <Heading level={2} data-size="sm" id="my-work-title">
        {tOverview.myWorkTitle(ministry)}
      </Heading>
      {own.length === 0 && <Paragraph>{tOverview.myWorkNone(ministry)}</Paragraph>}
      {own.length > 0 && missing.length === 0 && <Paragraph data-testid="my-work-done">{tOverview.myWorkDone(ministry, own.length)}</Paragraph>}
      {missing.length > 0 && (
        <>
          <Paragraph data-size="sm">{tOverview.myWorkIntro(ministry, own.length - missing.length, own.length)}</Paragraph>
          <ul className="my-work__list" aria-label={tOverview.myWorkListLabel(ministry)}>
            {missing.map((m) => (
              <li key={m.number} className="my-work__item" data-testid="my-work-measure" data-measure={m.number}>
                <Link href={paths.measure(roundId, m.number)} id={`my-work-${m.number}`} className="my-work__link">
                  {t.openMeasure(m.number, m.title)}
                </Link>
                <StatusTag status={m.status} />
              </li>
            ))}
          </ul>
          <Button variant="tertiary" data-size="sm" onClick={onShowInTable} data-testid="my-work-show">
            <ListFilter aria-hidden="true" size={16} /> {tOverview.showMineInTable}
          </Button>
        </>
      )}
    </section>
  );
}
