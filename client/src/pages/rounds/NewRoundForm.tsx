import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { Plus } from 'lucide-react';
import { useId, useRef } from 'react';
import type { Round } from '../../../../shared/round.js';
import { RoundFields } from '../../rounds/RoundFields.js';
import { tRounds } from '../../strings/rounds.js';
import { OpenRoundsChoice } from './OpenRoundsChoice.js';
import { useNewRoundForm } from './useNewRoundForm.js';

/**
 * The coordinator's "Ny runde": title, optional id, deadline as a date and time in Oslo, intro,
 * and, while other rounds are open, whether to freeze them now or keep them open.
 */
export function NewRoundForm({ carriedFrom, open }: { carriedFrom: Round | null; open: readonly Round[] }) {
  const title = useRef<HTMLInputElement>(null);
  const id = useRef<HTMLInputElement>(null);
  const deadline = useRef<HTMLInputElement>(null);
  const intro = useRef<HTMLTextAreaElement>(null);
  const openRounds = useRef<HTMLInputElement>(null);
  const form = useNewRoundForm({ title, id, deadline, intro, openRounds }, open);
  const { values, change, problemAt } = form;
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="round-section" data-testid="new-round">
      <Heading level={2} data-size="md" id={headingId}>
        {tRounds.newRoundTitle}
      </Heading>
      <Paragraph>{carriedFrom ? tRounds.newRoundCarryOver(carriedFrom.title) : tRounds.newRoundNoPrevious}</Paragraph>
      <form className="round-form" data-testid="new-round-form" noValidate onSubmit={(event) => void form.submit(event)}>
        <RoundFields
          form={form}
          titleRef={title}
          deadlineRef={deadline}
          introRef={intro}
          titleHint={tRounds.fieldTitleHint}
          introRows={5}
          afterTitle={
            <Textfield
              ref={id}
              label={tRounds.fieldId}
              description={tRounds.fieldIdHint}
              name="id"
              value={values.id}
              onChange={(e) => change({ id: e.target.value })}
              error={problemAt('id')}
              autoCapitalize="none"
              spellCheck={false}
            />
          }
        />
        {open.length > 0 && (
          <OpenRoundsChoice
            open={open}
            value={values.openRounds}
            onChange={(openRounds) => change({ openRounds })}
            error={problemAt('openRounds')}
            firstRef={openRounds}
          />
        )}
        {form.general.map((p) => (
          <Alert key={p.text} data-color="danger" role="alert" data-testid="new-round-error">
            {p.text}
          </Alert>
        ))}
        <Button type="submit" aria-disabled={form.busy || undefined} data-testid="create-round">
          <Plus aria-hidden="true" size={18} />
          {form.busy ? tRounds.creatingRound : tRounds.createRound}
        </Button>
      </form>
    </section>
  );
}
