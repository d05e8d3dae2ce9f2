import type { SnapshotSummary } from '../../../shared/snapshot.js';
import { tRounds } from '../strings/rounds.js';

/** How many hex digits of a SHA-256 to show in lists (the exports' colophon shows as many). */
export const SHORT_SHA_LENGTH = 12;

/** Why a snapshot was taken, in words: at the deadline, at start after a missed deadline, or by whom. */
export function reasonText(snapshot: Pick<SnapshotSummary, 'reason' | 'takenBy'>): string {
  switch (snapshot.reason) {
    case 'deadline':
      return tRounds.reason.deadline;
    case 'deadline_at_start':
      return tRounds.reason.deadline_at_start;
    case 'manual':
      return tRounds.reason.manual(snapshot.takenBy?.name ?? null);
    case 'new_round':
      return tRounds.reason.new_round(snapshot.takenBy?.name ?? null);
  }
}

/** Snapshots merged by id, oldest first, as the server lists them. */
export function mergeSnapshots(current: readonly SnapshotSummary[], more: readonly SnapshotSummary[]): SnapshotSummary[] {
  const byId = new Map(current.map((s) => [s.id, s]));
  for (const snapshot of more) byId.set(snapshot.id, snapshot);
  return [...byId.values()].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt) || a.id.localeCompare(b.id));
}
