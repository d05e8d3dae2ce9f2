import type { MeasureSummary } from '../../../shared/measureSummary.js';
import type { MinistryCode } from '../../../shared/ministries.js';
import type { Status } from '../../../shared/status.js';
import type { FieldChange, Pending } from './changes.js';

// What the pages show of the changes waiting in the outbox.

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

/** Where a change the server has not taken yet stands, as a row of the overview marks it. */
export type PendingState = Exclude<Pending['state'], 'refused'>;

/** A value this person chose that the server has not taken yet, and where it stands. */
export interface PendingValue<V> {
  state: PendingState;
  value: V;
}

/** A measure's own changes not yet taken: its status, and each ministry's readiness. */
export interface PendingMarks {
  status: PendingValue<Status> | null;
  ready: ReadonlyMap<MinistryCode, PendingValue<boolean>>;
}

/**
 * A round's measures as this person left them: each status and readiness they changed that the
 * server has not taken yet (waiting, on its way, or in conflict) shown with their value, as the
 * measure page shows it, and marked. A refused change is the server's answer and shows nothing.
 */
export function withPendingChanges(
  measures: readonly MeasureSummary[],
  list: readonly Pending[],
  roundId: string,
): { measures: readonly MeasureSummary[]; marks: ReadonlyMap<number, PendingMarks> } {
  const marks = new Map<number, { status: PendingValue<Status> | null; ready: Map<MinistryCode, PendingValue<boolean>> }>();
  for (const { change, state } of list) {
    if (state === 'refused' || change.roundId !== roundId || (change.kind !== 'status' && change.kind !== 'ready')) continue;
    let mark = marks.get(change.number);
    if (!mark) marks.set(change.number, (mark = { status: null, ready: new Map() }));
    // The last change of a field is the one that counts, as on the measure page.
    if (change.kind === 'status') mark.status = { state, value: change.value };
    else mark.ready.set(change.ministry, { state, value: change.value });
  }
  if (marks.size === 0) return { measures, marks };
  const shown = measures.map((measure) => {
    const mark = marks.get(measure.number);
    if (!mark) return measure;
    const ready =
      mark.ready.size === 0 ? measure.ready : measure.ministries.filter((code) => mark.ready.get(code)?.value ?? measure.ready.includes(code));
    return { ...measure, status: mark.status?.value ?? measure.status, ready };
  });
  return { measures: shown, marks };
}
