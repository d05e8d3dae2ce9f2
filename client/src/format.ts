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
