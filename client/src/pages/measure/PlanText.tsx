import { Button, Details, Paragraph } from '@digdir/designsystemet-react';
import { Pencil } from 'lucide-react';
import { lazy, useEffect, useRef, useState } from 'react';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import { LazyPart } from '../../components/LazyPart.js';
import { PlanQuote } from '../../report/PlanQuote.js';
import { tMeasure } from '../../strings/measure.js';

// The coordinator's form for the title and plan text loads when first opened.
const PlanFieldsEditor = lazy(() => import('./PlanFieldsEditor.js'));

/** What the plan text section needs from the measure page. */
export interface PlanTextModel {
  roundId: string;
  number: number;
  /** As they are now, live (undefined until known). */
  title: string | undefined;
  planText: string | undefined;
  /** The coordinator, who may change the title and plan text (they quote the plan). */
  coordinator: boolean;
  onSaved: (measure: MeasureSummary, planText?: string) => void;
}

/**
 * The plan's own text about the measure, folded away so the narrative starts high on the page,
 * live as the coordinator changes it; the coordinator changes the title and plan text here.
 */
export function PlanText({ model }: { model: PlanTextModel }) {
  const { roundId, number, title, planText, coordinator, onSaved } = model;
  const editButton = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  /** What the form did last (saved, nothing to save), said under it. */
  const [message, setMessage] = useState<string | null>(null);
  // Closing the form (saved or cancelled) gives focus back to the button that opened it.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const open = (): void => {
    setMessage(null);
    setEditing(true);
  };

  if (planText === undefined || (planText === '' && !coordinator)) return null;
  return (
    <Details className="measure__plan" data-testid="plan-text-details">
      <Details.Summary>{tMeasure.planText}</Details.Summary>
      <Details.Content>
        {editing ? (
          <LazyPart>
            <PlanFieldsEditor
              roundId={roundId}
              number={number}
              current={{ title: title ?? '', planText: planText ?? '' }}
              onSaved={onSaved}
              onMessage={setMessage}
              onClose={() => setEditing(false)}
            />
          </LazyPart>
        ) : (
          <>
            {planText === '' ? <Paragraph>{tMeasure.planTextEmpty}</Paragraph> : <PlanQuote text={planText} />}
            {coordinator && (
              <Button ref={editButton} variant="secondary" data-size="sm" data-testid="edit-plan-fields" onClick={open} disabled={title === undefined}>
                <Pencil aria-hidden="true" size={16} />
                {tMeasure.editPlanFields}
              </Button>
            )}
          </>
        )}
        <p aria-live="polite" className="measure__save" data-testid="plan-fields-message">
          {message}
        </p>
      </Details.Content>
    </Details>
  );
}
