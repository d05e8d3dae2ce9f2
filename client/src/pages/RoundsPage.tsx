import { Alert, Button, Heading, Paragraph, Table, Textfield } from '@digdir/designsystemet-react';
import { Plus } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { actorOf, type SessionUser } from '../../../shared/auth.js';
import { can } from '../../../shared/permissions.js';
import { MAX_INTRO_CHARS, MAX_ROUND_TITLE_CHARS, type Round } from '../../../shared/round.js';
import { createRound, fetchRounds } from '../api.js';
import { reportEvents } from '../connection.js';
import { formatDeadline } from '../format.js';
import { DeadlineFields } from '../rounds/DeadlineFields.js';
import { problemOf, type FormField, type FormProblem } from '../rounds/formProblems.js';
import { wallTimeValue } from '../rounds/osloWallTime.js';
import { RoundStateTag } from '../rounds/RoundStateTag.js';
import { Link, navigate, paths } from '../router.js';
import { t, tRounds } from '../strings.js';

/** The round new content would be carried over from: the newest, which no later round continues. */
function latestRound(rounds: readonly Round[]): Round | null {
  const continued = new Set(rounds.map((r) => r.previousRoundId));
  return rounds.find((r) => !continued.has(r.id)) ?? rounds[0] ?? null;
}

/**
 * Every reporting round: title, deadline (Oslo time), open or frozen, and the round it carried
 * over from. The coordinator starts a new round here.
 */
export default function RoundsPage({ user }: { user: SessionUser }) {
  const [rounds, setRounds] = useState<Round[] | null>(null);
  const [failed, setFailed] = useState(false);
  const coordinator = can(actorOf(user), { kind: 'coordinate' });

  // Nothing live on this page: the header should not wait for a stream that never opens.
  useEffect(() => reportEvents(null), []);

  useEffect(() => {
    let cancelled = false;
    fetchRounds().then(
      (list) => !cancelled && setRounds(list),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  const titleOf = (id: string): string => rounds?.find((r) => r.id === id)?.title ?? id;

  return (
    <main id="main" className="page">
      <Heading level={1} data-size="lg">
        {tRounds.roundsTitle}
      </Heading>
      <Paragraph className="page__meta">{tRounds.roundsIntro}</Paragraph>
      {failed && <Paragraph role="alert">{t.loadFailed}</Paragraph>}
      {!rounds && !failed && <Paragraph>{t.loading}</Paragraph>}
      {rounds && (
        <Table data-testid="rounds-table" zebra border className="rounds">
          <caption>{tRounds.roundsCaption(rounds.length)}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{tRounds.colRound}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{tRounds.colDeadline}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{tRounds.colState}</Table.HeaderCell>
              <Table.HeaderCell scope="col">{tRounds.colPrevious}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rounds.map((round) => (
              <Table.Row key={round.id} data-round={round.id}>
                <Table.Cell>
                  <Link href={paths.overview(round.id)} className="rounds__title">
                    {round.title}
                  </Link>
                  <ul className="rounds__links" aria-label={tRounds.roundLinks(round.title)}>
                    <li>
                      <Link href={paths.snapshots(round.id)}>{tRounds.navSnapshots}</Link>
                    </li>
                    <li>
                      <Link href={paths.changes(round.id)}>{tRounds.navChanges}</Link>
                    </li>
                    {coordinator && (
                      <li>
                        <Link href={paths.roundSettings(round.id)}>{tRounds.navSettings}</Link>
                      </li>
                    )}
                  </ul>
                </Table.Cell>
                <Table.Cell>
                  <time dateTime={round.deadline}>{formatDeadline(round.deadline)}</time>
                </Table.Cell>
                <Table.Cell>
                  <RoundStateTag state={round.state} />
                </Table.Cell>
                <Table.Cell>
                  {round.previousRoundId ? (
                    <Link href={paths.overview(round.previousRoundId)}>{titleOf(round.previousRoundId)}</Link>
                  ) : (
                    tRounds.noPrevious
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {coordinator && rounds && <NewRoundForm carriedFrom={latestRound(rounds)} />}
    </main>
  );
}

/** What is wrong before asking the server: nothing typed where something must be. */
function missing(title: string, date: string, time: string): FormProblem[] {
  return [
    ...(title.trim() === '' ? [{ field: 'title' as const, text: tRounds.titleMissing }] : []),
    ...(date === '' || time === '' ? [{ field: 'deadline' as const, text: tRounds.deadlineMissing }] : []),
  ];
}

/**
 * The coordinator's "Ny runde": title, optional id, deadline as a date and time in Oslo, intro.
 * The server carries the latest round's content over; a refusal is shown at the field it names.
 */
function NewRoundForm({ carriedFrom }: { carriedFrom: Round | null }) {
  const [title, setTitle] = useState('');
  const [id, setId] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('12:00');
  const [intro, setIntro] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const refs = {
    id: useRef<HTMLInputElement | HTMLTextAreaElement>(null),
    title: useRef<HTMLInputElement | HTMLTextAreaElement>(null),
    deadline: useRef<HTMLInputElement>(null),
    intro: useRef<HTMLInputElement | HTMLTextAreaElement>(null),
  };
  const problemAt = (field: FormField): string | undefined => problems.find((p) => p.field === field)?.text;

  const show = (next: FormProblem[]): void => {
    setProblems(next);
    const first = (['title', 'id', 'deadline', 'intro'] as const).find((field) => next.some((p) => p.field === field));
    if (first) refs[first].current?.focus();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const before = missing(title, date, time);
    if (before.length > 0) {
      show(before);
      return;
    }
    setBusy(true);
    setProblems([]);
    try {
      const created = await createRound({
        title: title.trim(),
        deadline: wallTimeValue(date, time),
        intro,
        ...(id.trim() === '' ? {} : { id: id.trim() }),
      });
      navigate(paths.overview(created.id));
    } catch (error) {
      show([problemOf(error)]);
      setBusy(false);
    }
  };

  const general = problems.filter((p) => p.field === null);
  return (
    <section aria-labelledby={headingId} className="round-section" data-testid="new-round">
      <Heading level={2} data-size="md" id={headingId}>
        {tRounds.newRoundTitle}
      </Heading>
      <Paragraph>{carriedFrom ? tRounds.newRoundCarryOver(carriedFrom.title) : tRounds.newRoundNoPrevious}</Paragraph>
      <form className="round-form" data-testid="new-round-form" noValidate onSubmit={(event) => void submit(event)}>
        <Textfield
          ref={refs.title}
          label={tRounds.fieldTitle}
          description={tRounds.fieldTitleHint}
          name="title"
          value={title}
          maxLength={MAX_ROUND_TITLE_CHARS}
          onChange={(e) => setTitle(e.target.value)}
          error={problemAt('title')}
          required
        />
        <Textfield
          ref={refs.id}
          label={tRounds.fieldId}
          description={tRounds.fieldIdHint}
          name="id"
          value={id}
          onChange={(e) => setId(e.target.value)}
          error={problemAt('id')}
          autoCapitalize="none"
          spellCheck={false}
        />
        <DeadlineFields
          date={date}
          time={time}
          onDate={setDate}
          onTime={setTime}
          error={problemAt('deadline') ?? null}
          dateRef={refs.deadline}
        />
        <Textfield
          ref={refs.intro}
          multiline
          rows={5}
          label={tRounds.fieldIntro}
          description={tRounds.fieldIntroHint}
          name="intro"
          value={intro}
          maxLength={MAX_INTRO_CHARS}
          onChange={(e) => setIntro(e.target.value)}
          error={problemAt('intro')}
        />
        {general.map((p) => (
          <Alert key={p.text} data-color="danger" role="alert" data-testid="new-round-error">
            {p.text}
          </Alert>
        ))}
        <Button type="submit" aria-disabled={busy || undefined} data-testid="create-round">
          <Plus aria-hidden="true" size={18} />
          {busy ? tRounds.creatingRound : tRounds.createRound}
        </Button>
      </form>
    </section>
  );
}
