import type { Round } from '../../../shared/round.js';

/** The rounds editors can still write in. */
export const openRoundsOf = (rounds: readonly Round[]): Round[] => rounds.filter((round) => round.state === 'open');

/**
 * The round `/` opens: the newest open one (the server lists rounds by deadline, latest first),
 * else the newest of all; null when there is none.
 */
export function homeRound(rounds: readonly Round[]): Round | null {
  return rounds.find((round) => round.state === 'open') ?? rounds[0] ?? null;
}

/** The open rounds other than `roundId`, the nearest deadline first: what else waits for people. */
export function otherOpenRounds(rounds: readonly Round[], roundId: string): Round[] {
  return openRoundsOf(rounds)
    .filter((round) => round.id !== roundId)
    .sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline) || a.id.localeCompare(b.id));
}
