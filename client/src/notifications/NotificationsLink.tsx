import { Bell } from 'lucide-react';
import { Link, paths } from '../router.js';
import { tNotifications } from '../strings.js';
import { useNotifications } from './useNotifications.js';

/**
 * *Varsler* in the header, with the number unread, live from the person's notification stream;
 * its name says the count ("Varsler, 3 uleste"). It stands in the header's menu: in the row on a
 * wide screen, as a bell with its count (the row is full with the coordinator's links), and
 * with its word in the folded menu on a narrow one, where *Meny* carries the count (MenuBadge).
 */
export function NotificationsLink({ username, current }: { username: string; current: boolean }) {
  const { unread } = useNotifications(username);
  return (
    <Link
      href={paths.notifications()}
      className="notifications-link"
      aria-label={tNotifications.linkLabel(unread)}
      aria-current={current ? 'page' : undefined}
      title={tNotifications.title}
      data-testid="notifications-link"
      data-unread={unread}
    >
      <Bell aria-hidden="true" size={20} />
      <span className="notifications-link__text">{tNotifications.title}</span>
      {unread > 0 && (
        <>
          {' '}
          <span className="notifications-link__count">{unread}</span>
        </>
      )}
    </Link>
  );
}
