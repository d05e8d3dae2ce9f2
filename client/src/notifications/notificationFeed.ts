import type { AppNotification, MarkReadResponse, NotificationEvent, NotificationList } from '../../../shared/notifications.js';
import type { BrowserCopy } from '../api.js';

/** What the header and the notifications page show: the person's notifications, newest first, and how many are unread. */
export interface FeedSnapshot {
  /** Null until the stream's first snapshot (or a read) has come. */
  notifications: readonly AppNotification[] | null;
  unread: number;
  /** The newest notification that arrived live (not in a snapshot), for a polite announcement. */
  arrived: AppNotification | null;
  /** What is shown is this browser's copy of an earlier list (an offline reload), until the stream's first snapshot. */
  copy: BrowserCopy | null;
}

const EMPTY: FeedSnapshot = { notifications: null, unread: 0, arrived: null, copy: null };

/**
 * The signed-in person's notifications, kept current without React: the stream's `snapshot`
 * replaces them, a `notification` comes first, a `read` marks some read; each event carries
 * the unread count as the server has it after it. The answer to one's own *Merk som lest* may
 * come before or after the stream's `read` event for it: it marks the ids read here and counts
 * down by those that were unread until then, so that the event that follows changes nothing,
 * and an answer that comes after its event (already applied) changes nothing either.
 */
export class NotificationFeed {
  private snapshot: FeedSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): FeedSnapshot => this.snapshot;

  /** One event of the live stream. */
  apply(event: NotificationEvent): void {
    switch (event.type) {
      case 'snapshot':
        this.set({ notifications: event.notifications, unread: event.unread, arrived: null, copy: null });
        return;
      case 'notification': {
        const others = (this.snapshot.notifications ?? []).filter((n) => n.id !== event.notification.id);
        this.set({ ...this.snapshot, notifications: [event.notification, ...others], unread: event.unread, arrived: event.notification });
        return;
      }
      case 'read':
        this.set({ ...this.snapshot, ...this.markRead(event.ids, new Date().toISOString()), unread: event.unread });
        return;
    }
  }

  /**
   * A list read over HTTP, taken only while the stream has given none (it is as new as the
   * stream's or older); one from this browser's copy says so until the stream's snapshot.
   */
  applyList(list: NotificationList, copy: BrowserCopy | null = null): void {
    if (this.snapshot.notifications !== null) return;
    this.set({ notifications: list.notifications, unread: list.unread, arrived: null, copy });
  }

  /** The server's answer to marking some read (`POST /api/notifications/read`), at `at` (ISO). */
  applyReadAnswer(answer: MarkReadResponse, at: string = new Date().toISOString()): void {
    const before = this.snapshot.notifications ?? [];
    const newlyRead = before.filter((n) => n.readAt === null && answer.read.includes(n.id)).length;
    if (newlyRead === 0) return;
    const { notifications } = this.markRead(answer.read, at);
    this.set({ ...this.snapshot, notifications, unread: Math.max(0, this.snapshot.unread - newlyRead) });
  }

  /** Forgets everything (another person signs in). */
  clear(): void {
    this.set(EMPTY);
  }

  private markRead(ids: readonly string[], at: string): Pick<FeedSnapshot, 'notifications'> {
    const wanted = new Set(ids);
    const now = this.snapshot.notifications;
    if (now === null) return { notifications: null };
    return { notifications: now.map((n) => (n.readAt === null && wanted.has(n.id) ? { ...n, readAt: at } : n)) };
  }

  private set(next: FeedSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
