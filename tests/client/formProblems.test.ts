import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../client/src/api.js';
import { problemOf } from '../../client/src/rounds/formProblems.js';

const refused = (message: string, status: number, field: string | null = null) =>
  new ApiRequestError(message, status, status === 400 ? 'invalid_field' : status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'internal', field);

/** The round and snapshot forms say what went wrong in Norwegian, whatever the server wrote. */
describe("a refused round or snapshot request, in the forms' words", () => {
  it('a missing round, an unknown field and a server error each get a sentence of their own', () => {
    expect(problemOf(refused('no round x', 404))).toEqual({ field: null, text: 'Fant ikke runden. Kanskje er adressen skrevet feil.' });
    expect(problemOf(refused('unknown field: colour', 400, 'colour'))).toEqual({
      field: null,
      text: 'Serveren godtok ikke forespørselen. Last inn siden på nytt og prøv igjen.',
    });
    expect(problemOf(refused('HTTP 500', 500))).toEqual({ field: null, text: 'Det oppstod en feil på serveren. Prøv igjen senere.' });
    expect(problemOf(refused('busy', 503)).text).toBe('Serveren har mye å gjøre akkurat nå. Prøv igjen om litt.');
    expect(problemOf(refused('title: too long', 400, 'title'))).toEqual({ field: 'title', text: 'Tittelen kan være høyst 200 tegn.' });
    expect(problemOf(refused('round x exists already', 409, 'id'))).toEqual({ field: 'id', text: 'Det finnes allerede en runde med dette kortnavnet. Velg et annet.' });
  });

  it("never shows the server's message", () => {
    for (const status of [400, 401, 404, 409, 413, 422, 429, 500, 503]) {
      for (const field of [null, 'title', 'deadline', 'colour']) {
        expect(problemOf(refused('SERVER WORDS', status, field)).text, `${status} ${field}`).not.toContain('SERVER WORDS');
      }
    }
  });
});
