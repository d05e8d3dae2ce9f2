import { Button, Tag } from '@digdir/designsystemet-react';
import type { AppNotification } from '../../../shared/notifications.js';
import { formatDeadline, formatTime } from '../format.js';
import { Link } from '../router.js';
import { tNotificationsPage } from '../strings/notifications.js';
import { notificationHeadline, notificationSubject } from './notificationText.js';

/** The id of a notification's link, where focus goes once it is marked read (its button goes). */
export const notificationLinkId = (id: string): string => `varsel-${id}`;

/**
 * One notification: read or not (a word, not only a weight), what happened and who did it, the
 * measure (or round) as a link to open it, when (Oslo time), and the comment's words. Following
 * the link marks it read; so does *Merk som lest*.
 */
export function NotificationItem({ notification, onMarkRead, onOpen }: { notification: AppNotification; onMarkRead: () => void; onOpen: () => void }) {
  const unread = notification.readAt === null;
  const headline = notificationHeadline(notification);
  return (
    <li className="notification" data-unread={String(unread)} data-kind={notification.kind} data-testid="notification" data-notification-id={notification.id}>
      <div className="notification__top">
        <Tag data-color={unread ? 'accent' : 'neutral'} data-size="sm" className="notification__state">
          {unread ? tNotificationsPage.unread : tNotificationsPage.read}
        </Tag>
        <time dateTime={notification.createdAt} className="notification__time">
          {formatTime(notification.createdAt)}
        </time>
      </div>
      <p className="notification__headline">{headline}</p>
      <p className="notification__subject">
        <Link id={notificationLinkId(notification.id)} href={notification.link} onClick={onOpen} data-testid="notification-link">
          {notificationSubject(notification)}
        </Link>
      </p>
      {(notification.kind === 'mention' || notification.kind === 'reply') && notification.excerpt !== '' && (
        <blockquote className="notification__excerpt">{notification.excerpt}</blockquote>
      )}
      <p className="notification__meta">
        {notification.kind === 'deadline'
          ? `${tNotificationsPage.inRound(notification.roundTitle)}. ${tNotificationsPage.deadlineAt(formatDeadline(notification.deadline))}`
          : tNotificationsPage.inRound(notification.roundTitle)}
      </p>
      {unread && (
        <Button variant="tertiary" data-size="sm" onClick={onMarkRead} aria-label={tNotificationsPage.markReadOf(headline)} data-testid="notification-mark-read">
          {tNotificationsPage.markRead}
        </Button>
      )}
    </li>
  );
}
