import type { RoundEvent } from '../../shared/api.js';
import { StreamSubscribers, type StreamSubscriber } from './StreamSubscribers.js';

export type RoundSubscriber = StreamSubscriber<RoundEvent>;

/** Fans a round's live events out to every open event stream of that round. */
export class RoundEventHub {
  private readonly streams = new StreamSubscribers<RoundEvent>();
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
    return this.streams.subscribe(roundId, subscriber);
  }

  /**
   * Sends an event to every stream of its round; one failing stream neither stops the others nor
   * the publisher. `fromElsewhere`: another instance committed it.
   */
  publish(event: RoundEvent, { fromElsewhere = false } = {}): void {
    for (const listener of this.listeners) listener(event);
    if (!fromElsewhere) for (const listener of this.ownListeners) listener(event);
    this.streams.send(event.roundId, event);
  }

  /** The rounds with an open stream here. */
  followedRounds(): string[] {
    return this.streams.keys();
  }

  /** Open streams, of every round (for the metrics). */
  streamCount(): number {
    return this.streams.count();
  }

  /** Ends every stream (graceful shutdown). */
  closeAll(): void {
    this.streams.closeAll();
  }
}
