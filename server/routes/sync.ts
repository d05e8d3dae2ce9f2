import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { MAX_MESSAGE_BYTES } from '../../shared/limits.js';
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
import { Backlog } from '../sync/backlog.js';
import type { SyncConnection } from '../sync/connection.js';
import type { Heartbeat } from '../sync/heartbeat.js';
import { decodeClientMessage, OutOfSyncError, type ClientMessage } from '../sync/protocol.js';
import type { Room } from '../sync/Room.js';
import type { SocketUpgrades } from '../sync/socketUpgrades.js';
import { UnsentBytes } from '../sync/unsentBytes.js';
import { AccountAllowances, DOCUMENT_WORK_AT_ONCE, DocumentWorkAllowance, TOO_MUCH_DOCUMENT_WORK_REASON, TooMuchDocumentWorkError } from '../sync/documentWork.js';

let nextConnectionId = 1;

/** Bytes of frames one socket may have waiting for its room before it is read no further. */
const MAX_WAITING_BYTES = 2 * MAX_MESSAGE_BYTES;
/**
 * What a waiting message costs beyond its frame (its entry and decoded form), counted against the
 * bound: a flood of tiny frames is held after 2 MiB / 256 = 8,192 of them, not after a million.
 */
const WAITING_MESSAGE_BYTES = 256;

/** What every socket of the route counts against: bytes waiting to be sent, and each account's updates judged on a copy. */
interface SyncLimits {
  unsent: UnsentBytes;
  copies: AccountAllowances;
}

/**
 * A socket as the room sees it; whether it may write is asked of the domain's policy each time.
 * Sends go through `unsent`, which calls `drop` instead when the client has left too much unread.
 */
function toConnection(
  socket: WebSocket,
  auth: Authenticated,
  mayWrite: () => boolean,
  { unsent, copies }: SyncLimits,
  drop: (why: string) => void,
): SyncConnection {
  const { username, name, ministry, role } = auth.user;
  return {
    id: `c${nextConnectionId++}`,
    sessionId: auth.sessionId,
    user: { username, name, ministry, role },
    mayWrite,
    writableAtOpen: mayWrite(),
    takeDocumentWork: () => copies.take(username),
    send(message) {
      if (socket.readyState === socket.OPEN) unsent.send(socket, message, drop);
    },
    close(code, reason) {
      if (socket.readyState === socket.OPEN) socket.close(code, reason);
    },
  };
}

/**
 * One open sync socket: its connection joins the room once the document is loaded; its frames are
 * decoded and handed to the room in the order they came (a message the room answers only once
 * what came before is stored, a sync step 1 or a heartbeat, holds the ones after it); a bad frame
 * closes only this socket; it closes when its session ends, and is ended when it stops answering.
 */
function serveSyncSocket(
  ctx: ServerContext,
  heartbeat: Heartbeat,
  limits: SyncLimits,
  socket: WebSocket,
  docName: string,
  auth: Authenticated,
  measure: MeasureRecord,
): void {
  let closed = false;
  const mayWrite = (): boolean => ctx.writes.mayWrite(auth.user, measure.roundId, measure.ministries);
  const connection = toConnection(socket, auth, mayWrite, limits, (why) => {
    if (closed) return;
    ctx.log(`${connection.id} on ${docName}: ${why}; dropping the socket`);
    closed = true;
    // A close frame would wait behind what is unread: end it at once, freeing what waits.
    socket.terminate();
  });
  const syncRequests = new DocumentWorkAllowance();
  const fail = (code: number, reason: string): void => {
    if (closed) return;
    closed = true;
    connection.close(code, reason);
  };
  const unwatch = ctx.watch.add({ auth, end: fail });
  heartbeat.watch(socket, () => {
    ctx.log(`${connection.id} on ${docName}: no answer to two pings; closing`);
    closed = true;
    // A half-open socket never completes a closing handshake: end it at once.
    socket.terminate();
  });
  const failOn = (error: unknown): void => {
    ctx.log(`${connection.id} on ${docName}: ${String(error)}`);
    if (error instanceof OutOfSyncError) fail(CLOSE_CODES.OUT_OF_SYNC, 'out of sync: reconnect');
    else if (error instanceof TooMuchDocumentWorkError) fail(CLOSE_CODES.TOO_MUCH_DOCUMENT_WORK, TOO_MUCH_DOCUMENT_WORK_REASON);
    else fail(CLOSE_CODES.MALFORMED_MESSAGE, 'message could not be applied');
  };

  const hold = ctx.registry.acquire(docName);
  let room: Room | null = null;
  /** Decoded messages not yet handed to the room (it is loading, or an earlier message is being answered). */
  const backlog = new Backlog<ClientMessage>(
    MAX_WAITING_BYTES,
    () => socket.pause(),
    () => socket.resume(),
  );
  let answering = false;
  const deliver = (): void => {
    while (!answering && room !== null && !closed) {
      const message = backlog.shift();
      if (message === undefined) return;
      try {
        const answered = room.receive(connection, message);
        if (answered) {
          answering = true;
          answered.then(
            () => {
              answering = false;
              deliver();
            },
            (error: unknown) => {
              answering = false;
              failOn(error);
            },
          );
        }
      } catch (error) {
        failOn(error);
      }
    }
  };
  hold.room.then(
    (loaded) => {
      if (closed) return;
      room = loaded;
      loaded.addConnection(connection);
      deliver();
    },
    (error: unknown) => {
      ctx.log(`could not load ${docName}: ${String(error)}`);
      fail(CLOSE_CODES.INTERNAL_ERROR, 'document could not be loaded');
    },
  );

  socket.on('message', (data, isBinary) => {
    if (closed) return;
    if (!isBinary) {
      fail(CLOSE_CODES.UNSUPPORTED_DATA, 'binary frames only');
      return;
    }
    try {
      // A copy of exactly the frame: what the room keeps must not hold on to ws's receive buffer.
      const frame = new Uint8Array(Array.isArray(data) ? Buffer.concat(data) : data);
      const message = decodeClientMessage(frame);
      if (message.kind === 'syncStep1' && !syncRequests.take()) {
        ctx.log(`${connection.id} on ${docName}: more sync requests than ${DOCUMENT_WORK_AT_ONCE} at once; closing`);
        fail(CLOSE_CODES.TOO_MUCH_DOCUMENT_WORK, TOO_MUCH_DOCUMENT_WORK_REASON);
        return;
      }
      backlog.push(message, frame.byteLength + WAITING_MESSAGE_BYTES);
    } catch (error) {
      ctx.log(`${connection.id} on ${docName}: malformed message: ${(error as Error).message}`);
      fail(CLOSE_CODES.MALFORMED_MESSAGE, 'malformed message');
      return;
    }
    deliver();
  });
  socket.on('close', () => {
    closed = true;
    limits.unsent.forget(socket);
    backlog.clear();
    unwatch();
    hold.room
      .then((loaded) => loaded.removeConnection(connection))
      .catch(() => undefined)
      .finally(() => hold.release());
  });
  socket.on('error', (error) => ctx.log(`socket error on ${docName}: ${error.message}`));
}

/**
 * `/sync/:docName`: the y-websocket protocol for one measure's narrative. Before the upgrade,
 * and before any document is loaded, the session (401), the browser's Origin (403) and the
 * room (404) are checked; a session without write permission gets a read-only connection.
 */
export function syncRoutes(
  ctx: ServerContext,
  upgrades: SocketUpgrades,
  heartbeat: Heartbeat,
  unsent = new UnsentBytes(),
  copies = new AccountAllowances(),
): Hono<AppEnv> {
  const limits: SyncLimits = { unsent, copies };
  return new Hono<AppEnv>().get('/sync/:docName', async (c) => {
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
    return upgrades.accept(c, (socket) => serveSyncSocket(ctx, heartbeat, limits, socket, docName, auth, measure));
  });
}
