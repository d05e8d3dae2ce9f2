import { tNotifications } from '../strings.js';
import { useNotifications } from './useNotifications.js';

/**
 * The unread count on *Meny* (narrow screens, where *Varsler* is folded into the menu), so that
 * it stays in sight: a number on the button's corner, and words for screen readers
 * ("Meny, 3 uleste varsler").
 */
export function MenuBadge({ username }: { username: string }) {
  const { unread } = useNotifications(username);
  if (unread === 0) return null;
  return (
    <>
      <span className="ds-sr-only">{tNotifications.menuUnread(unread)}</span>
      <span className="menu-badge" aria-hidden="true" data-testid="menu-badge">
        {unread}
      </span>
    </>
  );
}
