import type { NotificationEvent } from '../../shared/notifications.js';
import { StreamSubscribers, type StreamSubscriber } from './StreamSubscribers.js';

export type NotificationSubscriber = StreamSubscriber<NotificationEvent>;

/** Fans a person's notification events out to every open notification stream of theirs (each tab). */
export class NotificationHub {
  private readonly streams = new StreamSubscribers<NotificationEvent>();

  /** Subscribes to a person's events; returns the unsubscribe function. */
  subscribe(username: string, subscriber: NotificationSubscriber): () => void {
    return this.streams.subscribe(username, subscriber);
  }

  /** Sends an event to every stream of its person. */
  publish(username: string, event: NotificationEvent): void {
    this.streams.send(username, event);
  }

  /** The people with an open stream here. */
  followedPeople(): string[] {
    return this.streams.keys();
  }

  /** Open streams, of everyone (for the metrics). */
  streamCount(): number {
    return this.streams.count();
  }

  /** Ends every stream (graceful shutdown). */
  closeAll(): void {
    this.streams.closeAll();
  }
}
