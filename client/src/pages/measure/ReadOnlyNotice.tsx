import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { tMeasure } from '../../strings/measure.js';

/**
 * Why this person may only read the measure, in a live region that is there from the start, so
 * that a page turning read-only (the round froze, the rights changed) is announced.
 */
export function ReadOnlyNotice({ readOnly }: { readOnly: { reason: string; frozen: boolean } | null }) {
  return (
    <div aria-live="polite">
      {readOnly && (
        <Alert data-color="info" data-testid="read-only-notice" data-reason={readOnly.frozen ? 'frozen' : 'rights'} className="measure__read-only">
          <Heading level={2} data-size="2xs">
            {tMeasure.readOnlyTitle}
          </Heading>
          <Paragraph>{readOnly.reason}</Paragraph>
        </Alert>
      )}
    </div>
  );
}
