import { actorOf, type SessionUser } from '../../shared/auth.js';
import type { MeasureFieldsPatch, MeasureSummary } from '../../shared/measure.js';
import { can } from '../../shared/permissions.js';
import { forbidden } from '../domain/DomainError.js';
import { loadRoundMeasure } from '../domain/loaders.js';
import { toSummary } from '../measures/views.js';
import type { Command } from './command.js';

/** `PATCH /api/rounds/:roundId/measures/:number`: changes a measure's fields (status). */
export function updateMeasureFields(user: SessionUser, roundId: string, number: string, patch: MeasureFieldsPatch): Command<MeasureSummary> {
  return async (tx, { now }) => {
    const { round, measure } = await loadRoundMeasure(tx, roundId, number);
    const roundFrozen = round.state !== 'open';
    if (!can(actorOf(user), { kind: 'writeMeasure', ministries: measure.ministries, roundFrozen })) {
      throw forbidden(roundFrozen ? `round ${roundId} is frozen` : `measure ${measure.number} is written by ${measure.ministries.join(', ')}`);
    }
    const updated = await tx.updateMeasureFields(roundId, measure.number, patch, now().toISOString());
    if (!updated) throw new Error(`measure ${measure.number} vanished inside its transaction`);
    const summary = toSummary(updated);
    return { result: summary, events: [{ type: 'measure', roundId, measure: summary }] };
  };
}
