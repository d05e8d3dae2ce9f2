import { Alert, Button, Details, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { Pencil, Save } from 'lucide-react';
import { useEffect, useRef, type RefObject } from 'react';
import { MAX_PLAN_TEXT_CHARS, MAX_TITLE_CHARS } from '../../../../shared/limits.js';
import type { MeasureSummary } from '../../../../shared/measure.js';
import { PlanQuote } from '../../report/PlanQuote.js';
import { t } from '../../strings.js';
import { tMeasure } from '../../strings/measure.js';
import { usePlanFieldsForm, type PlanFieldsForm } from './usePlanFieldsForm.js';

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

/** The title and the plan text as fields, with Save and Cancel. */
function PlanFieldsEditor({
  form,
  titleRef,
  planTextRef,
}: {
  form: PlanFieldsForm;
  titleRef: RefObject<HTMLInputElement | null>;
  planTextRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { values, change, problemAt } = form;
  return (
    <form className="plan-form" data-testid="plan-form" noValidate onSubmit={(event) => void form.submit(event)}>
      <Textfield
        ref={titleRef}
        label={tMeasure.fieldMeasureTitle}
        name="title"
        value={values.title}
        maxLength={MAX_TITLE_CHARS}
        onChange={(e) => change({ title: e.target.value })}
        error={problemAt('title')}
        required
        autoFocus
      />
      <Textfield
        ref={planTextRef}
        multiline
        rows={8}
        label={tMeasure.fieldPlanText}
        description={tMeasure.fieldPlanTextHint}
        name="planText"
        value={values.planText}
        maxLength={MAX_PLAN_TEXT_CHARS}
        onChange={(e) => change({ planText: e.target.value })}
        error={problemAt('planText')}
      />
      {form.general !== null && (
        <Alert data-color="danger" role="alert">
          {form.general}
        </Alert>
      )}
      <div className="plan-form__actions">
        <Button type="submit" aria-disabled={form.busy || undefined} data-testid="save-plan-fields">
          <Save aria-hidden="true" size={18} />
          {form.busy ? tMeasure.savingPlanFields : tMeasure.savePlanFields}
        </Button>
        <Button type="button" variant="tertiary" onClick={form.cancel}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}

/**
 * The plan's own text about the measure, folded away so the narrative starts high on the page,
 * live as the coordinator changes it; the coordinator changes the title and plan text here.
 */
export function PlanText({ model }: { model: PlanTextModel }) {
  const { roundId, number, title, planText, coordinator, onSaved } = model;
  const titleRef = useRef<HTMLInputElement>(null);
  const planTextRef = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const form = usePlanFieldsForm(roundId, number, { title: title ?? '', planText: planText ?? '' }, onSaved, { title: titleRef, planText: planTextRef });
  // Closing the form (saved or cancelled) gives focus back to the button that opened it.
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !form.editing) editButton.current?.focus();
    wasEditing.current = form.editing;
  }, [form.editing]);

  if (planText === undefined || (planText === '' && !coordinator)) return null;
  return (
    <Details className="measure__plan" data-testid="plan-text-details">
      <Details.Summary>{tMeasure.planText}</Details.Summary>
      <Details.Content>
        {form.editing ? (
          <PlanFieldsEditor form={form} titleRef={titleRef} planTextRef={planTextRef} />
        ) : (
          <>
            {planText === '' ? <Paragraph>{tMeasure.planTextEmpty}</Paragraph> : <PlanQuote text={planText} />}
            {coordinator && (
              <Button ref={editButton} variant="secondary" data-size="sm" data-testid="edit-plan-fields" onClick={form.open} disabled={title === undefined}>
                <Pencil aria-hidden="true" size={16} />
                {tMeasure.editPlanFields}
              </Button>
            )}
          </>
        )}
        <p aria-live="polite" className="measure__save" data-testid="plan-fields-message">
          {form.message}
        </p>
      </Details.Content>
    </Details>
  );
}
