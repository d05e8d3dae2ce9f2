import { describe, expect, it } from 'vitest';
import { saveState } from '../../client/src/pages/measure/saveState.js';
import { staleLabel } from '../../client/src/staleness.js';

const none = { waiting: 0, sending: 0, conflicts: 0, refused: 0 };
const state = (link: 'connected' | 'connecting' | 'offline', { unsynced = false, stranded = false, ...outbox }: Partial<typeof none> & { unsynced?: boolean; stranded?: boolean } = {}) =>
  saveState({ link, narrativeUnsynced: unsynced, narrativeStranded: stranded, outbox: { ...none, ...outbox } });

describe('the save state beside the text says what the server has', () => {
  it('connected (the server answers): saving while anything waits, all saved when nothing does', () => {
    expect(state('connected')).toEqual({ kind: 'saved', text: 'Alt er lagret', waiting: 0 });
    expect(state('connected', { unsynced: true })).toEqual({ kind: 'saving', text: 'Lagrer …', waiting: 1 });
    expect(state('connected', { sending: 1 })).toMatchObject({ kind: 'saving', text: 'Lagrer …' });
  });

  it('without answers: not saved, with how many changes wait (the text counts as one)', () => {
    expect(state('offline', { unsynced: true, waiting: 2 })).toEqual({ kind: 'unsaved', text: 'Ikke lagret – frakoblet (3 endringer venter)', waiting: 3 });
    // A frozen server: the socket is open, nothing answers.
    expect(state('connecting', { sending: 1 })).toEqual({ kind: 'unsaved', text: 'Ikke lagret – frakoblet (1 endring venter)', waiting: 1 });
    expect(state('offline')).toMatchObject({ kind: 'offline', text: 'Frakoblet – ingen endringer venter' });
    expect(state('connecting')).toMatchObject({ kind: 'connecting', text: 'Kobler til …' });
  });

  it('changes that need the person come first: a conflict, a refusal, text the server will not take', () => {
    expect(state('connected', { conflicts: 1, waiting: 1 })).toEqual({ kind: 'attention', text: 'Ikke lagret – 1 endring må avklares', waiting: 1 });
    expect(state('offline', { refused: 1, stranded: true, unsynced: true })).toEqual({
      kind: 'attention',
      text: 'Ikke lagret – 2 endringer må avklares',
      waiting: 0,
    });
  });
});

describe('what is shown from this browser’s copy says so', () => {
  const now = new Date('2026-12-03T15:30:00+01:00');

  it('with the time it was fetched, in Oslo time, and the day when it was not today', () => {
    expect(staleLabel('2026-12-03T13:03:00.000Z', now)).toBe('Kan være utdatert – sist hentet kl. 14:03');
    expect(staleLabel('2026-12-01T08:15:00.000Z', now)).toBe('Kan være utdatert – sist hentet 1. des. kl. 09:15');
    // Just after midnight in Oslo is another day there, whatever UTC says.
    expect(staleLabel('2026-12-02T23:30:00.000Z', now)).toBe('Kan være utdatert – sist hentet kl. 00:30');
  });

  it('and says it is this browser’s copy when nobody knows when it was fetched', () => {
    expect(staleLabel(null, now)).toBe('Kan være utdatert – vist fra kopien i denne nettleseren');
    expect(staleLabel('not a date', now)).toBe('Kan være utdatert – vist fra kopien i denne nettleseren');
  });
});
