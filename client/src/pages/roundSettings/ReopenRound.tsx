import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { LockOpen } from 'lucide-react';
import { useId, useState } from 'react';
import type { RoundDetail } from '../../../../shared/round.js';
import { reopenRound } from '../../api/rounds.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { problemOf } from '../../rounds/formProblems.js';
import { tRounds } from '../../strings/rounds.js';

/**
 * "Gjenåpne runden", after a confirmation: editors may write a frozen round again. Shown only
 * while the round is frozen, so a problem goes with the state it was about.
 */
export function ReopenRound({ round, beginChange, onReopened }: { round: RoundDetail; beginChange: () => (round: RoundDetail) => void; onReopened: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const headingId = useId();

  const reopen = async (): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    setProblem(null);
    try {
      const show = beginChange();
      show(await reopenRound(round.id));
      onReopened();
    } catch (error) {
      setProblem(problemOf(error).text);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="round-section" data-testid="reopen-round">
      <Heading level={2} data-size="sm" id={headingId}>
        {tRounds.reopenHeading}
      </Heading>
      <Paragraph>{tRounds.reopenText}</Paragraph>
      <Button variant="secondary" onClick={() => !busy && setConfirming(true)} aria-disabled={busy || undefined} data-testid="reopen">
        <LockOpen aria-hidden="true" size={18} />
        {busy ? tRounds.reopening : tRounds.reopenButton}
      </Button>
      {problem && (
        <Alert data-color="danger" role="alert">
          {problem}
        </Alert>
      )}
      <ConfirmDialog
        open={confirming}
        title={tRounds.reopenConfirmTitle}
        text={tRounds.reopenConfirmText}
        confirmLabel={tRounds.reopenConfirm}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void reopen()}
        testId="reopen-confirm"
        confirmTestId="reopen-confirmed"
      />
    </section>
  );
}
