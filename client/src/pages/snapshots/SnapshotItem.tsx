import { Heading } from '@digdir/designsystemet-react';
import { Eye, GitCompare } from 'lucide-react';
import { useId } from 'react';
import type { SnapshotSummary } from '../../../../shared/snapshot.js';
import { snapshotExportUrl } from '../../api/rounds.js';
import { formatDeadline } from '../../format.js';
import { ExportLinks } from '../../rounds/ExportLinks.js';
import { SnapshotFactList } from '../../rounds/SnapshotFactList.js';
import { Link, paths } from '../../router.js';
import { tRounds } from '../../strings/rounds.js';

/** One snapshot: when and why, its note, its short checksum, and what can be done with it. */
export function SnapshotItem({ snapshot, roundId }: { snapshot: SnapshotSummary; roundId: string }) {
  const headingId = useId();
  const when = formatDeadline(snapshot.takenAt);
  return (
    <li className="snapshot" data-testid="snapshot" data-snapshot-id={snapshot.id} data-reason={snapshot.reason}>
      <article aria-labelledby={headingId}>
        <Heading level={3} data-size="xs" id={headingId}>
          <time dateTime={snapshot.takenAt}>{tRounds.snapshotHeading(when)}</time>
        </Heading>
        <SnapshotFactList snapshot={snapshot} takenAt={false} sha="short" />
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
