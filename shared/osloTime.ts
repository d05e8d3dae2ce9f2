import { DEADLINE_TIME_ZONE } from './round.js';

/** The calendar date in Oslo of an instant, as YYYY-MM-DD. */
export function osloDate(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: DEADLINE_TIME_ZONE }).format(at);
}

/** The hour (0–23) on the wall in Oslo at an instant. */
export function osloHour(at: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: DEADLINE_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(at));
}
