import { Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import type { WebSocket } from 'ws';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { actorOf } from '../../shared/auth.js';
import { parseMeasureDocName } from '../../shared/documentLayout.js';
import { can } from '../../shared/permissions.js';
import { originAllowed, type AppEnv } from '../auth/http.js';
import type { Authenticated } from '../auth/sessions.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../domain/DomainError.js';
import { loadRoundMeasure } from '../domain/loaders.js';
import { apiError } from '../http/errors.js';
import type { MeasureRecord } from '../store/types.js';
import type { SyncConnection } from '../sync/connection.js';
import type { DocumentHold } from '../sync/DocumentRegistry.js';
import { keepAlive } from '../sync/heartbeat.js';
import { decodeClientMessage, OutOfSyncError } from '../sync/protocol.js';

let nextConnectionId = 1;

/** The sync route's context: the session, and who writes this document. */
type SyncEnv = { Variables: AppEnv['Variables'] & { measure: MeasureRecord } };

/** A hono/node-ws socket as the room sees it; whether it may write is asked of the domain's policy each time. */
function toConnection(ws: WSContext<WebSocket>, auth: Authenticated, mayWrite: () => boolean): SyncConnection {
  const raw = ws.raw;
  const id = `c${nextConnectionId++}`;
  const { username, name, ministry, role } = auth.user;
  return {
    id,
    sessionId: auth.sessionId,
    user: { username, name, ministry, role },
    mayWrite,
    writableAtOpen: mayWrite(),
    send(message) {
      if (raw && raw.readyState === raw.OPEN) raw.send(message);
    },
    close(code, reason) {
      if (raw && raw.readyState === raw.OPEN) raw.close(code, reason);
    },
  };
}

/**
 * `/sync/:docName`: the y-websocket protocol for one measure's narrative. Before the upgrade,
 * and before any document is loaded, the session (401), the browser's Origin (403) and the
 * room (404) are checked; a session without write permission gets a read-only connection.
 * Every frame is decoded and checked before it reaches the room; a bad frame closes only its
 * own connection; the socket closes when its session ends or its rights change.
 */
export function syncRoutes(ctx: ServerContext, upgradeWebSocket: UpgradeWebSocket<WebSocket>): Hono<SyncEnv> {
  return new Hono<SyncEnv>().get(
    '/sync/:docName',
    async (c, next) => {
      const auth = c.get('auth');
      if (!auth) return apiError(c, 401, 'unauthorized', 'sign in first');
      // Browsers always send Origin on a websocket; another site's page must not ride our cookie.
      const origin = c.req.header('origin');
      if (origin !== undefined && !originAllowed(origin, ctx.policy)) {
        return apiError(c, 403, 'cross_site', `origin ${origin} is not allowed`);
      }
      const docName = c.req.param('docName');
      const target = parseMeasureDocName(docName);
      if (!target) throw notFound(`document ${docName}`);
      const { round, measure } = await loadRoundMeasure(ctx.store, target.roundId, target.number);
      if (!can(actorOf(auth.user), { kind: 'read' })) return apiError(c, 403, 'forbidden', 'you may not read this measure');
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return apiError(c, 426, 'upgrade_required', 'this path speaks the y-websocket protocol over a websocket');
      }
      ctx.writes.know(round);
      c.set('measure', measure);
      await next();
    },
    upgradeWebSocket((c) => {
      const docName = c.req.param('docName') ?? '';
      // Set by the handler before the upgrade, which refused the request without them.
      const auth = c.get('auth') as Authenticated;
      const measure = c.get('measure') as MeasureRecord;
      const mayWrite = (): boolean => ctx.writes.mayWrite(auth.user, measure.roundId, measure.ministries);
      let unwatch: (() => void) | null = null;
      let stopHeartbeat: (() => void) | null = null;
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
          const conn = toConnection(ws, auth, mayWrite);
          connection = conn;
          unwatch = ctx.watch.add({ auth, end: fail });
          const raw = ws.raw;
          if (raw) {
            stopHeartbeat = keepAlive(raw, ctx.heartbeatIntervalMs, () => {
              ctx.log(`${conn.id} on ${docName}: no answer to two pings; closing`);
              closed = true;
              // A half-open socket never completes a closing handshake: end it at once.
              raw.terminate();
            });
          }
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
          // @hono/node-ws hands binary frames over as ArrayBuffers (its MessageEvent type is the DOM's).
          const data: unknown = (event as { data: unknown }).data;
          if (!(data instanceof ArrayBuffer)) {
            fail(CLOSE_CODES.UNSUPPORTED_DATA, 'binary frames only');
            return;
          }
          let message;
          try {
            message = decodeClientMessage(new Uint8Array(data));
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
              ctx.log(`${conn.id} on ${docName}: ${String(error)}`);
              if (error instanceof OutOfSyncError) fail(CLOSE_CODES.OUT_OF_SYNC, 'out of sync: reconnect');
              else fail(CLOSE_CODES.MALFORMED_MESSAGE, 'message could not be applied');
            }
          });
        },
        onClose() {
          closed = true;
          unwatch?.();
          stopHeartbeat?.();
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
