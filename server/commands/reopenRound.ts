import { actorOf, type SessionUser } from '../../shared/auth.js';
import { can } from '../../shared/permissions.js';
import type { RoundDetail } from '../../shared/round.js';
import { forbidden } from '../domain/DomainError.js';
import { loadRound } from '../domain/loaders.js';
import { userActor, type Command } from './command.js';

/** `POST /api/rounds/:roundId/reopen` (coordinator): a frozen round opens again; the deadline that froze it will not freeze it again. */
export function reopenRound(user: SessionUser, roundId: string): Command<RoundDetail> {
  return async (tx, { log }) => {
    const before = await loadRound(tx, roundId);
    if (!can(actorOf(user), { kind: 'coordinate' })) throw forbidden('only the coordinator may do this');
    if (before.state === 'open') return { result: before, events: [] };
    await tx.reopenRound(roundId);
    log(`${user.username} reopened round ${roundId}`);
    const round = await loadRound(tx, roundId);
    return {
      result: round,
      events: [{ type: 'round', roundId, round }],
      audit: [{ actor: userActor(user), kind: 'round.reopen', target: { roundId, measure: null, id: null }, before: { state: before.state }, after: { state: round.state } }],
    };
  };
}
