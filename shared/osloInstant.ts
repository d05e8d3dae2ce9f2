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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/**
 * A calendar date (`YYYY-MM-DD`) and a time of day (`HH:MM`) as milliseconds on a UTC clock, or
 * NaN when they are not a date and time at all: 31 February, 29 February outside a leap year,
 * month 13, 24:00, 12:60. The parts are set one by one and read back, for `Date.parse` rolls
 * 31 February over to 3 March rather than refuse it.
 */
function utcWallClockMs(date: string, time: string): number {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return NaN;
  const year = Number(d[1]);
  const month = Number(d[2]);
  const day = Number(d[3]);
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  // setUTCFullYear, not Date.UTC: the latter takes years 0–99 as 1900–1999.
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, 0, 0);
  const same =
    at.getUTCFullYear() === year &&
    at.getUTCMonth() === month - 1 &&
    at.getUTCDate() === day &&
    at.getUTCHours() === hour &&
    at.getUTCMinutes() === minute;
  return same ? at.getTime() : NaN;
}

/** Whether `date` (`YYYY-MM-DD`) and `time` (`HH:MM`) are a real date and time of day: not 31 February, 24:00 or 12:60. */
export function isWallTime(date: string, time: string): boolean {
  return !Number.isNaN(utcWallClockMs(date, time));
}

/** Whether `date` is a real calendar date as `YYYY-MM-DD` (not `2026-02-31` or `2026-13-01`). */
export function isCalendarDate(date: string): boolean {
  return isWallTime(date, '00:00');
}

/**
 * The instant of a wall-clock date and time in Oslo, as ISO 8601 with Oslo's offset,
 * e.g. `osloWallTimeToIso('2012-02-29', '12:00')` → `2012-02-29T12:00:00+01:00`. A RangeError
 * for what is not a date and time (`2026-02-31`, `24:00`), which is never rolled over.
 */
export function osloWallTimeToIso(date: string, time: string): string {
  const wall = utcWallClockMs(date, time);
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
