import { tNotifications } from '../strings.js';
import { notificationSummary } from './notificationText.js';
import { useNotifications } from './useNotifications.js';

/** Says politely, without moving focus, a notification that arrives while the person is in the app. */
export function NotificationArrivals({ username }: { username: string }) {
  const { arrived } = useNotifications(username);
  return (
    <span className="ds-sr-only" aria-live="polite" data-testid="notification-arrived">
      {arrived ? tNotifications.arrived(notificationSummary(arrived)) : ''}
    </span>
  );
}
