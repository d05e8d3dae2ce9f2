import { describe, expect, it } from 'vitest';
import { filterFromSearch, searchOfFilter } from '../../client/src/pages/overview/filterAddress.js';
import { NO_FILTER, type MeasureFilter } from '../../client/src/pages/overview/measureFilters.js';
import { paths, rememberOverviewSearch } from '../../client/src/router.js';

/** The overview's filters in its address: what Back, a reload and a shared link bring back. */
describe('the overview filters in the address', () => {
  it('no filter is no query string, and an empty query string is no filter', () => {
    expect(searchOfFilter(NO_FILTER)).toBe('');
    expect(filterFromSearch('')).toEqual(NO_FILTER);
    expect(filterFromSearch('?')).toEqual(NO_FILTER);
    expect(paths.overview('statusrapport-2012-02', searchOfFilter(NO_FILTER))).toBe('/runder/statusrapport-2012-02');
  });

  it('every filter survives the address, as words people can read', () => {
    const filter: MeasureFilter = {
      ministry: 'JD',
      status: 'Under gjennomføring',
      readiness: 'missing',
      mineOnly: true,
      mineNotReady: true,
      query: 'identifisere ofre ',
    };
    const search = searchOfFilter(filter);
    expect(search).toBe('?departement=JD&status=Under+gjennomf%C3%B8ring&klarmelding=mangler&mine=ja&mine-ikke-klare=ja&sok=identifisere+ofre+');
    expect(filterFromSearch(search)).toEqual(filter);
    expect(filterFromSearch(searchOfFilter({ ...NO_FILTER, readiness: 'ready' })).readiness).toBe('ready');
  });

  it('the same filters always give the same address, in a fixed order', () => {
    expect(searchOfFilter({ ...NO_FILTER, query: 'a', ministry: 'UD' })).toBe('?departement=UD&sok=a');
    expect(filterFromSearch('?sok=a&departement=UD')).toEqual({ ...NO_FILTER, ministry: 'UD', query: 'a' });
  });

  it('what is unknown or mistyped in an address is left out, not guessed', () => {
    expect(filterFromSearch('?departement=XX&status=Nesten+ferdig&klarmelding=kanskje&mine=1&mine-ikke-klare=true&annet=x')).toEqual(NO_FILTER);
    // A ministry code is exact: the list of ministries says "JD".
    expect(filterFromSearch('?departement=jd').ministry).toBe('');
  });

  it('search text is kept as typed, with characters that mean something in an address', () => {
    const query = 'a&b=c #7 æøå?';
    expect(filterFromSearch(searchOfFilter({ ...NO_FILTER, query })).query).toBe(query);
  });
});

describe('a link back to the overview', () => {
  it('shows the filters the overview had when it was left', () => {
    expect(paths.overviewAsLeft('r')).toBe('/runder/r');
    rememberOverviewSearch('r', searchOfFilter({ ...NO_FILTER, ministry: 'JD' }));
    expect(paths.overviewAsLeft('r')).toBe('/runder/r?departement=JD');
    expect(paths.overviewAsLeft('other')).toBe('/runder/other');
    rememberOverviewSearch('r', '');
    expect(paths.overviewAsLeft('r')).toBe('/runder/r');
  });
});
