import { notificationLink, type AppNotification } from '../../shared/notifications.js';
import type { NotificationRecord } from '../store/types.js';

/** A stored notification as the API shows it: its payload with its id, times and the page it opens. */
export function toNotification(record: NotificationRecord): AppNotification {
  return { ...record.payload, id: record.id, createdAt: record.createdAt, readAt: record.readAt, link: notificationLink(record.payload) };
}
