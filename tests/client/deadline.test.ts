import { describe, expect, it } from 'vitest';
import { deadlineDistance, formatDeadlineDay } from '../../client/src/deadline.js';
import { tReady } from '../../client/src/strings.js';

const lead = (deadline: string, now: string): string => {
  const distance = deadlineDistance(deadline, new Date(now));
  return tReady.deadlineLead(distance, distance.unit === 'now' || distance.past);
};

/** The overview's deadline line: Oslo's wall clock, the words people use, days by the calendar. */
describe('how far away a deadline is, in words', () => {
  // Friday 12 December 2025, 12:00 in Oslo (UTC+1).
  const deadline = '2025-12-12T12:00:00+01:00';

  it('counts calendar days in Oslo, not 24-hour periods', () => {
    expect(lead(deadline, '2025-12-09T09:00:00+01:00')).toBe('Frist om 3 dager, ');
    // 22:30 on Thursday is 13.5 hours before: tomorrow on the wall.
    expect(lead(deadline, '2025-12-11T22:30:00+01:00')).toBe('Frist i morgen, ');
    // 23:30 UTC on the 11th is already the 12th in Oslo.
    expect(lead('2025-12-12T23:50:00+01:00', '2025-12-11T23:30:00Z')).toBe('Frist i dag, ');
  });

  it('says hours, minutes and seconds as the deadline comes near, and rounds a countdown up', () => {
    expect(lead(deadline, '2025-12-12T07:00:00+01:00')).toBe('Frist om 5 timer, ');
    expect(lead(deadline, '2025-12-12T11:59:00+01:00')).toBe('Frist om 1 minutt, ');
    expect(lead(deadline, '2025-12-12T11:15:00+01:00')).toBe('Frist om 45 minutter, ');
    expect(lead(deadline, '2025-12-12T11:59:59.200+01:00')).toBe('Frist om 1 sekund, ');
    expect(lead(deadline, '2025-12-12T11:59:30+01:00')).toBe('Frist om 30 sekunder, ');
  });

  it('says how long ago a passed deadline was', () => {
    expect(lead(deadline, '2025-12-12T12:00:00.400+01:00')).toBe('Fristen gikk ut akkurat nå, ');
    expect(lead(deadline, '2025-12-12T12:02:10+01:00')).toBe('Fristen gikk ut for 2 minutter siden, ');
    expect(lead(deadline, '2025-12-13T09:00:00+01:00')).toBe('Fristen gikk ut i går, ');
    expect(lead(deadline, '2025-12-20T09:00:00+01:00')).toBe('Fristen gikk ut for 8 dager siden, ');
  });

  it('writes the date on Oslo’s wall with the weekday, and the year only when it is not this one', () => {
    expect(formatDeadlineDay(deadline, new Date('2025-12-01T00:00:00Z'))).toBe('fredag 12. desember kl. 12:00');
    expect(formatDeadlineDay(deadline, new Date('2024-12-01T00:00:00Z'))).toBe('fredag 12. desember 2025 kl. 12:00');
    // Summer time: 10:00 UTC is 12:00 in Oslo.
    expect(formatDeadlineDay('2026-06-05T10:00:00Z', new Date('2026-01-01T00:00:00Z'))).toBe('fredag 5. juni kl. 12:00');
  });
});
