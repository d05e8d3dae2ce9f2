import { describe, expect, it } from 'vitest';
import { combineLinks, currentConnection, openLink } from '../../client/src/connection.js';

/** The header's connection state: derived from the links open now, never reset by a page. */
describe('connection state in the header', () => {
  it('is the worst open link, offline whenever the browser is, and unsynced when any link holds edits', () => {
    expect(combineLinks([], true)).toEqual({ state: 'connected', unsynced: false });
    expect(combineLinks([], false)).toEqual({ state: 'offline', unsynced: false });
    const events = { state: 'connected' as const, unsynced: false };
    const sync = { state: 'connecting' as const, unsynced: true };
    expect(combineLinks([events, sync], true)).toEqual({ state: 'connecting', unsynced: true });
    expect(combineLinks([events, { state: 'offline', unsynced: false }, sync], true)).toEqual({ state: 'offline', unsynced: true });
  });

  it('a released link no longer counts: a page without live data shows connected without resetting anything', () => {
    expect(currentConnection()).toEqual({ state: 'connected', unsynced: false });
    const stream = openLink();
    expect(currentConnection().state).toBe('connecting');
    const sync = openLink();
    stream.set('connected');
    sync.set({ state: 'offline', unsynced: true });
    expect(currentConnection()).toEqual({ state: 'offline', unsynced: true });
    sync.release();
    expect(currentConnection()).toEqual({ state: 'connected', unsynced: false });
    // A late report from a closed stream changes nothing.
    stream.release();
    stream.set('offline');
    expect(currentConnection()).toEqual({ state: 'connected', unsynced: false });
  });
});
