import { describe, expect, it } from 'vitest';
import { osloDate } from '../../shared/osloTime.js';
import { osloWallTimeToIso } from '../../shared/osloInstant.js';

describe('Oslo wall time', () => {
  it('uses +01:00 in winter and +02:00 in summer', () => {
    expect(osloWallTimeToIso('2012-02-29', '12:00')).toBe('2012-02-29T12:00:00+01:00');
    expect(osloWallTimeToIso('2026-06-15', '09:30')).toBe('2026-06-15T09:30:00+02:00');
  });

  it('is the same instant as the wall time in Oslo', () => {
    const iso = osloWallTimeToIso('2026-03-29', '12:00'); // the day summer time starts
    const shown = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
    expect(shown).toBe('12:00');
  });

  it('gives the Oslo calendar date of an instant', () => {
    expect(osloDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('rejects what is not a date', () => {
    expect(() => osloWallTimeToIso('31.12.2026', '12:00')).toThrow(RangeError);
  });
});
