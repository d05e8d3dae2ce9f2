import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { GitCompare, Eye } from 'lucide-react';
import { useCallback, useEffect, useId, useState } from 'react';
import type { RoundEvent } from '../../../shared/api.js';
import { actorOf, type SessionUser } from '../../../shared/auth.js';
import { can } from '../../../shared/permissions.js';
import type { SnapshotSummary } from '../../../shared/snapshot.js';
import { fetchSnapshots, roundExportUrl, snapshotExportUrl } from '../api.js';
import { formatDeadline } from '../format.js';
import { ExportLinks } from '../rounds/ExportLinks.js';
import { RoundStateTag } from '../rounds/RoundStateTag.js';
import { mergeSnapshots, reasonText, SHORT_SHA_LENGTH } from '../rounds/snapshotWords.js';
import { TakeSnapshotForm } from '../rounds/TakeSnapshotForm.js';
import { useLiveRound } from '../useRound.js';
import { Link, paths } from '../router.js';
import { t, tRounds } from '../strings.js';

/**
 * A round's snapshots, newest first, live: one taken anywhere (by the coordinator, or by the
 * server at the deadline) shows at once. Each can be opened, exported and compared with now; the
 * live round exports as a draft. The coordinator can take one here too.
 */
export default function SnapshotsPage({ roundId, user }: { roundId: string; user: SessionUser }) {
  const [snapshots, setSnapshots] = useState<SnapshotSummary[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const coordinator = can(actorOf(user), { kind: 'coordinate' });
  const listId = useId();
  const draftId = useId();

  const load = useCallback(async (): Promise<void> => {
    try {
      const list = await fetchSnapshots(roundId);
      setSnapshots((current) => mergeSnapshots(current, list));
      setLoaded(true);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [roundId]);

  const onEvent = useCallback(
    (event: RoundEvent) => {
      if (event.type === 'snapshotTaken') {
        setSnapshots((current) => mergeSnapshots(current, [event.snapshot]));
        setAnnouncement(tRounds.announceSnapshot(formatDeadline(event.snapshot.takenAt)));
      } else if (event.type === 'snapshot') {
        // The stream (re)opened: whatever was taken while it was away is in the list now.
        void load();
      }
    },
    [load],
  );
  const { round, error } = useLiveRound(roundId, onEvent);

  useEffect(() => {
    void load();
  }, [load]);

  const newestFirst = [...snapshots].reverse();
  return (
    <main id="main" className="page">
      <Heading level={1} data-size="lg">
        {round ? tRounds.snapshotsOf(round.title) : tRounds.snapshotsTitle}
      </Heading>
      {round && (
        <Paragraph className="page__meta">
          <RoundStateTag state={round.state} /> {t.deadline}: <time dateTime={round.deadline}>{formatDeadline(round.deadline)}</time>
        </Paragraph>
      )}
      <Paragraph>{tRounds.snapshotsIntro}</Paragraph>
      {(error || failed) && <Paragraph role="alert">{t.loadFailed}</Paragraph>}

      {coordinator && <TakeSnapshotForm roundId={roundId} onTaken={(s) => setSnapshots((current) => mergeSnapshots(current, [s]))} />}

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
        {!loaded && !failed && <Paragraph>{t.loading}</Paragraph>}
        {loaded && snapshots.length === 0 && <Paragraph data-testid="no-snapshots">{tRounds.noSnapshots}</Paragraph>}
        {snapshots.length > 0 && (
          <>
            <Paragraph className="page__meta">{tRounds.snapshotsCount(snapshots.length)}</Paragraph>
            <ol className="snapshots" data-testid="snapshot-list">
              {newestFirst.map((snapshot) => (
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

/** One snapshot: when and why, its note, its short checksum, and what can be done with it. */
function SnapshotItem({ snapshot, roundId }: { snapshot: SnapshotSummary; roundId: string }) {
  const headingId = useId();
  const when = formatDeadline(snapshot.takenAt);
  return (
    <li className="snapshot" data-testid="snapshot" data-snapshot-id={snapshot.id} data-reason={snapshot.reason}>
      <article aria-labelledby={headingId}>
        <Heading level={3} data-size="xs" id={headingId}>
          <time dateTime={snapshot.takenAt}>{tRounds.snapshotHeading(when)}</time>
        </Heading>
        <dl className="snapshot__facts">
          <div>
            <dt>{tRounds.why}</dt>
            <dd data-testid="snapshot-reason">{reasonText(snapshot)}</dd>
          </div>
          {snapshot.note && (
            <div>
              <dt>{tRounds.note}</dt>
              <dd data-testid="snapshot-note">{snapshot.note}</dd>
            </div>
          )}
          <div>
            <dt>{tRounds.shaShort}</dt>
            <dd>
              <code title={snapshot.sha256} data-testid="snapshot-sha">
                {snapshot.sha256.slice(0, SHORT_SHA_LENGTH)}
              </code>
            </dd>
          </div>
        </dl>
        <ul className="snapshot__actions">
          <li>
            <Link href={paths.snapshot(snapshot.id)} data-testid="open-snapshot" aria-describedby={headingId}>
              <Eye aria-hidden="true" size={16} /> {tRounds.openSnapshot}
            </Link>
          </li>
          <li>
            <Link href={paths.changes(roundId, snapshot.id, 'live')} data-testid="compare-with-now" aria-describedby={headingId}>
              <GitCompare aria-hidden="true" size={16} /> {tRounds.compareWithNow}
            </Link>
          </li>
        </ul>
        <ExportLinks urlOf={(format) => snapshotExportUrl(snapshot.id, format)} label={tRounds.download} />
      </article>
    </li>
  );
}
