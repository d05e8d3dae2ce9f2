import type { FieldChange, Pending } from './changes.js';

// What the measure page shows of the changes waiting in the outbox (the overview needs none of it).

/** How many changes wait, are on their way, need the person's choice, or were refused. */
export interface OutboxCounts {
  waiting: number;
  sending: number;
  conflicts: number;
  refused: number;
}

export function countPending(list: readonly Pending[]): OutboxCounts {
  const counts: OutboxCounts = { waiting: 0, sending: 0, conflicts: 0, refused: 0 };
  for (const entry of list) {
    if (entry.state === 'waiting') counts.waiting++;
    else if (entry.state === 'sending') counts.sending++;
    else if (entry.state === 'conflict') counts.conflicts++;
    else counts.refused++;
  }
  return counts;
}

/** A field's change that is not refused: what the page shows instead of the server's value. */
export type PendingField<C extends FieldChange> = Pending & { change: C };

/** The change of a measure's status waiting (or on its way, or in conflict), if any. */
export function pendingStatus(list: readonly Pending[], roundId: string, number: number): PendingField<Extract<FieldChange, { kind: 'status' }>> | undefined {
  return list.findLast(
    (entry): entry is PendingField<Extract<FieldChange, { kind: 'status' }>> =>
      entry.state !== 'refused' && entry.change.kind === 'status' && entry.change.roundId === roundId && entry.change.number === number,
  );
}

/** The change of a ministry's readiness of a measure waiting (or on its way, or in conflict), if any. */
export function pendingReady(
  list: readonly Pending[],
  roundId: string,
  number: number,
  ministry: string,
): PendingField<Extract<FieldChange, { kind: 'ready' }>> | undefined {
  return list.findLast(
    (entry): entry is PendingField<Extract<FieldChange, { kind: 'ready' }>> =>
      entry.state !== 'refused' &&
      entry.change.kind === 'ready' &&
      entry.change.roundId === roundId &&
      entry.change.number === number &&
      entry.change.ministry === ministry,
  );
}
