import { DEADLINE_TIME_ZONE } from '../../shared/round.js';
import { tSaving } from './strings/saving.js';

const timeFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: DEADLINE_TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: DEADLINE_TIME_ZONE, day: 'numeric', month: 'short' });
const dateKey = new Intl.DateTimeFormat('en-CA', { timeZone: DEADLINE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * What to say about something shown from this browser's copy rather than from the server now:
 * "Kan være utdatert – sist hentet kl. 14:03" (Oslo time; with the day when it was not today),
 * or, when nobody knows when it was fetched, that it is this browser's copy.
 */
export function staleLabel(fetchedAt: string | null, now: Date = new Date()): string {
  const at = fetchedAt === null ? NaN : Date.parse(fetchedAt);
  if (!Number.isFinite(at)) return tSaving.staleUnknown;
  const when = new Date(at);
  const time = timeFormat.format(when);
  const sameDay = dateKey.format(when) === dateKey.format(now);
  return tSaving.staleAt(sameDay ? tSaving.atTime(time) : tSaving.atDayTime(dayFormat.format(when), time));
}

