import type { NotificationEvent } from '../../shared/notifications.js';

export interface NotificationSubscriber {
  onEvent(event: NotificationEvent): void;
  /** The server is shutting down: end the stream. */
  onClose(): void;
}

/** Fans a person's notification events out to every open notification stream of theirs (each tab). */
export class NotificationHub {
  private readonly subscribers = new Map<string, Set<NotificationSubscriber>>();

  /** Subscribes to a person's events; returns the unsubscribe function. */
  subscribe(username: string, subscriber: NotificationSubscriber): () => void {
    let set = this.subscribers.get(username);
    if (!set) {
      set = new Set();
      this.subscribers.set(username, set);
    }
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(username) === set) this.subscribers.delete(username);
    };
  }

  /** Sends an event to every stream of its person; one failing stream neither stops the others nor the publisher. */
  publish(username: string, event: NotificationEvent): void {
    for (const subscriber of this.subscribers.get(username) ?? []) {
      try {
        subscriber.onEvent(event);
      } catch {
        subscriber.onClose();
      }
    }
  }

  /** Open streams, of everyone (for the metrics). */
  streamCount(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  /** Ends every stream (graceful shutdown). */
  closeAll(): void {
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.onClose();
    this.subscribers.clear();
  }
}
