import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import type { ComparedMeasure } from '../../../../shared/compare.js';
import type { MeasureComparison } from '../../../../shared/diff.js';
import { canShorten, WordDiff } from '../../report/WordDiff.js';
import { tRounds } from '../../strings/rounds.js';
import { ChangeAuthors } from './ChangeAuthors.js';

/** The status before and after, in words; the arrow is for the eye, "endret til" for the ear. */
function StatusChange({ status }: { status: MeasureComparison['status'] }) {
  const { before, after } = status;
  if (before === null) return <Paragraph className="change__status">{tRounds.measureAdded}</Paragraph>;
  if (after === null) return <Paragraph className="change__status">{tRounds.measureRemoved}</Paragraph>;
  return (
    <Paragraph className="change__status" data-testid="status-change" data-before={before} data-after={after} data-changed={String(before !== after)}>
      {tRounds.statusChange}{' '}
      {before === after ? (
        <>
          {after} <span className="change__same">({tRounds.statusUnchanged})</span>
        </>
      ) : (
        <>
          <span className="change__before">{before}</span>
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden"> {tRounds.statusChangedTo} </span>
          <strong className="change__after">{after}</strong>
        </>
      )}
    </Paragraph>
  );
}

/** One measure: its status change, who changed it when, and the word diffs of its plan text (when corrected) and narrative. */
export function MeasureChange({ measure, roundId, roundTitle }: { measure: ComparedMeasure; roundId: string; roundTitle: (id: string) => string | null }) {
  const [full, setFull] = useState(false);
  const headingId = useId();
  const textChanged = measure.narrative.some((part) => part.kind !== 'same');
  const statusChanged = measure.status.before !== measure.status.after;
  const planChanged = measure.planText.some((part) => part.kind !== 'same');
  return (
    <section aria-labelledby={headingId} className="change" data-testid="measure-change" data-measure={measure.number} data-changed={String(measure.changed)}>
      <Heading level={3} data-size="xs" id={headingId}>
        {measure.number} {measure.title}
        {!measure.changed && <span className="change__same"> ({tRounds.unchanged})</span>}
      </Heading>
      <StatusChange status={measure.status} />
      <ChangeAuthors marks={measure.versions} roundId={roundId} roundTitle={roundTitle} />
      {planChanged && (
        <div className="change__plan" data-testid="plan-text-change">
          <Paragraph className="change__status">{tRounds.planTextChanged}</Paragraph>
          <WordDiff parts={measure.planText} full />
        </div>
      )}
      {textChanged ? (
        <>
          <WordDiff parts={measure.narrative} full={full} />
          {canShorten(measure.narrative) && (
            <Button variant="tertiary" data-size="sm" aria-pressed={full} onClick={() => setFull((f) => !f)} data-testid="whole-text">
              {tRounds.showWholeText}
            </Button>
          )}
        </>
      ) : (
        measure.changed && !statusChanged && !planChanged && <Paragraph className="change__same">{tRounds.formattingOnly}</Paragraph>
      )}
      {!textChanged && (statusChanged || planChanged || !measure.changed) && <Paragraph className="change__same">{tRounds.textUnchanged}</Paragraph>}
    </section>
  );
}
