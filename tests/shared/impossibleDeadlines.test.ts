import { describe, expect, it } from 'vitest';
import { isCalendarDate, isWallTime, osloWallTimeToIso } from '../../shared/osloInstant.js';
import { NotificationPayloadSchema } from '../../shared/notifications.js';
import { RecordedDeadlineSchema, RoundSchema } from '../../shared/round.js';
import { DeadlineInputSchema, NewRoundSchema, RoundPatchSchema } from '../../shared/roundRequests.js';
import { ReportContentSchema } from '../../shared/snapshotContent.js';

/** Date and time pairs that are not on the calendar or the clock. */
const IMPOSSIBLE: [string, string][] = [
  ['2026-02-31', '12:00'],
  ['2027-06-31', '12:00'],
  ['2027-02-29', '12:00'],
  ['2100-02-29', '12:00'],
  ['2027-13-01', '12:00'],
  ['2027-00-10', '12:00'],
  ['2027-01-00', '12:00'],
  ['2027-01-01', '24:00'],
  ['2027-01-01', '12:60'],
  ['9999-99-99', '99:99'],
];

describe('Oslo wall times that are not on the calendar', () => {
  it('are refused by osloWallTimeToIso, not rolled over to another day', () => {
    for (const [date, time] of IMPOSSIBLE) {
      expect(() => osloWallTimeToIso(date, time), `${date} ${time}`).toThrow(RangeError);
      expect(isWallTime(date, time), `${date} ${time}`).toBe(false);
    }
  });

  it('leave real ones as they were, leap days and the last minute of a year too', () => {
    expect(osloWallTimeToIso('2028-02-29', '12:00')).toBe('2028-02-29T12:00:00+01:00');
    expect(osloWallTimeToIso('2000-02-29', '00:00')).toBe('2000-02-29T00:00:00+01:00');
    expect(osloWallTimeToIso('2026-12-31', '23:59')).toBe('2026-12-31T23:59:00+01:00');
    expect(osloWallTimeToIso('2026-06-30', '09:30')).toBe('2026-06-30T09:30:00+02:00');
    expect(isWallTime('2026-01-31', '00:00')).toBe(true);
  });

  it('a calendar date alone', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-31')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-2-1')).toBe(false);
  });
});

describe('a deadline as given', () => {
  const inputs = [
    ...IMPOSSIBLE.map(([date, time]) => `${date}T${time}`),
    '2027-02-31T12:00:00+01:00',
    '2027-02-29T12:00:00Z',
    '2027-01-01T24:00:00+01:00',
    '2027-04-31T12:00:00.000Z',
  ];

  it('is a validation issue, never a thrown error, when it is not on the calendar', () => {
    for (const deadline of inputs) {
      const parsed = DeadlineInputSchema.safeParse(deadline);
      expect(parsed.success, deadline).toBe(false);
      const patch = RoundPatchSchema.safeParse({ deadline });
      expect(patch.error?.issues[0]?.path, deadline).toEqual(['deadline']);
      const created = NewRoundSchema.safeParse({ title: 'Statusrapport 2013', deadline });
      expect(created.error?.issues[0]?.path, deadline).toEqual(['deadline']);
    }
  });

  it('becomes an instant with offset when it is', () => {
    expect(DeadlineInputSchema.parse('2028-02-29T12:00')).toBe('2028-02-29T12:00:00+01:00');
    expect(DeadlineInputSchema.parse('2028-02-29T12:00:00Z')).toBe('2028-02-29T12:00:00Z');
  });
});

describe('a deadline as stored', () => {
  const stored = '2026-02-31T12:00:00+01:00';

  it('is read as stored even when older versions let an impossible date in', () => {
    expect(RecordedDeadlineSchema.parse(stored)).toBe(stored);
    expect(RecordedDeadlineSchema.parse('2026-12-01T12:00:00.123Z')).toBe('2026-12-01T12:00:00.123Z');
    const round = { id: 'r1', title: 'Runde', deadline: stored, state: 'frozen', frozenAt: null, previousRoundId: null };
    expect(RoundSchema.parse(round).deadline).toBe(stored);
    const content = { round: { id: 'r1', title: 'Runde', planTitle: 'Plan', reportTitle: 'Rapport', deadline: stored, intro: '' }, measures: [] };
    expect(ReportContentSchema.parse(content)).toEqual(content);
    const reminder = { kind: 'deadline', roundId: 'r1', roundTitle: 'Runde', deadline: stored, hoursBefore: 24, ministry: 'JD', measures: [1] };
    expect(NotificationPayloadSchema.parse(reminder)).toEqual(reminder);
  });

  it('is still an instant in shape', () => {
    for (const value of ['', 'snart', '2026-02-31', '2026-02-31T12:00', '31.02.2026 12:00', '2026-02-31T12:00:00+0100']) {
      expect(RecordedDeadlineSchema.safeParse(value).success, value).toBe(false);
    }
  });
});
