import { actorOf, type SessionUser } from '../../shared/auth.js';
import { COORDINATOR_FIELDS, type MeasureFieldsPatch } from '../../shared/measurePatch.js';
import type { MeasureSummary } from '../../shared/measureSummary.js';
import { can } from '../../shared/permissions.js';
import { forbidden, stale } from '../domain/DomainError.js';
import { loadRoundMeasure } from '../domain/loaders.js';
import { toSummary } from '../measures/views.js';
import { userActor, type Command } from './command.js';

/** The fields whose value a change may say it was made from (`base`). */
const CHECKED_FIELDS = ['status', 'title', 'planText'] as const;

/**
 * `PATCH /api/rounds/:roundId/measures/:number`: changes a measure's fields: its status (the
 * measure's editors and the coordinator), its title and plan text (the coordinator only).
 */
export function updateMeasureFields(user: SessionUser, roundId: string, number: string, patch: MeasureFieldsPatch): Command<MeasureSummary> {
  return async (tx, { now }) => {
    const { round, measure } = await loadRoundMeasure(tx, roundId, number);
    const actor = actorOf(user);
    const roundFrozen = round.state !== 'open';
    if (!can(actor, { kind: 'writeMeasure', ministries: measure.ministries, roundFrozen })) {
      throw forbidden(roundFrozen ? `round ${roundId} is frozen` : `measure ${measure.number} is written by ${measure.ministries.join(', ')}`);
    }
    const planFields = COORDINATOR_FIELDS.filter((field) => patch[field] !== undefined);
    if (planFields.length > 0 && !can(actor, { kind: 'coordinate' })) {
      throw forbidden(`only the coordinator may change ${planFields.join(' and ')}: they quote the plan`);
    }
    // A change made from values that have changed since is the person's to decide on, not ours.
    const { base, ...fields } = patch;
    const changedSince = CHECKED_FIELDS.filter((field) => fields[field] !== undefined && base?.[field] !== undefined && base[field] !== measure[field]);
    if (changedSince.length > 0) {
      throw stale(changedSince.join(', '), Object.fromEntries(changedSince.map((field) => [field, measure[field]])));
    }
    const updated = await tx.updateMeasureFields(roundId, measure.number, fields, now().toISOString());
    if (!updated) throw new Error(`measure ${measure.number} vanished inside its transaction`);
    const summary = toSummary(updated);
    const by = { username: user.username, name: user.name, ministry: user.ministry };
    // Who changed it, and from what: those listening (notifications) tell the measure's people.
    const statusChanged = fields.status !== undefined && fields.status !== measure.status;
    const changed = CHECKED_FIELDS.filter((field) => fields[field] !== undefined && fields[field] !== measure[field]);
    return {
      result: summary,
      events: [{ type: 'measure', roundId, measure: summary, planText: updated.planText, by, ...(statusChanged ? { previousStatus: measure.status } : {}) }],
      audit:
        changed.length === 0
          ? []
          : [
              {
                actor: userActor(user),
                kind: changed.includes('status') ? 'status.change' : 'plan.change',
                target: { roundId, measure: measure.number, id: null },
                before: Object.fromEntries(changed.map((field) => [field, measure[field]])),
                after: Object.fromEntries(changed.map((field) => [field, updated[field]])),
              },
            ],
    };
  };
}
