import { notificationLink, type AppNotification, type NotificationList } from '../../shared/notifications.js';
import type { NotificationRecord, Store } from '../store/types.js';

/** A stored notification as the API shows it: its payload with its id, times and the page it opens. */
export function toNotification(record: NotificationRecord): AppNotification {
  return { ...record.payload, id: record.id, createdAt: record.createdAt, readAt: record.readAt, link: notificationLink(record.payload) };
}

/** A person's notifications as the list and each stream's first event show them: the unread count and the latest. */
export async function notificationList(store: Store, username: string): Promise<NotificationList> {
  return {
    unread: await store.countUnread(username),
    notifications: (await store.listNotifications(username)).map(toNotification),
  };
}
