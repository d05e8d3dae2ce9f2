import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import { StaleNote } from '../components/StaleNote.js';
import { tNotifications } from '../strings.js';
import { tNotificationsPage } from '../strings/notifications.js';
import { EmailSettings } from './EmailSettings.js';
import { NotificationItem, notificationLinkId } from './NotificationItem.js';
import { useNotifications } from './useNotifications.js';

/**
 * `/varsler`: the person's notifications, newest first and live, each marked read by itself,
 * by following its link, or all at once; then how they want them by e-mail. What marking did
 * (or why it did not) is said in a status region, and focus stays on the item (its link) or
 * goes to the heading once all are read. A list from this browser's copy (an offline reload)
 * says so until the stream's snapshot is fresh.
 */
export default function NotificationsPage({ user }: { user: SessionUser }) {
  const { notifications, unread, copy, markRead, markAllRead } = useNotifications(user.username);
  const [said, setSaid] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const mark = async (what: () => Promise<void>, done: string, focus: () => void): Promise<void> => {
    setSaid('');
    try {
      await what();
      setSaid(done);
      focus();
    } catch {
      setSaid(tNotificationsPage.markFailed);
    }
  };
  const markOne = (id: string) =>
    void mark(() => markRead([id]), tNotificationsPage.markedRead, () => document.getElementById(notificationLinkId(id))?.focus());
  const markAll = () => void mark(markAllRead, tNotificationsPage.markedAllRead, () => heading.current?.focus());

  return (
    <main id="main" className="page notifications" data-testid="notifications-page">
      <Heading level={1} data-size="lg" ref={heading} tabIndex={-1}>
        {tNotifications.title}
      </Heading>
      <Paragraph className="page__meta">{tNotificationsPage.intro}</Paragraph>
      <StaleNote copy={copy} testId="notifications-stale" />
      <div className="notifications__bar">
        <Paragraph data-testid="notifications-unread">{tNotificationsPage.unreadCount(unread)}</Paragraph>
        {unread > 0 && (
          <Button variant="secondary" data-size="sm" onClick={markAll} data-testid="notifications-mark-all">
            {tNotificationsPage.markAllRead}
          </Button>
        )}
      </div>
      <p role="status" className="notifications__said" data-testid="notifications-said">
        {said}
      </p>
      {notifications === null ? (
        <Paragraph>{tNotificationsPage.loading}</Paragraph>
      ) : notifications.length === 0 ? (
        <Paragraph>{tNotificationsPage.none}</Paragraph>
      ) : (
        <ul aria-label={tNotificationsPage.listLabel} className="notifications__list" data-testid="notifications-list">
          {notifications.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              onMarkRead={() => markOne(notification.id)}
              onOpen={() => {
                if (notification.readAt === null) void markRead([notification.id]).catch(() => undefined);
              }}
            />
          ))}
        </ul>
      )}
      <EmailSettings username={user.username} />
    </main>
  );
}
