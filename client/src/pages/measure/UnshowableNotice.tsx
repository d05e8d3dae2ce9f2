import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { MeasureDetail } from '../../../../shared/measure.js';
import { tMeasure } from '../../strings/measure.js';

/**
 * In the editor's place, for a narrative stored before the limits existed that the editor
 * cannot show (y-tiptap would recurse past the browser's stack): what it is, what still works,
 * and (for anyone but the coordinator) whom to ask.
 */
export function UnshowableNotice({ problem, coordinator }: { problem: NonNullable<MeasureDetail['narrativeProblem']>; coordinator: boolean }) {
  return (
    <Alert data-color="warning" data-testid="narrative-unshowable" data-problem={problem}>
      <Heading level={3} data-size="2xs">
        {tMeasure.unshowableTitle}
      </Heading>
      <Paragraph>{tMeasure.unshowable(problem, coordinator)}</Paragraph>
    </Alert>
  );
}
