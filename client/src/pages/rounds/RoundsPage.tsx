import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { actorOf, type SessionUser } from '../../../../shared/auth.js';
import { can } from '../../../../shared/permissions.js';
import type { Round } from '../../../../shared/round.js';
import { browserCopyOf, fetchRounds } from '../../api.js';
import { StaleNote } from '../../components/StaleNote.js';
import { openRoundsOf } from '../../rounds/openRounds.js';
import { t } from '../../strings.js';
import { tRounds } from '../../strings/rounds.js';
import { useFreshAgain } from '../../useFreshAgain.js';
import { useResource } from '../../useResource.js';
import { NewRoundForm } from './NewRoundForm.js';
import { RoundsTable } from './RoundsTable.js';

/** The round new content would be carried over from: the newest, which no later round continues. */
function latestRound(rounds: readonly Round[]): Round | null {
  const continued = new Set(rounds.map((r) => r.previousRoundId));
  return rounds.find((r) => !continued.has(r.id)) ?? rounds[0] ?? null;
}

/**
 * Every reporting round: title, deadline (Oslo time), open or frozen, and the round it carried
 * over from. The coordinator starts a new round here. A list from this browser's copy (an
 * offline reload) says so, and is read again once the connection is back.
 */
export default function RoundsPage({ user }: { user: SessionUser }) {
  const { data: rounds, error, refetch } = useResource('rounds', fetchRounds);
  const copy = browserCopyOf(rounds);
  useFreshAgain(copy, refetch);
  const coordinator = can(actorOf(user), { kind: 'coordinate' });
  return (
    <main id="main" className="page">
      <Heading level={1} data-size="lg">
        {tRounds.roundsTitle}
      </Heading>
      <Paragraph className="page__meta">{tRounds.roundsIntro}</Paragraph>
      {error !== null && <Paragraph role="alert">{t.loadFailed}</Paragraph>}
      {!rounds && error === null && <Paragraph>{t.loading}</Paragraph>}
      <StaleNote copy={copy} testId="rounds-stale" />
      {rounds && <RoundsTable rounds={rounds} coordinator={coordinator} />}
      {coordinator && rounds && <NewRoundForm carriedFrom={latestRound(rounds)} open={openRoundsOf(rounds)} />}
    </main>
  );
}
