import type { SessionUser } from '../../shared/auth.js';

/** What a room needs from one client connection, whatever transport carries it. */
export interface SyncConnection {
  /** For logs. */
  readonly id: string;
  /** The session the connection was opened under: presence client ids belong to a session. */
  readonly sessionId: string;
  /** Who is connected, from the session; stamped into every awareness state this connection sends. */
  readonly user: Pick<SessionUser, 'username' | 'name' | 'ministry' | 'role'>;
  /** Whether its document updates may be applied now; asked for every update (false: dropped). */
  mayWrite(): boolean;
  /** What `mayWrite` answered when it opened: a connection whose rights changed since is told to reconnect. */
  readonly writableAtOpen: boolean;
  /**
   * Takes one from its account's allowance of updates judged on a copy of the document or by
   * counting it again (documentWork.ts): false when none is left.
   */
  takeDocumentWork(): boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}
