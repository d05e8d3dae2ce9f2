import { Bell, Clock } from 'lucide-react';
import { Link, paths } from '../router.js';
import { tNotifications } from '../strings.js';
import { tStaleCounts } from '../strings/staleCounts.js';
import { useNotifications } from './useNotifications.js';
import './staleCount.css';

/**
 * *Varsler* in the header, with the number unread, live from the person's notification stream;
 * its name says the count ("Varsler, 3 uleste"). It stands in the header's menu: in the row on a
 * wide screen, as a bell with its count (the row is full with the coordinator's links), and
 * with its word in the folded menu on a narrow one, where *Meny* carries the count (MenuBadge).
 * A count from this browser's copy (an offline reload) is outlined with a clock and said to be
 * possibly out of date, until the stream is back.
 */
export function NotificationsLink({ username, current }: { username: string; current: boolean }) {
  const { unread, copy } = useNotifications(username);
  const stale = copy !== null;
  const label = tNotifications.linkLabel(unread);
  return (
    <Link
      href={paths.notifications()}
      className="notifications-link"
      aria-label={stale ? tStaleCounts.linkLabel(label) : label}
      aria-current={current ? 'page' : undefined}
      title={stale ? tStaleCounts.linkLabel(tNotifications.title) : tNotifications.title}
      data-testid="notifications-link"
      data-unread={unread}
      data-stale={stale || undefined}
    >
      <Bell aria-hidden="true" size={20} />
      <span className="notifications-link__text">{tNotifications.title}</span>
      {unread > 0 && (
        <>
          {' '}
          <span className="notifications-link__count" data-stale={stale || undefined}>
            {stale && <Clock aria-hidden="true" size={10} />}
            {unread}
          </span>
        </>
      )}
    </Link>
  );
}
