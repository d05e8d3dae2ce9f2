import type { AppNotification } from '../../../shared/notifications.js';
import { tNotificationText } from '../strings/notificationText.js';
import { notificationSummary } from './notificationText.js';

/** What is said when a notification arrives while the person is in the app (NotificationArrivals loads it then). */
export function NotificationArrival({ notification }: { notification: AppNotification }) {
  return <>{tNotificationText.arrived(notificationSummary(notification))}</>;
}
