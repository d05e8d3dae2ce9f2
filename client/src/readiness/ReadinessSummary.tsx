import { Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { CircleCheck, ListFilter } from 'lucide-react';
import type { MeasureSummary } from '../../../shared/measureSummary.js';
import { MINISTRIES, type MinistryCode } from '../../../shared/ministries.js';
import { tReady } from '../strings.js';
import { progressByMinistry } from './readiness.js';

/**
 * Per ministry: how many of its measures it has marked ready, and which are still missing, with
 * a button that shows just those in the measure table. What is missing, at a glance.
 */
export function ReadinessSummary({
  measures,
  onShowMissing,
}: {
  measures: readonly MeasureSummary[];
  onShowMissing: (ministry: MinistryCode) => void;
}) {
  const progress = progressByMinistry(measures);
  return (
    <section aria-labelledby="readiness-summary-title" className="readiness-summary">
      <Heading level={2} data-size="xs" id="readiness-summary-title">
        {tReady.summaryTitle}
      </Heading>
      <Paragraph data-size="sm">{tReady.summaryIntro}</Paragraph>
      <Table data-testid="readiness-summary" data-size="sm" border className="readiness-summary__table" aria-labelledby="readiness-summary-title">
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{tReady.colMinistry}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{tReady.colReady}</Table.HeaderCell>
            <Table.HeaderCell scope="col">{tReady.colMissing}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {progress.map(({ ministry, total, ready, missing }) => (
            <Table.Row key={ministry} data-ministry={ministry} data-ready={ready} data-total={total}>
              <Table.HeaderCell scope="row">
                <abbr title={MINISTRIES[ministry]}>{ministry}</abbr>
              </Table.HeaderCell>
              <Table.Cell>
                <span className="readiness-summary__count" data-testid="ministry-ready-count">
                  {tReady.countReady(ministry, ready, total)}
                </span>
                <span className="readiness-summary__bar" aria-hidden="true">
                  <span style={{ width: `${(ready / total) * 100}%` }} />
                </span>
              </Table.Cell>
              <Table.Cell>
                {missing.length === 0 ? (
                  <span className="readiness__part readiness__part--ready">
                    <CircleCheck aria-hidden="true" size={16} /> {tReady.allReady}
                  </span>
                ) : (
                  <span className="readiness-summary__missing">
                    <span data-testid="ministry-missing">{tReady.missingNumbers(missing.map((m) => m.number))}</span>
                    <Button
                      variant="tertiary"
                      data-size="sm"
                      aria-label={tReady.showMissingLabel(ministry)}
                      onClick={() => onShowMissing(ministry)}
                      data-testid="show-missing"
                    >
                      <ListFilter aria-hidden="true" size={16} /> {tReady.showMissing}
                    </Button>
                  </span>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </section>
  );
}
