import { Field, Fieldset, Input, Label, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, type Ref } from 'react';
import { tRounds } from '../strings/rounds.js';

/**
 * A deadline as a date and a time on the wall in Oslo: two native inputs (the browser's own
 * date and time pickers, usable by keyboard and screen reader) in one fieldset; an error is said
 * once and marks both. (Designsystemet wires a fieldset's message to its fields only when a field
 * itself changes, so the two inputs point at it here.)
 */
export function DeadlineFields({
  date,
  time,
  onDate,
  onTime,
  error,
  dateRef,
}: {
  date: string;
  time: string;
  onDate: (value: string) => void;
  onTime: (value: string) => void;
  error: string | null;
  dateRef?: Ref<HTMLInputElement>;
}) {
  const errorId = useId();
  const invalid = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  return (
    <Fieldset className="deadline-fields" data-testid="deadline-fields">
      <Fieldset.Legend>{tRounds.deadlineLegend}</Fieldset.Legend>
      <Fieldset.Description>{tRounds.deadlineHint}</Fieldset.Description>
      <div className="deadline-fields__inputs">
        <Field>
          <Label>{tRounds.fieldDate}</Label>
          <Input ref={dateRef} type="date" name="deadline-date" value={date} onChange={(e) => onDate(e.target.value)} required {...invalid} />
        </Field>
        <Field>
          <Label>{tRounds.fieldTime}</Label>
          <Input type="time" name="deadline-time" value={time} onChange={(e) => onTime(e.target.value)} required {...invalid} />
        </Field>
      </div>
      {error && <ValidationMessage id={errorId} data-testid="deadline-error">{error}</ValidationMessage>}
    </Fieldset>
  );
}
