import { describe, expect, it } from 'vitest';
import { problemOf } from '../../client/src/rounds/formProblems.js';
import { missing, type NewRoundValues } from '../../client/src/pages/rounds/useNewRoundForm.js';
import { ApiRequestError } from '../../client/src/api.js';

const filled: NewRoundValues = { title: 'Statusrapport februar 2013', id: '', date: '2013-02-28', time: '12:00', intro: '', openRounds: '' };

/** Starting a round while another is open asks what becomes of it: nothing is chosen for the coordinator. */
describe('the new round form', () => {
  it('asks what becomes of the open rounds only while there are some', () => {
    expect(missing(filled, 0)).toEqual([]);
    expect(missing(filled, 1)).toEqual([{ field: 'openRounds', text: 'Velg om åpne runder skal fryses nå eller være åpne til sin frist.' }]);
    expect(missing({ ...filled, openRounds: 'freeze' }, 2)).toEqual([]);
    expect(missing({ ...filled, openRounds: 'keep' }, 1)).toEqual([]);
  });

  it('says every missing thing at once, in the order of the fields', () => {
    expect(missing({ ...filled, title: ' ', date: '' }, 1).map((p) => p.field)).toEqual(['title', 'deadline', 'openRounds']);
  });

  it("the server's refusal of the choice is shown at it", () => {
    expect(problemOf(new ApiRequestError('openRounds: invalid', 400, 'invalid_field', 'openRounds')).field).toBe('openRounds');
  });
});
