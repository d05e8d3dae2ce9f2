import { actorOf, type SessionUser } from '../../shared/auth.js';
import { can } from '../../shared/permissions.js';
import type { RoundDetail, RoundPatch } from '../../shared/round.js';
import { forbidden } from '../domain/DomainError.js';
import { loadRound } from '../domain/loaders.js';
import type { Command } from './command.js';

/** `PATCH /api/rounds/:roundId` (coordinator): title, deadline or intro. */
export function updateRound(user: SessionUser, roundId: string, patch: RoundPatch): Command<RoundDetail> {
  return async (tx) => {
    await loadRound(tx, roundId);
    if (!can(actorOf(user), { kind: 'coordinate' })) throw forbidden('only the coordinator may do this');
    await tx.updateRound(roundId, patch);
    const round = await loadRound(tx, roundId);
    return { result: round, events: [{ type: 'round', roundId, round }] };
  };
}
