import { Heading, Paragraph } from '@digdir/designsystemet-react';
import type { ReportMeasure } from '../../../../shared/snapshotContent.js';
import { MinistryList } from '../../components/MinistryList.js';
import { PlanQuote } from '../../report/PlanQuote.js';
import { canRender, hasText, ProseMirrorView } from '../../report/ProseMirrorView.js';
import { tRounds } from '../../strings/rounds.js';

/** The id of a measure's section, which the summary table links to. */
export const sectionId = (number: number): string => `tiltak-${number}`;

/**
 * One measure as the report writes it: `N Title (MINISTRIES)`, the plan's own text as a block
 * quote (snapshots taken before it was recorded have none), `Status: X`, then the narrative.
 */
export function MeasureSection({ measure }: { measure: ReportMeasure }) {
  const headingId = `${sectionId(measure.number)}-tittel`;
  return (
    <section id={sectionId(measure.number)} aria-labelledby={headingId} className="report__measure" data-measure={measure.number}>
      <Heading level={2} data-size="sm" id={headingId}>
        {measure.number} {measure.title} (<MinistryList codes={measure.ministries} />)
      </Heading>
      {measure.planText !== undefined && measure.planText.trim() !== '' && <PlanQuote text={measure.planText} className="report__plan" />}
      <Paragraph className="report__status" data-testid="measure-status">
        {tRounds.statusLabel} <strong>{measure.status}</strong>
      </Paragraph>
      {measure.renderable === false || !canRender(measure.narrative) ? (
        <Paragraph className="report__empty" data-testid="narrative-not-renderable">
          {tRounds.notRenderable}
        </Paragraph>
      ) : hasText(measure.narrative) ? (
        <div className="report__narrative">
          <ProseMirrorView doc={measure.narrative} sectionLevel={2} />
        </div>
      ) : (
        <Paragraph className="report__empty">{tRounds.emptyNarrative}</Paragraph>
      )}
    </section>
  );
}
