import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { actorOf, type SessionUser } from '../../../../shared/auth.js';
import { can } from '../../../../shared/permissions.js';
import { roundExportUrl } from '../../api/rounds.js';
import { NotFound } from '../../components/NotFound.js';
import { StaleNote } from '../../components/StaleNote.js';
import { formatDeadline } from '../../format.js';
import { ExportLinks } from '../../rounds/ExportLinks.js';
import { RoundStateTag } from '../../rounds/RoundStateTag.js';
import { TakeSnapshotForm } from '../../rounds/TakeSnapshotForm.js';
import { t } from '../../strings.js';
import { tRounds } from '../../strings/rounds.js';
import { SnapshotItem } from './SnapshotItem.js';
import { useSnapshots } from './useSnapshots.js';

/**
 * A round's snapshots, newest first, live. Each can be opened, exported and compared with now;
 * the live round exports as a draft. The coordinator can take one here too.
 */
export default function SnapshotsPage({ roundId, user }: { roundId: string; user: SessionUser }) {
  const { round, notFound, snapshots, loaded, copy, failed, listFailed, announcement, taken } = useSnapshots(roundId);
  const coordinator = can(actorOf(user), { kind: 'coordinate' });
  const listId = useId();
  const draftId = useId();
  if (notFound) return <NotFound missing={{ kind: 'round', roundId }} />;
  return (
    <main id="main" className="page">
      <Heading level={1} data-size="lg">
        {round ? tRounds.snapshotsOf(round.title) : tRounds.snapshotsTitle}
      </Heading>
      {round && (
        <Paragraph className="page__meta">
          <RoundStateTag state={round.state} /> {tRounds.deadline}: <time dateTime={round.deadline}>{formatDeadline(round.deadline)}</time>
        </Paragraph>
      )}
      <Paragraph>{tRounds.snapshotsIntro}</Paragraph>
      {failed && <Paragraph role="alert">{t.loadFailed}</Paragraph>}

      {coordinator && <TakeSnapshotForm roundId={roundId} onTaken={taken} />}

      <section aria-labelledby={draftId} className="round-section" data-testid="draft-export">
        <Heading level={2} data-size="sm" id={draftId}>
          {tRounds.draftHeading}
        </Heading>
        <Paragraph>{tRounds.draftText}</Paragraph>
        <ExportLinks urlOf={(format) => roundExportUrl(roundId, format)} label={tRounds.download} />
      </section>

      <section aria-labelledby={listId} className="round-section">
        <Heading level={2} data-size="sm" id={listId}>
          {tRounds.snapshotsTitle}
        </Heading>
        <StaleNote copy={copy} testId="snapshots-stale" />
        {!loaded && !listFailed && <Paragraph>{t.loading}</Paragraph>}
        {loaded && snapshots.length === 0 && <Paragraph data-testid="no-snapshots">{tRounds.noSnapshots}</Paragraph>}
        {snapshots.length > 0 && (
          <>
            <Paragraph className="page__meta">{tRounds.snapshotsCount(snapshots.length)}</Paragraph>
            <ol className="snapshots" data-testid="snapshot-list">
              {[...snapshots].reverse().map((snapshot) => (
                <SnapshotItem key={snapshot.id} snapshot={snapshot} roundId={roundId} />
              ))}
            </ol>
          </>
        )}
      </section>
      <p aria-live="polite" className="visually-hidden" data-testid="snapshot-announcement">
        {announcement}
      </p>
    </main>
  );
}
