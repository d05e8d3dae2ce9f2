import { describe, expect, it } from 'vitest';
import type { HistoryEntry, HistoryMark, NarrativeVersion } from '../../shared/history.js';
import { authorName, changedWords, entryText, entryTime, isVersion } from '../../client/src/history/historyWords.js';
import { restoreProblem } from '../../client/src/history/useHistory.js';
import { ApiRequestError } from '../../client/src/api.js';
import { markText } from '../../client/src/pages/changes/changeAuthors.js';

const JD = { username: 'jd', name: 'Redaktør JD', ministry: 'JD' as const };

const version = (over: Partial<NarrativeVersion>): NarrativeVersion => ({
  id: 'v1',
  kind: 'narrative',
  author: JD,
  from: '2026-11-29T09:00:00.000Z',
  to: '2026-11-29T09:05:00.000Z',
  wordsAdded: 3,
  wordsRemoved: 1,
  open: false,
  updates: 4,
  restoredFrom: null,
  fromRoundId: null,
  ...over,
});

describe('the history in words', () => {
  it('names people with their ministry, and the imported report when nobody wrote it', () => {
    expect(authorName(JD)).toBe('Redaktør JD (JD)');
    expect(authorName({ username: 'koordinator', name: 'Koordinator', ministry: null })).toBe('Koordinator');
    expect(authorName(null, 'imported')).toBe('Rapporten slik den ble importert');
    expect(authorName(null, 'narrative')).toBe('Ingen person');
  });

  it('says what each kind of entry did; a restore names the version it brought back, a carried-over one its round', () => {
    const first = version({ id: 'v1', to: '2026-11-29T09:05:00.000Z' });
    const restore = version({ id: 'v3', kind: 'restore', restoredFrom: 'v1' });
    const status: HistoryEntry = { id: 'a7', kind: 'status', author: JD, from: first.from, to: first.to, wordsAdded: 0, wordsRemoved: 0, status: { before: 'Løpende', after: 'Gjennomført' } };
    const ready: HistoryEntry = { id: 'a8', kind: 'ready', author: JD, from: first.from, to: first.to, wordsAdded: 0, wordsRemoved: 0, ready: { ministry: 'JD', ready: false } };
    const all = [restore, status, ready, first];
    expect(entryText(first, all)).toBe('Endret teksten');
    expect(entryText(restore, all)).toBe(`Gjenopprettet versjonen fra ${entryTime(first)}`);
    expect(entryText(version({ kind: 'restore', restoredFrom: 'v99' }), all)).toBe('Gjenopprettet en tidligere versjon');
    expect(entryText(status, all)).toBe('Endret status fra «Løpende» til «Gjennomført»');
    expect(entryText(ready, all)).toBe('Tok tilbake klarmeldingen for JD');
    expect(entryText(version({ kind: 'carriedOver', fromRoundId: 'r-2012' }), all, (id) => (id === 'r-2012' ? 'Februar 2012' : null))).toBe('Teksten fra runden «Februar 2012»');
    expect(entryText(version({ kind: 'carriedOver', fromRoundId: 'r-x' }), all)).toBe('Teksten fra runden «r-x»');
    expect(entryText(version({ kind: 'imported', author: null }), all)).toBe('Teksten fra den importerte rapporten');
    // Oslo time: 09:05 UTC is 10:05 in November.
    expect(entryTime(first)).toContain('10:05');
    expect([first, status, ready].map(isVersion)).toEqual([true, false, false]);
    expect([first, version({ wordsAdded: 0, wordsRemoved: 0 }), status].map(changedWords)).toEqual([true, false, false]);
  });

  it('says why a restore was refused', () => {
    expect(restoreProblem(new ApiRequestError('no', 403, 'forbidden', null))).toBe('Teksten ble ikke gjenopprettet: du kan ikke skrive i dette tiltaket nå.');
    expect(restoreProblem(new ApiRequestError('no', 404, 'not_found', null))).toBe('Teksten ble ikke gjenopprettet: Fant ikke versjonen.');
    expect(restoreProblem(new TypeError('Failed to fetch'))).toContain('fikk ikke kontakt med serveren');
    expect(restoreProblem(new ApiRequestError('version v3 cannot be restored: its narrative is past the limits (tooDeep)', 409, 'conflict', null))).toBe(
      'Teksten ble ikke gjenopprettet: denne versjonen kan ikke gjenopprettes i editoren.',
    );
    expect(restoreProblem(new ApiRequestError('HTTP 500', 500, null, null))).toBe('Teksten ble ikke gjenopprettet. Det oppstod en feil på serveren. Prøv igjen senere.');
    expect(restoreProblem(new ApiRequestError('unknown field: x', 400, 'invalid_field', 'x'))).toBe(
      'Teksten ble ikke gjenopprettet. Serveren godtok ikke forespørselen. Last inn siden på nytt og prøv igjen.',
    );
  });

  it("never puts the server's own (English) message on screen", () => {
    const message = 'no round x: SERVER WORDS';
    for (const status of [400, 401, 404, 409, 413, 429, 500, 502, 503]) {
      expect(restoreProblem(new ApiRequestError(message, status, null, null)), String(status)).not.toContain('SERVER WORDS');
    }
  });

  it('on the compare page: who, what kind, and the round when it is another', () => {
    const mark: HistoryMark = { id: 'v2', kind: 'narrative', author: JD, from: '2026-11-29T09:00:00.000Z', to: '2026-11-29T09:05:00.000Z', roundId: 'r-2013' };
    expect(markText(mark, 'r-2013', () => null)).toBe('Redaktør JD (JD): tekst,');
    expect(markText({ ...mark, kind: 'status', roundId: 'r-2012' }, 'r-2013', () => 'Februar 2012')).toBe('Redaktør JD (JD): status i runden «Februar 2012»,');
    expect(markText({ ...mark, author: null, kind: 'imported' }, 'r-2013', () => null)).toBe('Ingen person: importert,');
  });
});
