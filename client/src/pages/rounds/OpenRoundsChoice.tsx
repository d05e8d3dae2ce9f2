import { Fieldset, Radio, ValidationMessage } from '@digdir/designsystemet-react';
import { useId, type Ref } from 'react';
import type { Round } from '../../../../shared/round.js';
import { formatDeadline } from '../../format.js';
import { tNewRound } from '../../strings/rounds.js';

export type OpenRoundsChoiceValue = '' | 'freeze' | 'keep';

/**
 * Starting a round while others are open: freeze them now (each with a snapshot, as at a
 * deadline), or keep them open until their own deadline. Nothing is chosen beforehand: either
 * way people lose or keep a place to write, so the coordinator says which.
 */
export function OpenRoundsChoice({
  open,
  value,
  onChange,
  error,
  firstRef,
}: {
  open: readonly Round[];
  value: OpenRoundsChoiceValue;
  onChange: (value: OpenRoundsChoiceValue) => void;
  error: string | undefined;
  firstRef?: Ref<HTMLInputElement>;
}) {
  const errorId = useId();
  // Designsystemet wires a fieldset's message to its fields only when a field changes: said here.
  const invalid = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  const n = open.length;
  return (
    <Fieldset data-testid="open-rounds-choice">
      <Fieldset.Legend>{tNewRound.openRoundsLegend(n)}</Fieldset.Legend>
      <Fieldset.Description>
        {tNewRound.openRoundsNow(open.map((round) => ({ title: round.title, deadline: formatDeadline(round.deadline) })))}{' '}
        {tNewRound.choiceHint(n)}
      </Fieldset.Description>
      <Radio
        ref={firstRef}
        name="openRounds"
        value="freeze"
        label={tNewRound.freeze(n)}
        checked={value === 'freeze'}
        onChange={() => onChange('freeze')}
        {...invalid}
      />
      <Radio
        name="openRounds"
        value="keep"
        label={tNewRound.keep(n)}
        checked={value === 'keep'}
        onChange={() => onChange('keep')}
        {...invalid}
      />
      {error && (
        <ValidationMessage id={errorId} data-testid="open-rounds-error">
          {error}
        </ValidationMessage>
      )}
    </Fieldset>
  );
}
