import { useCallback, useMemo, useState } from 'react';
import type { RoundEvent } from '../../../../shared/api.js';
import type { SnapshotSummary } from '../../../../shared/snapshot.js';
import { browserCopyOf } from '../../api.js';
import { fetchSnapshots } from '../../api/rounds.js';
import { formatDeadline } from '../../format.js';
import { mergeSnapshots } from '../../rounds/snapshotWords.js';
import { tRounds } from '../../strings/rounds.js';
import { useResource } from '../../useResource.js';
import { useLiveRound } from '../../useRound.js';

/**
 * A round and its snapshots, live: the list is read once and again whenever the stream
 * (re)opens; one taken anywhere (by the coordinator, or by the server at the deadline) arrives
 * on the stream, is added and announced. A list from this browser's copy (an offline reload)
 * says so (`copy`) until the stream opens and it is read again.
 */
export function useSnapshots(roundId: string) {
  const list = useResource(roundId, (signal) => fetchSnapshots(roundId, signal));
  // Snapshots are never changed or deleted: what the stream or one's own form told is kept.
  const [told, setTold] = useState<SnapshotSummary[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const { refetch } = list;
  const onEvent = useCallback(
    (event: RoundEvent) => {
      if (event.type === 'snapshotTaken') {
        setTold((current) => [...current, event.snapshot]);
        setAnnouncement(tRounds.announceSnapshot(formatDeadline(event.snapshot.takenAt)));
      } else if (event.type === 'snapshot') {
        // The stream (re)opened: whatever was taken while it was away is in the list now.
        refetch();
      }
    },
    [refetch],
  );
  const { round, error, notFound } = useLiveRound(roundId, onEvent);
  const snapshots = useMemo(() => mergeSnapshots(list.data ?? [], told), [list.data, told]);
  return {
    round,
    notFound,
    /** Oldest first, as the server lists them. */
    snapshots,
    loaded: list.data !== null,
    /** The list is this browser's copy (an offline reload), fetched then. */
    copy: browserCopyOf(list.data),
    failed: error !== null || list.error !== null,
    listFailed: list.error !== null,
    announcement,
    taken: (snapshot: SnapshotSummary) => setTold((current) => [...current, snapshot]),
  };
}
