import { Alert, Button, Textfield } from '@digdir/designsystemet-react';
import { Save } from 'lucide-react';
import { useRef } from 'react';
import { MAX_PLAN_TEXT_CHARS, MAX_TITLE_CHARS } from '../../../../shared/limits.js';
import type { MeasureSummary } from '../../../../shared/measureSummary.js';
import { t } from '../../strings.js';
import { tPlanFields } from '../../strings/planFields.js';
import { usePlanFieldsForm, type PlanValues } from './usePlanFieldsForm.js';

/**
 * The coordinator's form for the title and the plan text, with Save and Cancel: loads when
 * *Endre tittel og tekst* is first chosen (PlanText), opened from the values as they are then.
 */
export default function PlanFieldsEditor({
  roundId,
  number,
  current,
  onSaved,
  onMessage,
  onClose,
}: {
  roundId: string;
  number: number;
  current: PlanValues;
  onSaved: (measure: MeasureSummary, planText?: string) => void;
  onMessage: (message: string | null) => void;
  onClose: () => void;
}) {
  const titleRef = useRef<HTMLInputElement>(null);
  const planTextRef = useRef<HTMLTextAreaElement>(null);
  const form = usePlanFieldsForm(roundId, number, current, onSaved, { title: titleRef, planText: planTextRef }, { onMessage, onClose });
  const { values, change, problemAt } = form;
  return (
    <form className="plan-form" data-testid="plan-form" noValidate onSubmit={(event) => void form.submit(event)}>
      <Textfield
        ref={titleRef}
        label={tPlanFields.fieldMeasureTitle}
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
        label={tPlanFields.fieldPlanText}
        description={tPlanFields.fieldPlanTextHint}
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
          {form.busy ? tPlanFields.savingPlanFields : tPlanFields.savePlanFields}
        </Button>
        <Button type="button" variant="tertiary" onClick={form.cancel}>
          {t.cancel}
        </Button>
      </div>
    </form>
  );
}
