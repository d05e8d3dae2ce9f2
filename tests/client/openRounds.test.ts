import { describe, expect, it } from 'vitest';
import type { Round } from '../../shared/round.js';
import { homeRound, openRoundsOf, otherOpenRounds } from '../../client/src/rounds/openRounds.js';

function round(id: string, state: Round['state'], deadline: string): Round {
  return { id, title: id, deadline, state, frozenAt: state === 'frozen' ? deadline : null, previousRoundId: null };
}

// As the server lists them: latest deadline first.
const r2013 = round('r2013', 'open', '2013-02-28T12:00:00+01:00');
const r2012 = round('r2012', 'open', '2012-12-13T12:00:00+01:00');
const r2011 = round('r2011', 'frozen', '2011-12-13T12:00:00+01:00');

/** A new round must not hide the one still open. */
describe('open rounds', () => {
  it('the rounds still open, and the others open besides the one shown, the nearest deadline first', () => {
    const later = round('r2012b', 'open', '2012-12-20T12:00:00+01:00');
    const rounds = [r2013, later, r2012, r2011];
    expect(openRoundsOf(rounds).map((r) => r.id)).toEqual(['r2013', 'r2012b', 'r2012']);
    expect(otherOpenRounds(rounds, 'r2013').map((r) => r.id)).toEqual(['r2012', 'r2012b']);
    expect(otherOpenRounds(rounds, 'r2011').map((r) => r.id)).toEqual(['r2012', 'r2012b', 'r2013']);
    expect(otherOpenRounds([r2013], 'r2013')).toEqual([]);
  });

  it('`/` opens the newest open round, the newest of all when none is open, and nothing without rounds', () => {
    expect(homeRound([r2013, r2012, r2011])?.id).toBe('r2013');
    const frozen2013 = { ...r2013, state: 'frozen' as const };
    expect(homeRound([frozen2013, r2012, r2011])?.id).toBe('r2012');
    expect(homeRound([frozen2013, r2011])?.id).toBe('r2013');
    expect(homeRound([])).toBeNull();
  });
});
