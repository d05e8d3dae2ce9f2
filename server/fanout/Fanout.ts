/**
 * What one instance tells the others through Redis (REDIS_URL) when several serve the same
 * database: an update it stored (after the commit, never before).
 */
export type FanoutMessage = {
  kind: 'update';
  docName: string;
  /** As stored, one Yjs update. */
  update: Uint8Array;
  /** Who sent it (null: the server itself), and the client ids it brought structs of. */
  author: string | null;
  clients: readonly number[];
};

/** What an instance does with the others' messages. */
export interface FanoutListener {
  message(message: FanoutMessage): void;
  /**
   * Some messages may have been lost (the subscription reconnected, an instance's numbering has a
   * gap): whatever they would have said must be read from the store again.
   */
  missed(): void;
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
