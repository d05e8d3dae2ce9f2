import { actorOf, type SessionUser } from '../../../../shared/auth.js';
import type { MinistryCode } from '../../../../shared/ministries.js';
import { can } from '../../../../shared/permissions.js';
import type { RoundDetail } from '../../../../shared/round.js';
import { frozenWhen } from '../../components/RoundState.js';
import { tMeasure } from '../../strings/measure.js';

/** Why this person may read the measure but not write it, in words. */
export function readOnlyReason(user: SessionUser, ministries: readonly MinistryCode[], round: RoundDetail | null): string {
  // Someone who could write it in an open round is held back by the frozen round alone.
  if (round?.state === 'frozen' && can(actorOf(user), { kind: 'writeMeasure', ministries, roundFrozen: false })) return tMeasure.readOnlyFrozen(frozenWhen(round));
  if (user.role === 'reader') return tMeasure.readOnlyReader;
  if (user.ministry === null) return tMeasure.readOnlyNoMinistry;
  return tMeasure.readOnlyOtherMinistry(ministries, user.ministry);
}
