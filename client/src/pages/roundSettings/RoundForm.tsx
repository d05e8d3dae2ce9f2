import { Alert, Button, Heading } from '@digdir/designsystemet-react';
import { Save } from 'lucide-react';
import { useId, useRef } from 'react';
import type { RoundDetail } from '../../../../shared/round.js';
import { RoundFields } from '../../rounds/RoundFields.js';
import { tRounds } from '../../strings/rounds.js';
import { useRoundForm } from './useRoundForm.js';

/** Title, deadline and intro; only what changed is sent. */
export function RoundForm({ round, beginChange }: { round: RoundDetail; beginChange: () => (round: RoundDetail) => void }) {
  const title = useRef<HTMLInputElement>(null);
  const deadline = useRef<HTMLInputElement>(null);
  const intro = useRef<HTMLTextAreaElement>(null);
  const form = useRoundForm(round, beginChange, { title, deadline, intro });
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="round-section">
      <Heading level={2} data-size="sm" id={headingId}>
        {tRounds.editRoundHeading}
      </Heading>
      <form className="round-form" data-testid="round-form" noValidate onSubmit={(event) => void form.submit(event)}>
        <RoundFields form={form} titleRef={title} deadlineRef={deadline} introRef={intro} introRows={6} />
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
