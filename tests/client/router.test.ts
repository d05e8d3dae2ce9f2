import { describe, expect, it } from 'vitest';
import { decodePart, matchRoute } from '../../client/src/router.js';
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
