import { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { WebSocket } from 'ws';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { parseMeasureDocName } from '../../shared/documentLayout.js';
import type { ServerContext } from '../context.js';
import { apiError } from '../http/errors.js';
import type { SyncConnection } from '../sync/connection.js';
import type { DocumentHold } from '../sync/DocumentRegistry.js';
import { decodeClientMessage, MalformedMessageError } from '../sync/protocol.js';

let nextConnectionId = 1;

/** A hono/node-ws socket as the room sees it. */
function toConnection(ws: WSContext<WebSocket>): SyncConnection {
  const raw = ws.raw;
  const id = `c${nextConnectionId++}`;
  return {
    id,
    send(message) {
      if (raw && raw.readyState === raw.OPEN) raw.send(message);
    },
    close(code, reason) {
      if (raw && raw.readyState === raw.OPEN) raw.close(code, reason);
    },
  };
}

/**
 * `/sync/:docName`: the y-websocket protocol for one measure's narrative. Unknown rooms are
 * refused before the upgrade; every frame is decoded and checked before it reaches the room;
 * a bad frame closes only its own connection.
 */
export function syncRoutes(ctx: ServerContext, upgradeWebSocket: UpgradeWebSocket<WebSocket>): Hono {
  return new Hono().get(
    '/sync/:docName',
    async (c, next) => {
      const docName = c.req.param('docName');
      const target = parseMeasureDocName(docName);
      if (!target || !(await ctx.store.getMeasure(target.roundId, target.number))) {
        return apiError(c, 404, 'not_found', `no document ${docName}`);
      }
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return apiError(c, 426, 'upgrade_required', 'this path speaks the y-websocket protocol over a websocket');
      }
      await next();
    },
    upgradeWebSocket((c) => {
      const docName = c.req.param('docName') ?? '';
      // Acquired on open, not here: this runs before the upgrade, which may still fail.
      let hold: DocumentHold | null = null;
      let connection: SyncConnection | null = null;
      let closed = false;
      let queue: Promise<void> = Promise.resolve();

      const fail = (code: number, reason: string): void => {
        if (closed) return;
        closed = true;
        connection?.close(code, reason);
      };

      return {
        onOpen(_event, ws) {
          const conn = toConnection(ws);
          connection = conn;
          hold = ctx.registry.acquire(docName);
          queue = hold.room.then(
            (room) => {
              if (!closed) room.addConnection(conn);
            },
            (error: unknown) => {
              ctx.log(`could not load ${docName}: ${String(error)}`);
              fail(CLOSE_CODES.INTERNAL_ERROR, 'document could not be loaded');
            },
          );
        },
        onMessage(event) {
          const conn = connection;
          const held = hold;
          if (closed || !conn || !held) return;
          if (!(event.data instanceof ArrayBuffer)) {
            fail(CLOSE_CODES.UNSUPPORTED_DATA, 'binary frames only');
            return;
          }
          let message;
          try {
            message = decodeClientMessage(new Uint8Array(event.data));
          } catch (error) {
            ctx.log(`${conn.id} on ${docName}: malformed message: ${(error as Error).message}`);
            fail(CLOSE_CODES.MALFORMED_MESSAGE, 'malformed message');
            return;
          }
          queue = queue.then(async () => {
            if (closed) return;
            const room = await held.room;
            try {
              await room.receive(conn, message);
            } catch (error) {
              if (!(error instanceof MalformedMessageError)) ctx.log(`${conn.id} on ${docName}: ${String(error)}`);
              fail(CLOSE_CODES.MALFORMED_MESSAGE, 'message could not be applied');
            }
          });
        },
        onClose() {
          closed = true;
          const conn = connection;
          const held = hold;
          if (!conn || !held) return;
          held.room
            .then((room) => room.removeConnection(conn))
            .catch(() => undefined)
            .finally(() => held.release());
        },
        onError(event) {
          const error = (event as Event & { error?: unknown }).error;
          ctx.log(`socket error on ${docName}: ${error instanceof Error ? error.message : String(error)}`);
        },
      };
    }),
  );
}
