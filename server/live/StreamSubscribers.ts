/** An open event stream: it gets each event, and is told to end at shutdown. */
export interface StreamSubscriber<E> {
  onEvent(event: E): void;
  /** The server is shutting down (or sending failed): end the stream. */
  onClose(): void;
}

/**
 * The open streams of a hub, by key (a round, a person): subscribe, send to every stream of a
 * key, count, end them all. One failing stream neither stops the others nor the sender.
 */
export class StreamSubscribers<E> {
  private readonly byKey = new Map<string, Set<StreamSubscriber<E>>>();

  /** Adds a stream under `key`; returns the function that removes it. */
  subscribe(key: string, subscriber: StreamSubscriber<E>): () => void {
    let set = this.byKey.get(key);
    if (!set) {
      set = new Set();
      this.byKey.set(key, set);
    }
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.byKey.get(key) === set) this.byKey.delete(key);
    };
  }

  send(key: string, event: E): void {
    for (const subscriber of this.byKey.get(key) ?? []) {
      try {
        subscriber.onEvent(event);
      } catch {
        subscriber.onClose();
      }
    }
  }

  /** The keys with an open stream. */
  keys(): string[] {
    return [...this.byKey.keys()];
  }

  /** Open streams, of every key (for the metrics). */
  count(): number {
    let count = 0;
    for (const set of this.byKey.values()) count += set.size;
    return count;
  }

  /** Ends every stream (graceful shutdown). */
  closeAll(): void {
    for (const set of this.byKey.values()) for (const subscriber of set) subscriber.onClose();
    this.byKey.clear();
  }
}
