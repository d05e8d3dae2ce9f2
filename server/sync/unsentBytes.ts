import type { WebSocket } from 'ws';
import { MAX_DOCUMENT_BYTES } from '../../shared/limits.js';

/**
 * What may wait unsent for one sync socket (ws's `bufferedAmount`) before a send drops it: a client
 * that does not read what it is sent costs the server at most this (and one message). Eight whole
 * documents: a slow network receiving the document and the edits made meanwhile stays far below.
 */
export const MAX_UNSENT_BYTES = 8 * MAX_DOCUMENT_BYTES;

/**
 * What may wait unsent for all sync sockets together: many sockets that each ask for the whole
 * document and read nothing (one session may open thousands) would otherwise cost a document each.
 */
export const MAX_UNSENT_TOTAL_BYTES = 16 * MAX_UNSENT_BYTES;

/** A socket with less than this unsent is not followed: sockets that read keep well below it. */
const FOLLOWED_FROM_BYTES = 256 * 1024;

export interface UnsentLimits {
  perSocket: number;
  total: number;
}

/**
 * Bounds what the server holds for sync clients that do not read: per socket (`perSocket`, checked
 * before each send) and for all of them (`total`). Only sockets with at least FOLLOWED_FROM_BYTES
 * unsent are followed, so that clients that read cost nothing here; when the followed ones
 * together pass `total`, the ones with the most unsent are dropped first.
 */
export class UnsentBytes {
  private readonly followed = new Map<WebSocket, (why: string) => void>();

  constructor(readonly limits: UnsentLimits = { perSocket: MAX_UNSENT_BYTES, total: MAX_UNSENT_TOTAL_BYTES }) {}

  /**
   * Sends `message` on `socket` unless what is unsent for it passes the bound already; then, or
   * when all sockets together pass theirs, `drop` is called for the socket to end (this one or others).
   */
  send(socket: WebSocket, message: Uint8Array, drop: (why: string) => void): void {
    if (socket.bufferedAmount > this.limits.perSocket) {
      drop(`over ${this.limits.perSocket} bytes sent to it are still unread`);
      return;
    }
    socket.send(message);
    if (socket.bufferedAmount < FOLLOWED_FROM_BYTES) return;
    this.followed.set(socket, drop);
    this.keepWithinTotal();
  }

  /** Forgets a closed socket. */
  forget(socket: WebSocket): void {
    this.followed.delete(socket);
  }

  private keepWithinTotal(): void {
    let sum = 0;
    const unsent = new Map<WebSocket, number>();
    for (const socket of this.followed.keys()) {
      const bytes = socket.readyState === socket.OPEN ? socket.bufferedAmount : 0;
      if (bytes < FOLLOWED_FROM_BYTES) this.followed.delete(socket);
      else {
        unsent.set(socket, bytes);
        sum += bytes;
      }
    }
    while (sum > this.limits.total) {
      let largest: WebSocket | null = null;
      for (const [socket, bytes] of unsent) if (largest === null || bytes > (unsent.get(largest) ?? 0)) largest = socket;
      if (largest === null) return;
      sum -= unsent.get(largest) ?? 0;
      unsent.delete(largest);
      const drop = this.followed.get(largest);
      this.followed.delete(largest);
      drop?.(`the sync sockets together have over ${this.limits.total} bytes unread, this one the most`);
    }
  }
}
