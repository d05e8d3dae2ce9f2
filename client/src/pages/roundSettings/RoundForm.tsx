import { Alert, Button, Heading, Textfield } from '@digdir/designsystemet-react';
import { Save } from 'lucide-react';
import { useId, useRef } from 'react';
import { MAX_INTRO_CHARS, MAX_ROUND_TITLE_CHARS, type RoundDetail } from '../../../../shared/round.js';
import { DeadlineFields } from '../../rounds/DeadlineFields.js';
import { tRounds } from '../../strings/rounds.js';
import { useRoundForm } from './useRoundForm.js';

/** Title, deadline and intro; only what changed is sent. */
export function RoundForm({ round, beginChange }: { round: RoundDetail; beginChange: () => (round: RoundDetail) => void }) {
  const title = useRef<HTMLInputElement>(null);
  const deadline = useRef<HTMLInputElement>(null);
  const intro = useRef<HTMLTextAreaElement>(null);
  const form = useRoundForm(round, beginChange, { title, deadline, intro });
  const { values, change, problemAt } = form;
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="round-section">
      <Heading level={2} data-size="sm" id={headingId}>
        {tRounds.editRoundHeading}
      </Heading>
      <form className="round-form" data-testid="round-form" noValidate onSubmit={(event) => void form.submit(event)}>
        <Textfield
          ref={title}
          label={tRounds.fieldTitle}
          name="title"
          value={values.title}
          maxLength={MAX_ROUND_TITLE_CHARS}
          onChange={(e) => change({ title: e.target.value })}
          error={problemAt('title')}
          required
        />
        <DeadlineFields
          date={values.date}
          time={values.time}
          onDate={(date) => change({ date })}
          onTime={(time) => change({ time })}
          error={problemAt('deadline') ?? null}
          dateRef={deadline}
        />
        <Textfield
          ref={intro}
          multiline
          rows={6}
          label={tRounds.fieldIntro}
          description={tRounds.fieldIntroHint}
          name="intro"
          value={values.intro}
          maxLength={MAX_INTRO_CHARS}
          onChange={(e) => change({ intro: e.target.value })}
          error={problemAt('intro')}
        />
        {form.general !== null && (
          <Alert data-color="danger" role="alert">
            {form.general}
          </Alert>
        )}
        <Button type="submit" aria-disabled={form.busy || undefined} data-testid="save-round">
          <Save aria-hidden="true" size={18} />
          {form.busy ? tRounds.savingRound : tRounds.saveRound}
        </Button>
        <p aria-live="polite" className="round-form__result" data-testid="round-saved">
          {form.message}
        </p>
      </form>
    </section>
  );
}
