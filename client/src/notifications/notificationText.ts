import type { AppNotification } from '../../../shared/notifications.js';
import { t } from '../strings.js';
import { tNotificationText } from '../strings/notificationText.js';

/** What happened, in one sentence without its measure: "Redaktør JD (JD) nevnte UD". */
export function notificationHeadline(notification: AppNotification): string {
  switch (notification.kind) {
    case 'mention': {
      const by = t.authorName(notification.by.name, notification.by.ministry);
      return notification.via === null ? tNotificationText.mentionYou(by) : tNotificationText.mentionMinistry(by, notification.via);
    }
    case 'reply':
      return tNotificationText.reply(t.authorName(notification.by.name, notification.by.ministry));
    case 'status':
      return tNotificationText.status(t.authorName(notification.by.name, notification.by.ministry), notification.from, notification.to);
    case 'deadline':
      return tNotificationText.deadline(notification.hoursBefore, notification.ministry, tNotificationText.deadlineMeasures(notification.measures));
  }
}

/** The page a notification is about, as its link says it: the measure, or the round for a deadline. */
export function notificationSubject(notification: AppNotification): string {
  return notification.kind === 'deadline'
    ? tNotificationText.openRound
    : tNotificationText.measure(notification.measure, notification.measureTitle);
}

/** The whole notification in one line, for an announcement: "Redaktør JD (JD) nevnte UD – Tiltak 5: …". */
export function notificationSummary(notification: AppNotification): string {
  return notification.kind === 'deadline'
    ? notificationHeadline(notification)
    : `${notificationHeadline(notification)} – ${notificationSubject(notification)}`;
}
