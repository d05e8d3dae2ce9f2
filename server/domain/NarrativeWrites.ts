import type { RoundEvent } from '../../shared/api.js';
import { actorOf, type SessionUser } from '../../shared/auth.js';
import type { MinistryCode } from '../../shared/ministries.js';
import { can } from '../../shared/permissions.js';
import type { RoundDetail } from '../../shared/round.js';

/** Accounts whose latest role and ministry are remembered; past it they are forgotten (a socket then goes by its session's). */
const MAX_REMEMBERED_ACCOUNTS = 10_000;

type Rights = Pick<SessionUser, 'role' | 'ministry'>;

/**
 * The one answer to "may this person write this measure's narrative in this round now?", asked
 * by the sync layer for every update (not only when a socket opens), from `can()`, each round's
 * state as the domain last published it, and each account's role and ministry as storage last
 * answered for it (any session of it checked or started: a request, the session watch, a
 * sign-in). A freeze, or a rights change this process has read, takes effect on the next update,
 * before any socket is closed.
 */
export class NarrativeWrites {
  /** Whether each round is frozen, as its latest event (or, before any, its load) says. */
  private readonly frozen = new Map<string, boolean>();
  /** Each account's role and ministry as last read from storage. */
  private readonly rights = new Map<string, Rights>();

  /** Learns a round's state from storage, unless an event has already said something newer. */
  know(round: RoundDetail): void {
    if (!this.frozen.has(round.id)) this.frozen.set(round.id, round.state !== 'open');
  }

  /** Follows the domain's round events (published after each commit). */
  readonly onEvent = (event: RoundEvent): void => {
    if (event.type === 'round') this.frozen.set(event.roundId, event.round.state !== 'open');
  };

  /** Learns an account's role and ministry as storage has them now (newer than what any open socket was opened with). */
  readonly observe = (user: Pick<SessionUser, 'username'> & Rights): void => {
    if (!this.rights.has(user.username) && this.rights.size >= MAX_REMEMBERED_ACCOUNTS) this.rights.clear();
    this.rights.set(user.username, { role: user.role, ministry: user.ministry });
  };

  /** `user` as the session had it; its account's latest known rights count instead when read since. */
  mayWrite(user: Pick<SessionUser, 'username'> & Rights, roundId: string, ministries: readonly MinistryCode[]): boolean {
    // A round never heard of counts as frozen: nobody but the coordinator writes it.
    const roundFrozen = this.frozen.get(roundId) ?? true;
    return can(actorOf(this.rights.get(user.username) ?? user), { kind: 'writeMeasure', ministries, roundFrozen });
  }
}
