import { actorOf, type SessionUser } from '../../shared/auth.js';
import { can } from '../../shared/permissions.js';
import type { RoundDetail } from '../../shared/round.js';
import type { RoundPatch } from '../../shared/roundRequests.js';
import { forbidden } from '../domain/DomainError.js';
import { loadRound } from '../domain/loaders.js';
import { userActor, type Command } from './command.js';

/** `PATCH /api/rounds/:roundId` (coordinator): title, deadline or intro. */
export function updateRound(user: SessionUser, roundId: string, patch: RoundPatch): Command<RoundDetail> {
  return async (tx) => {
    const before = await loadRound(tx, roundId);
    if (!can(actorOf(user), { kind: 'coordinate' })) throw forbidden('only the coordinator may do this');
    await tx.updateRound(roundId, patch);
    const round = await loadRound(tx, roundId);
    const fields = (['title', 'deadline', 'intro'] as const).filter((field) => patch[field] !== undefined && patch[field] !== before[field]);
    return {
      result: round,
      events: [{ type: 'round', roundId, round }],
      audit:
        fields.length === 0
          ? []
          : [
              {
                actor: userActor(user),
                kind: 'round.update',
                target: { roundId, measure: null, id: null },
                before: Object.fromEntries(fields.map((field) => [field, before[field]])),
                after: Object.fromEntries(fields.map((field) => [field, round[field]])),
              },
            ],
    };
  };
}
