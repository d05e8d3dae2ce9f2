import { DEADLINE_TIME_ZONE } from '../../shared/round.js';

const deadlineFormat = new Intl.DateTimeFormat('nb-NO', {
  timeZone: DEADLINE_TIME_ZONE,
  dateStyle: 'long',
  timeStyle: 'short',
});

/** A deadline as people in the ministries read it: Oslo time, Norwegian words. */
export function formatDeadline(iso: string): string {
  return deadlineFormat.format(new Date(iso));
}

const timeFormat = new Intl.DateTimeFormat('nb-NO', {
  timeZone: DEADLINE_TIME_ZONE,
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** When something happened (a comment, a resolution), in Oslo time. */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}
