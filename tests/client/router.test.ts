import { describe, expect, it } from 'vitest';
import { decodePart, matchRoute, paths } from '../../client/src/router.js';
import { threadIdFromHash } from '../../client/src/threads/threadLinks.js';

describe('matchRoute: an address that does not decode is a page not found, not a crash', () => {
  it('malformed percent-encoding in any decoded part gives notFound', () => {
    for (const path of [
      '/runder/%E0',
      '/runder/%E0/',
      '/runder/%E0/tiltak/3',
      '/runder/%zz/innstillinger',
      '/runder/%/oyeblikksbilder',
      '/runder/%C3/endringer',
      '/oyeblikksbilder/%E0%A4',
    ]) {
      expect(() => matchRoute(path), path).not.toThrow();
      expect(matchRoute(path), path).toEqual({ name: 'notFound' });
    }
  });

  it('well-formed addresses still decode', () => {
    expect(matchRoute('/runder/r%C3%B8d')).toEqual({ name: 'overview', roundId: 'rød' });
    expect(matchRoute('/runder/statusrapport-2012-02/tiltak/10')).toEqual({
      name: 'measure',
      roundId: 'statusrapport-2012-02',
      number: 10,
    });
    expect(matchRoute('/runder/a%2Fb/endringer')).toEqual({ name: 'changes', roundId: 'a/b' });
    expect(matchRoute('/oyeblikksbilder/abc')).toEqual({ name: 'snapshot', id: 'abc' });
    expect(matchRoute('/runder')).toEqual({ name: 'rounds' });
    expect(matchRoute('/')).toEqual({ name: 'home' });
  });

  it('decodePart and a thread link in the address fragment', () => {
    expect(decodePart('%E0')).toBeNull();
    expect(decodePart('%C3%A6')).toBe('æ');
    expect(threadIdFromHash('#kommentar-%E0')).toBeNull();
    expect(threadIdFromHash('#kommentar-abc%2D1')).toBe('abc-1');
  });
});

describe('matchRoute: every address the app makes leads back to its page', () => {
  const ids = ['statusrapport-2012-02', 'rød runde', 'a/b', '100%', 'æøå?#'];

  it('paths.* and matchRoute agree, whatever the id holds', () => {
    for (const id of ids) {
      expect(matchRoute(paths.overview(id)), id).toEqual({ name: 'overview', roundId: id });
      expect(matchRoute(paths.measure(id, 35)), id).toEqual({ name: 'measure', roundId: id, number: 35 });
      expect(matchRoute(paths.roundSettings(id)), id).toEqual({ name: 'roundSettings', roundId: id });
      expect(matchRoute(paths.snapshots(id)), id).toEqual({ name: 'snapshots', roundId: id });
      expect(matchRoute(paths.snapshot(id)), id).toEqual({ name: 'snapshot', id });
      // The choice of versions lives in the query, which is not part of the path matched.
      const changes = new URL(paths.changes(id, 'fra-id', 'live'), 'http://x');
      expect(changes.search).toBe('?fra=fra-id&til=live');
      expect(matchRoute(changes.pathname), id).toEqual({ name: 'changes', roundId: id });
    }
    expect(matchRoute(paths.rounds())).toEqual({ name: 'rounds' });
    expect(paths.changes('r')).toBe('/runder/r/endringer');
  });

  it('takes a trailing slash, and nothing else after a page', () => {
    expect(matchRoute('/runder/r/')).toEqual({ name: 'overview', roundId: 'r' });
    expect(matchRoute('/runder/r/tiltak/3/')).toEqual({ name: 'measure', roundId: 'r', number: 3 });
    expect(matchRoute('/runder/')).toEqual({ name: 'rounds' });
    expect(matchRoute('/runder/r/oyeblikksbilder/')).toEqual({ name: 'snapshots', roundId: 'r' });
    for (const path of ['/runder/r/tiltak/3/mer', '/runder/r/ukjent', '/runder/r/tiltak', '/oyeblikksbilder', '/oyeblikksbilder/a/b', '/ukjent', '//']) {
      expect(matchRoute(path), path).toEqual({ name: 'notFound' });
    }
  });

  it('a measure number is a positive integer of at most three digits, as in the room names', () => {
    expect(matchRoute('/runder/r/tiltak/1')).toMatchObject({ name: 'measure', number: 1 });
    expect(matchRoute('/runder/r/tiltak/999')).toMatchObject({ name: 'measure', number: 999 });
    for (const number of ['0', '010', '1000', '-1', '1.5', '1e2', 'ti']) {
      expect(matchRoute(`/runder/r/tiltak/${number}`), number).toEqual({ name: 'notFound' });
    }
  });
});
