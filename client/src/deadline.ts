import { DEADLINE_TIME_ZONE } from '../../shared/round.js';
import { osloDate } from '../../shared/osloTime.js';

const SECOND_MS = 1_000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
/** Up to this far from the deadline, hours say more than "today" or "tomorrow". */
const HOURS_UNTIL_MS = 12 * HOUR_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * How far a deadline is from now, in the unit people would say it in: seconds, minutes, hours,
 * then calendar days in Oslo (so that "tomorrow" is tomorrow on the wall, not in 24 hours).
 */
export type DeadlineDistance =
  | { unit: 'now' }
  | { unit: 'second' | 'minute' | 'hour' | 'day'; value: number; past: boolean };

/** The distance from `now` to `deadline` (an ISO instant). */
export function deadlineDistance(deadline: string, now: Date): DeadlineDistance {
  const at = new Date(deadline);
  const diff = at.getTime() - now.getTime();
  const past = diff <= 0;
  const abs = Math.abs(diff);
  if (past && abs < SECOND_MS) return { unit: 'now' };
  // Counting down, a part of a unit still left counts as one ("om 1 sekund" until it is there).
  const count = (unit: number): number => Math.max(1, past ? Math.floor(abs / unit) : Math.ceil(abs / unit));
  if (abs < MINUTE_MS) return { unit: 'second', value: count(SECOND_MS), past };
  if (abs < HOUR_MS) return { unit: 'minute', value: Math.floor(abs / MINUTE_MS), past };
  if (abs < HOURS_UNTIL_MS) return { unit: 'hour', value: Math.floor(abs / HOUR_MS), past };
  const days = Math.round((Date.parse(osloDate(at)) - Date.parse(osloDate(now))) / DAY_MS);
  return { unit: 'day', value: Math.abs(days), past };
}

const withYear = new Intl.DateTimeFormat('nb-NO', {
  timeZone: DEADLINE_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const withoutYear = new Intl.DateTimeFormat('nb-NO', {
  timeZone: DEADLINE_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

/** A deadline on Oslo's wall, with the weekday: "fredag 12. desember kl. 12:00" (the year when it is not this one). */
export function formatDeadlineDay(deadline: string, now: Date): string {
  const at = new Date(deadline);
  const sameYear = osloDate(at).slice(0, 4) === osloDate(now).slice(0, 4);
  return (sameYear ? withoutYear : withYear).format(at);
}
