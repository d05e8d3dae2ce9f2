import type { Hono } from 'hono';
import type { Context, Env } from 'hono';
import { STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { Http2SecureServer, Http2Server } from 'node:http2';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** What a route that accepts an upgrade wants done with the socket once the handshake is done. */
export type OpenSocket = (socket: WebSocket) => void;

/** The Node request behind a Hono context, as @hono/node-server passes it (`c.env.incoming`). */
function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/** Writes a refused upgrade's answer on the raw socket, body and all, and ends it. */
async function refuse(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  if (socket.destroyed) return;
  const type = response.headers.get('content-type');
  const retryAfter = response.headers.get('retry-after');
  // Ended once written, as ws ends a handshake it aborts.
  socket.once('finish', () => socket.destroy());
  socket.write(
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n` +
      'Connection: close\r\n' +
      (type ? `Content-Type: ${type}\r\n` : '') +
      (retryAfter ? `Retry-After: ${retryAfter}\r\n` : '') +
      `Content-Length: ${body.byteLength}\r\n\r\n`,
  );
  socket.end(body);
}

/**
 * Websocket upgrades through the Hono app, with `ws` itself: each upgrade request runs through
 * the app's middleware and routes like any request (session, origin, the document's checks); a
 * route that takes it calls `accept` with what to do with the socket, and the socket then gets
 * only that: the request, its Hono context and headers are let go once the handshake is done
 * (@hono/node-ws, which this replaces, kept them for the socket's life and wrapped every frame in
 * a DOM `MessageEvent`). A refused upgrade gets the route's answer, JSON body included.
 */
export class SocketUpgrades {
  readonly wss: WebSocketServer;
  private readonly accepted = new WeakMap<IncomingMessage, OpenSocket>();

  constructor(options: { maxPayload: number }) {
    // maxPayload: ws refuses an oversized frame (close 1009) before buffering it.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false });
  }

  /** Called by the route that takes an upgrade: returns the answer that tells `attach` to switch protocols. */
  accept(c: Context, open: OpenSocket): Response {
    const incoming = incomingOf(c);
    if (!incoming) throw new Error('a websocket upgrade needs the Node request');
    this.accepted.set(incoming, open);
    return new Response(null, { status: 200 });
  }

  /** Handles the upgrade requests `server` receives through `app`. */
  attach<E extends Env>(server: Server | Http2Server | Http2SecureServer, app: Hono<E>): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      void this.upgrade(app, request, socket, head);
    });
  }

  private async upgrade<E extends Env>(app: Hono<E>, request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // An error on the raw socket before the handshake (the client went away) ends only it.
    const onError = (): void => void socket.destroy();
    socket.on('error', onError);
    let response: Response;
    try {
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.append(key, Array.isArray(value) ? (value[0] ?? '') : value);
      }
      response = await app.request(new URL(request.url ?? '/', 'http://localhost'), { headers }, { incoming: request, outgoing: undefined });
    } catch {
      response = new Response(null, { status: 500 });
    }
    const open = this.accepted.get(request);
    this.accepted.delete(request);
    if (!open || response.status !== 200 || socket.destroyed) {
      await refuse(socket, response).catch(() => socket.destroy());
      return;
    }
    socket.off('error', onError);
    this.wss.handleUpgrade(request, socket, head, (ws) => open(ws));
  }

  /** Ends every socket and stops taking upgrades (shutdown). */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
