/**
 * Websocket close codes the sync server uses. 1xxx are the standard's own; 4xxx are ours.
 * A client that sees 4400 or 1009 sent something the server will never accept.
 */
export const CLOSE_CODES = {
  /** Server is shutting down; reconnect later. */
  GOING_AWAY: 1001,
  /** The message was larger than MAX_MESSAGE_BYTES. */
  MESSAGE_TOO_BIG: 1009,
  /** The server failed to load or store the document; nothing was lost, reconnect. */
  INTERNAL_ERROR: 1011,
  /** The message could not be decoded as y-websocket protocol, or carried a malformed update. */
  MALFORMED_MESSAGE: 4400,
  /**
   * An update that depends on changes the server does not have (it would be kept as pending
   * structs). Outside 4400–4499 on purpose: the stock y-websocket client treats those as
   * permanent and stops, while this one asks it to reconnect, which resyncs both ways.
   */
  OUT_OF_SYNC: 4009,
  /**
   * More requests costing work the size of the whole document than a connection has use for: sync
   * requests (step 1), each answered with up to the whole document, and updates the server can
   * judge only on a copy of it. Outside 4400–4499, so the stock client reconnects.
   */
  TOO_MUCH_DOCUMENT_WORK: 4029,
  /** A text frame; the protocol is binary only. */
  UNSUPPORTED_DATA: 4415,
  /** The session was signed out, expired or its account disabled: sign in again. */
  SESSION_ENDED: 4401,
  /** The account's role or ministry changed: reconnect to get the new rights. */
  PERMISSIONS_CHANGED: 4403,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
