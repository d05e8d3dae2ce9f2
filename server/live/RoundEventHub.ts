import type { RoundEvent } from '../../shared/api.js';

export interface RoundSubscriber {
  onEvent(event: RoundEvent): void;
  /** The server is shutting down: end the stream. */
  onClose(): void;
}

/** Fans a round's live events out to every open event stream of that round. */
export class RoundEventHub {
  private readonly subscribers = new Map<string, Set<RoundSubscriber>>();
  private readonly listeners = new Set<(event: RoundEvent) => void>();
  /** Listeners of the events this instance committed only. */
  private readonly ownListeners = new Set<(event: RoundEvent) => void>();

  /**
   * Hears every round's events, before the streams do (the sync layer's rights follow them).
   * `ownOnly`: only the events this instance committed, not those another instance published
   * (for what must happen once however many instances run: notifications).
   */
  listen(listener: (event: RoundEvent) => void, { ownOnly = false } = {}): () => void {
    const listeners = ownOnly ? this.ownListeners : this.listeners;
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Subscribes to a round; returns the unsubscribe function. */
  subscribe(roundId: string, subscriber: RoundSubscriber): () => void {
    let set = this.subscribers.get(roundId);
    if (!set) {
      set = new Set();
      this.subscribers.set(roundId, set);
    }
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.subscribers.get(roundId) === set) this.subscribers.delete(roundId);
    };
  }

  /**
   * Sends an event to every stream of its round; one failing stream neither stops the others nor
   * the publisher. `fromElsewhere`: another instance committed it.
   */
  publish(event: RoundEvent, { fromElsewhere = false } = {}): void {
    for (const listener of this.listeners) listener(event);
    if (!fromElsewhere) for (const listener of this.ownListeners) listener(event);
    for (const subscriber of this.subscribers.get(event.roundId) ?? []) {
      try {
        subscriber.onEvent(event);
      } catch {
        subscriber.onClose();
      }
    }
  }

  /** Open streams, of every round (for the metrics). */
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
