import { DEADLINE_TIME_ZONE } from '../../../shared/round.js';

const wallFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: DEADLINE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the date and time on the wall in Oslo, as date and time inputs take them (`2026-12-12`, `12:00`). */
export function osloWallTime(iso: string): { date: string; time: string } {
  const parts = wallFormat.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** A date input's and a time input's values as the API's Oslo wall time, `YYYY-MM-DDTHH:MM`. */
export function wallTimeValue(date: string, time: string): string {
  // A browser may add seconds (`12:00:00`); the API takes minutes.
  return `${date}T${time.slice(0, 5)}`;
}
