import { Alert, Details, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { MeasureDetail } from '../../../../shared/measure.js';
import { importWarningText, t } from '../../strings.js';

/** The plan's own text about the measure, folded away, and what the importer noted about it. */
export function MeasureNotes({ detail }: { detail: MeasureDetail }) {
  return (
    <>
      {detail.planText !== '' && (
        <Details>
          <Details.Summary>{t.planText}</Details.Summary>
          <Details.Content>
            <Paragraph className="measure__plan">{detail.planText}</Paragraph>
          </Details.Content>
        </Details>
      )}
      {detail.importWarnings.length > 0 && (
        <Alert data-color="warning" className="measure__warnings">
          <Heading level={2} data-size="2xs">
            {t.importNotes}
          </Heading>
          <ul>
            {detail.importWarnings.map((w, i) => (
              <li key={i}>{importWarningText(w)}</li>
            ))}
          </ul>
        </Alert>
      )}
    </>
  );
}
