/** What a room needs from one client connection, whatever transport carries it. */
export interface SyncConnection {
  /** For logs. */
  readonly id: string;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}
