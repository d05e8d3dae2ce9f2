import type { ReactNode } from 'react';
import type { SnapshotSummary } from '../../../shared/snapshot.js';
import { formatDeadline } from '../format.js';
import { tRounds } from '../strings/rounds.js';
import { reasonText, SHORT_SHA_LENGTH } from './snapshotWords.js';

/** One fact: its term and what it says. */
function Fact({ term, testId, children }: { term: string; testId?: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/**
 * A snapshot's facts, as its own page and the list of snapshots both show them: why it was taken,
 * its note, and its SHA-256, in full or (`short`) its first characters with the whole as a
 * tooltip; when it was taken too where no heading says so (`takenAt`).
 */
export function SnapshotFactList({ snapshot, takenAt, sha }: { snapshot: SnapshotSummary; takenAt: boolean; sha: 'full' | 'short' }) {
  return (
    <dl className="snapshot__facts">
      {takenAt && (
        <Fact term={tRounds.takenAt}>
          <time dateTime={snapshot.takenAt}>{formatDeadline(snapshot.takenAt)}</time>
        </Fact>
      )}
      <Fact term={tRounds.why} testId="snapshot-reason">
        {reasonText(snapshot)}
      </Fact>
      {snapshot.note && (
        <Fact term={tRounds.note} testId="snapshot-note">
          {snapshot.note}
        </Fact>
      )}
      {sha === 'full' ? (
        <Fact term={tRounds.sha}>
          <code className="report__sha" data-testid="snapshot-sha">
            {snapshot.sha256}
          </code>
        </Fact>
      ) : (
        <Fact term={tRounds.shaShort}>
          <code title={snapshot.sha256} data-testid="snapshot-sha">
            {snapshot.sha256.slice(0, SHORT_SHA_LENGTH)}
          </code>
        </Fact>
      )}
    </dl>
  );
}
