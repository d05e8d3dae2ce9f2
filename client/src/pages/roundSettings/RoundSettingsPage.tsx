import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useRef } from 'react';
import { actorOf, type SessionUser } from '../../../../shared/auth.js';
import { can } from '../../../../shared/permissions.js';
import { browserCopyOf } from '../../api.js';
import { NotFound } from '../../components/NotFound.js';
import { StaleNote } from '../../components/StaleNote.js';
import { TakeSnapshotForm } from '../../rounds/TakeSnapshotForm.js';
import { Link, paths } from '../../router.js';
import { t, tNav } from '../../strings.js';
import { tRounds } from '../../strings/rounds.js';
import { useLiveRound } from '../../useRound.js';
import { ReopenRound } from './ReopenRound.js';
import { RoundForm } from './RoundForm.js';
import { RoundStateLine } from './RoundStateLine.js';

/**
 * A round's settings, for the coordinator: move the deadline, retitle, rewrite the intro, reopen
 * a frozen round, take a snapshot. Others see the round's state and a note that these are the
 * coordinator's (the server refuses them anyway).
 */
export default function RoundSettingsPage({ roundId, user }: { roundId: string; user: SessionUser }) {
  const { round, error, notFound, beginRoundChange } = useLiveRound(roundId);
  const coordinator = can(actorOf(user), { kind: 'coordinate' });
  const stateRef = useRef<HTMLDivElement>(null);
  // The reopen button goes with the frozen state: focus the state it changed instead.
  const reopened = (): void => {
    requestAnimationFrame(() => stateRef.current?.focus());
  };
  if (notFound) return <NotFound missing={{ kind: 'round', roundId }} />;

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
          <StaleNote copy={browserCopyOf(round)} testId="round-stale" />
          {coordinator ? (
            <>
              {round.state === 'frozen' && <ReopenRound round={round} beginChange={beginRoundChange} onReopened={reopened} />}
              <RoundForm key={round.id} round={round} beginChange={beginRoundChange} />
              <TakeSnapshotForm roundId={roundId} />
            </>
          ) : (
            <Alert data-color="info" data-testid="coordinator-only">
              {tRounds.coordinatorOnly} <Link href={paths.snapshots(roundId)}>{tNav.navSnapshots}</Link>
            </Alert>
          )}
        </>
      )}
    </main>
  );
}
