import { lazy } from 'react';
import { LazyPart } from '../components/LazyPart.js';
import { useNotifications } from './useNotifications.js';

/** What a notification says: loaded with the first that arrives, not with every page. */
const NotificationArrival = lazy(() => import('./NotificationArrival.js').then(({ NotificationArrival }) => ({ default: NotificationArrival })));

/** Says politely, without moving focus, a notification that arrives while the person is in the app. */
export function NotificationArrivals({ username }: { username: string }) {
  const { arrived } = useNotifications(username);
  return (
    <span className="ds-sr-only" aria-live="polite" data-testid="notification-arrived">
      {arrived && (
        <LazyPart fallback={null}>
          <NotificationArrival notification={arrived} />
        </LazyPart>
      )}
    </span>
  );
}
