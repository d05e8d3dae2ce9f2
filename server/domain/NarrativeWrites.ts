import type { RoundEvent } from '../../shared/api.js';
import { actorOf, type SessionUser } from '../../shared/auth.js';
import type { MinistryCode } from '../../shared/ministries.js';
import { can } from '../../shared/permissions.js';
import type { RoundDetail } from '../../shared/round.js';

/**
 * The one answer to "may this person write this measure's narrative in this round now?", asked
 * by the sync layer for every update (not only when a socket opens), from `can()` and each
 * round's state as the domain last published it. A freeze takes effect on the next update,
 * before any socket is closed.
 */
export class NarrativeWrites {
  /** Whether each round is frozen, as its latest event (or, before any, its load) says. */
  private readonly frozen = new Map<string, boolean>();

  /** Learns a round's state from storage, unless an event has already said something newer. */
  know(round: RoundDetail): void {
    if (!this.frozen.has(round.id)) this.frozen.set(round.id, round.state !== 'open');
  }

  /** Follows the domain's round events (published after each commit). */
  readonly onEvent = (event: RoundEvent): void => {
    if (event.type === 'round') this.frozen.set(event.roundId, event.round.state !== 'open');
  };

  mayWrite(user: Pick<SessionUser, 'role' | 'ministry'>, roundId: string, ministries: readonly MinistryCode[]): boolean {
    // A round never heard of counts as frozen: nobody but the coordinator writes it.
    const roundFrozen = this.frozen.get(roundId) ?? true;
    return can(actorOf(user), { kind: 'writeMeasure', ministries, roundFrozen });
  }
}
