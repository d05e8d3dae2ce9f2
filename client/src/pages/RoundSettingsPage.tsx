import { Alert, Button, Dialog, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { LockOpen, Save } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent, type Ref } from 'react';
import { actorOf, type SessionUser } from '../../../shared/auth.js';
import { can } from '../../../shared/permissions.js';
import { MAX_INTRO_CHARS, MAX_ROUND_TITLE_CHARS, type RoundDetail, type RoundPatch } from '../../../shared/round.js';
import { reopenRound, updateRound } from '../api.js';
import { formatDeadline } from '../format.js';
import { DeadlineFields } from '../rounds/DeadlineFields.js';
import { problemOf, type FormField, type FormProblem } from '../rounds/formProblems.js';
import { osloWallTime, wallTimeValue } from '../rounds/osloWallTime.js';
import { RoundStateTag } from '../rounds/RoundStateTag.js';
import { TakeSnapshotForm } from '../rounds/TakeSnapshotForm.js';
import { useLiveRound } from '../useRound.js';
import { Link, paths } from '../router.js';
import { t, tRounds } from '../strings.js';

/**
 * A round's settings, for the coordinator: move the deadline, retitle, rewrite the intro, reopen
 * a frozen round, take a snapshot. Others see the round's state and a note that these are the
 * coordinator's (the server refuses them anyway).
 */
export default function RoundSettingsPage({ roundId, user }: { roundId: string; user: SessionUser }) {
  const { round, error, beginRoundChange: beginChange } = useLiveRound(roundId);
  const coordinator = can(actorOf(user), { kind: 'coordinate' });
  const stateRef = useRef<HTMLDivElement>(null);
  // The reopen button goes with the frozen state: focus the state it changed instead.
  const reopened = (): void => {
    requestAnimationFrame(() => stateRef.current?.focus());
  };

  return (
    <main id="main" className="page">
      <Heading level={1} data-size="lg">
        {round ? tRounds.settingsOf(round.title) : tRounds.settingsTitle}
      </Heading>
      {error && <Paragraph role="alert">{t.loadFailed}</Paragraph>}
      {!round && !error && <Paragraph>{t.loading}</Paragraph>}
      {round && (
        <>
          <RoundStateLine round={round} stateRef={stateRef} />
          {coordinator ? (
            <>
              {round.state === 'frozen' && <ReopenRound round={round} beginChange={beginChange} onReopened={reopened} />}
              <RoundForm key={round.id} round={round} beginChange={beginChange} />
              <TakeSnapshotForm roundId={roundId} />
            </>
          ) : (
            <Alert data-color="info" data-testid="coordinator-only">
              {tRounds.coordinatorOnly} <Link href={paths.snapshots(roundId)}>{tRounds.navSnapshots}</Link>
            </Alert>
          )}
        </>
      )}
    </main>
  );
}

/** Open or frozen, the deadline, and what that means for the editors. */
function RoundStateLine({ round, stateRef }: { round: RoundDetail; stateRef: Ref<HTMLDivElement> }) {
  return (
    <div ref={stateRef} tabIndex={-1} aria-live="polite" className="round-status-line" data-testid="round-state-line" data-state={round.state}>
      <Paragraph>
        <RoundStateTag state={round.state} /> {t.deadline}: <time dateTime={round.deadline}>{formatDeadline(round.deadline)}</time>
        {round.state === 'frozen' && round.frozenAt && <> · {tRounds.frozenSince(formatDeadline(round.frozenAt))}</>}
      </Paragraph>
      <Paragraph>{round.state === 'open' ? tRounds.roundIsOpen : tRounds.roundIsFrozen}</Paragraph>
    </div>
  );
}

/** Title, deadline and intro; only what changed is sent. */
function RoundForm({ round, beginChange }: { round: RoundDetail; beginChange: () => (round: RoundDetail) => void }) {
  const initial = osloWallTime(round.deadline);
  const [title, setTitle] = useState(round.title);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [intro, setIntro] = useState(round.intro);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const headingId = useId();
  const refs = {
    title: useRef<HTMLInputElement | HTMLTextAreaElement>(null),
    deadline: useRef<HTMLInputElement>(null),
    intro: useRef<HTMLInputElement | HTMLTextAreaElement>(null),
  };
  const problemAt = (field: FormField): string | undefined => (problem?.field === field ? problem.text : undefined);

  const fail = (next: FormProblem): void => {
    setProblem(next);
    if (next.field === 'title' || next.field === 'deadline' || next.field === 'intro') refs[next.field].current?.focus();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setMessage(null);
    if (title.trim() === '') return fail({ field: 'title', text: tRounds.titleMissing });
    if (date === '' || time === '') return fail({ field: 'deadline', text: tRounds.deadlineMissing });
    const was = osloWallTime(round.deadline);
    const patch: RoundPatch = {};
    if (title.trim() !== round.title) patch.title = title.trim();
    if (date !== was.date || time.slice(0, 5) !== was.time) patch.deadline = wallTimeValue(date, time);
    if (intro !== round.intro) patch.intro = intro;
    if (Object.keys(patch).length === 0) {
      setProblem(null);
      setMessage(tRounds.nothingChanged);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const show = beginChange();
      show(await updateRound(round.id, patch));
      setMessage(tRounds.roundSaved);
    } catch (error) {
      fail(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="round-section">
      <Heading level={2} data-size="sm" id={headingId}>
        {tRounds.editRoundHeading}
      </Heading>
      <form className="round-form" data-testid="round-form" noValidate onSubmit={(event) => void submit(event)}>
        <Textfield
          ref={refs.title}
          label={tRounds.fieldTitle}
          name="title"
          value={title}
          maxLength={MAX_ROUND_TITLE_CHARS}
          onChange={(e) => setTitle(e.target.value)}
          error={problemAt('title')}
          required
        />
        <DeadlineFields date={date} time={time} onDate={setDate} onTime={setTime} error={problemAt('deadline') ?? null} dateRef={refs.deadline} />
        <Textfield
          ref={refs.intro}
          multiline
          rows={6}
          label={tRounds.fieldIntro}
          description={tRounds.fieldIntroHint}
          name="intro"
          value={intro}
          maxLength={MAX_INTRO_CHARS}
          onChange={(e) => setIntro(e.target.value)}
          error={problemAt('intro')}
        />
        {problem && problem.field === null && (
          <Alert data-color="danger" role="alert">
            {problem.text}
          </Alert>
        )}
        <Button type="submit" aria-disabled={busy || undefined} data-testid="save-round">
          <Save aria-hidden="true" size={18} />
          {busy ? tRounds.savingRound : tRounds.saveRound}
        </Button>
        <p aria-live="polite" className="round-form__result" data-testid="round-saved">
          {message}
        </p>
      </form>
    </section>
  );
}

/** "Gjenåpne runden", after a confirmation: editors may write a frozen round again. */
function ReopenRound({
  round,
  beginChange,
  onReopened,
}: {
  round: RoundDetail;
  beginChange: () => (round: RoundDetail) => void;
  onReopened: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const headingId = useId();
  const dialogTitleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => setProblem(null), [round.state]);
  // Focus starts on the harmless choice. (React's autoFocus would run before the dialog opens;
  // this effect runs after Designsystemet's, which opens it.)
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

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
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby={dialogTitleId} data-testid="reopen-confirm">
        <Dialog.Block>
          <Heading level={2} data-size="xs" id={dialogTitleId}>
            {tRounds.reopenConfirmTitle}
          </Heading>
          <Paragraph>{tRounds.reopenConfirmText}</Paragraph>
        </Dialog.Block>
        <Dialog.Block className="dialog-actions">
          <Button ref={cancelRef} variant="secondary" onClick={() => setConfirming(false)}>
            {t.cancel}
          </Button>
          <Button onClick={() => void reopen()} data-testid="reopen-confirmed">
            {tRounds.reopenConfirm}
          </Button>
        </Dialog.Block>
      </Dialog>
    </section>
  );
}
