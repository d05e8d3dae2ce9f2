import { Clock } from 'lucide-react';
import { tNotifications } from '../strings.js';
import { tStaleCounts } from '../strings/staleCounts.js';
import { useNotifications } from './useNotifications.js';

/**
 * The unread count on *Meny* (narrow screens, where *Varsler* is folded into the menu), so that
 * it stays in sight: a number on the button's corner, and words for screen readers
 * ("Meny, 3 uleste varsler"); from this browser's copy, outlined with a clock and said to be
 * possibly out of date (styles in staleCount.css, loaded with NotificationsLink).
 */
export function MenuBadge({ username }: { username: string }) {
  const { unread, copy } = useNotifications(username);
  if (unread === 0) return null;
  const stale = copy !== null;
  return (
    <>
      <span className="ds-sr-only">{stale ? tStaleCounts.menuUnread(tNotifications.menuUnread(unread)) : tNotifications.menuUnread(unread)}</span>
      <span className="menu-badge" aria-hidden="true" data-testid="menu-badge" data-stale={stale || undefined}>
        {stale && <Clock aria-hidden="true" size={10} />}
        {unread}
      </span>
    </>
  );
}
