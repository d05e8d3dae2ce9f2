import { DEADLINE_TIME_ZONE } from './round.js';

// From a wall-clock time in Oslo to an instant: what the server, the audit log's filters and the
// deadlines people type need. Apart from osloTime.ts, whose dates the overview shows.

/** Offset of Europe/Oslo from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function osloOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: DEADLINE_TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * The instant of a wall-clock date and time in Oslo, as ISO 8601 with Oslo's offset,
 * e.g. `osloWallTimeToIso('2012-02-29', '12:00')` → `2012-02-29T12:00:00+01:00`.
 */
export function osloWallTimeToIso(date: string, time: string): string {
  const wall = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(wall)) throw new RangeError(`not a date and time: ${date} ${time}`);
  // The offset depends on the instant we are looking for; two steps settle it at DST edges.
  let offset = osloOffsetMinutes(new Date(wall));
  offset = osloOffsetMinutes(new Date(wall - offset * 60_000));
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${date}T${time}:00${sign}${hh}:${mm}`;
}
