import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { Camera } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { SnapshotSummary } from '../../../shared/snapshot.js';
import { takeSnapshot } from '../api/rounds.js';
import { formatDeadline } from '../format.js';
import { Link, paths } from '../router.js';
import { tRounds } from '../strings/rounds.js';
import { problemOf, type FormProblem } from './formProblems.js';

/** The coordinator's "take a snapshot now", with an optional note; says when it was taken and links to it. */
export function TakeSnapshotForm({ roundId, onTaken }: { roundId: string; onTaken?: (snapshot: SnapshotSummary) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [taken, setTaken] = useState<SnapshotSummary | null>(null);
  const noteRef = useRef<HTMLInputElement | HTMLTextAreaElement>(null);
  const titleId = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setTaken(null);
    try {
      const snapshot = await takeSnapshot(roundId, note);
      setTaken(snapshot);
      setNote('');
      onTaken?.(snapshot);
    } catch (error) {
      const next = problemOf(error);
      setProblem(next);
      if (next.field === 'note') noteRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={titleId} className="round-section">
      <Heading level={2} data-size="sm" id={titleId}>
        {tRounds.takeSnapshotHeading}
      </Heading>
      <Paragraph>{tRounds.takeSnapshotText}</Paragraph>
      <form className="round-form" data-testid="take-snapshot-form" noValidate onSubmit={(event) => void submit(event)}>
        <Textfield
          ref={noteRef}
          label={tRounds.snapshotNote}
          description={tRounds.snapshotNoteHint}
          name="note"
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          error={problem?.field === 'note' ? problem.text : undefined}
        />
        <Button type="submit" aria-disabled={busy || undefined} data-testid="take-snapshot">
          <Camera aria-hidden="true" size={18} />
          {busy ? tRounds.takingSnapshot : tRounds.takeSnapshot}
        </Button>
      </form>
      <div aria-live="polite" className="round-form__result">
        {taken && (
          <Paragraph data-testid="snapshot-taken" data-snapshot-id={taken.id}>
            {tRounds.snapshotTakenAt(formatDeadline(taken.takenAt))}{' '}
            <Link href={paths.snapshot(taken.id)}>{tRounds.openTakenSnapshot}</Link>
          </Paragraph>
        )}
      </div>
      {problem && problem.field === null && (
        <Alert data-color="danger" role="alert">
          {problem.text}
        </Alert>
      )}
    </section>
  );
}
