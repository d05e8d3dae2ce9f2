import { Heading } from '@digdir/designsystemet-react';
import { useId } from 'react';
import type { ReportMeasure } from '../../../../shared/snapshotContent.js';
import { MinistryList } from '../../components/MinistryList.js';
import { tRounds } from '../../strings/rounds.js';
import { sectionId } from './MeasureSection.js';

/** The summary table: number, title (linking to its section), responsible ministries, status. */
export function SummaryTable({ measures }: { measures: readonly ReportMeasure[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="report__summary">
      <Heading level={2} data-size="md" id={headingId}>
        {tRounds.summaryHeading}
      </Heading>
      <table className="report__table" data-testid="snapshot-summary">
        <caption>{tRounds.summaryCaption}</caption>
        <thead>
          <tr>
            <th scope="col" className="report__number">
              {tRounds.colNumber}
            </th>
            <th scope="col">{tRounds.colMeasure}</th>
            <th scope="col">{tRounds.colMinistries}</th>
            <th scope="col">{tRounds.colStatus}</th>
          </tr>
        </thead>
        <tbody>
          {measures.map((m) => (
            <tr key={m.number} data-measure={m.number}>
              <td className="report__number">{m.number}</td>
              <th scope="row">
                <a href={`#${sectionId(m.number)}`}>{m.title}</a>
              </th>
              <td>
                <MinistryList codes={m.ministries} />
              </td>
              <td>{m.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

