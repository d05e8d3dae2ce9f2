import type { CompareSide } from '../../../../shared/compare.js';
import type { Round } from '../../../../shared/round.js';
import type { SnapshotSummary } from '../../../../shared/snapshot.js';
import { formatDeadline } from '../../format.js';
import { mergeSnapshots, reasonText } from '../../rounds/snapshotWords.js';
import { tRounds } from '../../strings/rounds.js';

/** The `til` value for the live round. */
export const LIVE = 'live';

/** Snapshots of one round, for the version pickers. */
export interface RoundSnapshots {
  round: Pick<Round, 'id' | 'title'>;
  /** Newest first. */
  snapshots: SnapshotSummary[];
}

/** The round and the rounds it carried over from, newest first (a guard stops a cycle). */
export function roundChain(rounds: readonly Round[], roundId: string): Round[] {
  const byId = new Map(rounds.map((r) => [r.id, r]));
  const chain: Round[] = [];
  for (let id: string | null = roundId; id !== null && !chain.some((r) => r.id === id); ) {
    const round = byId.get(id);
    if (!round) break;
    chain.push(round);
    id = round.previousRoundId;
  }
  return chain;
}

/** The groups with the snapshots the stream told of since they were read, each in its round's group. */
export function withTold(groups: readonly RoundSnapshots[], told: readonly SnapshotSummary[]): RoundSnapshots[] {
  return groups.map((group) => {
    const more = told.filter((s) => s.roundId === group.round.id);
    return more.length === 0 ? group : { ...group, snapshots: mergeSnapshots(group.snapshots, more).reverse() };
  });
}

export const snapshotLabel = (s: SnapshotSummary): string => tRounds.snapshotOption(formatDeadline(s.takenAt), reasonText(s), s.note);

/** One side of a comparison in words. */
export function sideLabel(side: CompareSide, groups: readonly RoundSnapshots[]): string {
  if (side.kind === 'live') return tRounds.liveOption;
  const snapshot = groups.flatMap((g) => g.snapshots).find((s) => s.id === side.id);
  return snapshot ? snapshotLabel(snapshot) : formatDeadline(side.takenAt);
}
