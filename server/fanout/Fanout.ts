import type { RoundEvent } from '../../shared/api.js';
import type { NotificationEvent } from '../../shared/notifications.js';

/**
 * What one instance tells the others through Redis (REDIS_URL) when several serve the same
 * database: an update it stored (after the commit, never before), presence its connections
 * changed, round and notification events it committed, and that a session ended here.
 */
export type FanoutMessage =
  | {
      kind: 'update';
      docName: string;
      /** As stored, one Yjs update. */
      update: Uint8Array;
      /** Who sent it (null: the server itself), and the client ids it brought structs of. */
      author: string | null;
      clients: readonly number[];
    }
  /**
   * `message`: the y-websocket awareness message this instance relayed to its own connections;
   * `sessionId`: the session that set it (its client ids are that session's), null for removals.
   */
  | { kind: 'presence'; docName: string; message: Uint8Array; sessionId: string | null }
  | { kind: 'round'; event: RoundEvent }
  | { kind: 'notification'; username: string; event: NotificationEvent }
  /** A session ended on this instance (sign-out): check the sockets and streams of yours now. */
  | { kind: 'sessionEnded' };

/** What an instance does with the others' messages. */
export interface FanoutListener {
  /** `from`: the instance that sent it. */
  message(message: FanoutMessage, from: string): void;
  /**
   * Some messages may have been lost (the subscription reconnected, an instance's numbering has a
   * gap): whatever they would have said must be read from the store again.
   */
  missed(): void;
  /**
   * An instance fell silent (killed, or cut off from Redis): what it said that only lives while
   * it does (its connections' presence) is to be forgotten.
   */
  gone?(instance: string): void;
}

/** The channel between instances; without REDIS_URL there is one instance and it says nothing. */
export interface Fanout {
  /** True when other instances may share the store (REDIS_URL is set). */
  readonly shared: boolean;
  /** Tells the other instances; never throws (what is lost is caught up from the store). */
  publish(message: FanoutMessage): void;
  listen(listener: FanoutListener): void;
  close(): Promise<void>;
}

/** One instance alone (SQLite, or PostgreSQL without REDIS_URL). */
export const NO_FANOUT: Fanout = {
  shared: false,
  publish: () => undefined,
  listen: () => undefined,
  close: () => Promise.resolve(),
};
