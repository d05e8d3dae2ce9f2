import type { RoundEvent } from '../../shared/api.js';
import type { SnapshotSummary } from '../../shared/snapshot.js';
import type { AuditNote, Command } from './command.js';
import { recordSnapshot } from './takeSnapshot.js';

/**
 * Freezes every open round whose deadline has passed, each with a snapshot of its content, in
 * one transaction. `atStart` says the deadline passed while the server was down: the snapshot
 * is of the content at start, and says so.
 */
export function freezeDueRounds(atStart: boolean): Command<SnapshotSummary[]> {
  return async (tx, deps) => {
    const taken: SnapshotSummary[] = [];
    const events: RoundEvent[] = [];
    const audit: AuditNote[] = [];
    for (const round of await tx.dueRounds(deps.now().toISOString())) {
      const snapshot = await recordSnapshot(tx, deps, round.id, {
        reason: atStart ? 'deadline_at_start' : 'deadline',
        by: null,
        note: null,
        freezeFor: round.deadline,
      });
      taken.push(snapshot.summary);
      events.push(...snapshot.events);
      audit.push({
        actor: { kind: 'system' },
        kind: 'round.freeze',
        target: { roundId: round.id, measure: null, id: snapshot.summary.id },
        before: { state: 'open' },
        after: { state: 'frozen', deadline: round.deadline, reason: snapshot.summary.reason },
      });
      deps.log(`deadline ${round.deadline} of ${round.id} passed${atStart ? ' while the server was down' : ''}: frozen with a snapshot`);
    }
    return { result: taken, events, audit };
  };
}
