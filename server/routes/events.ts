import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { ROUND_EVENT_NAME, type RoundEvent } from '../../shared/api.js';
import { MAX_COMMENT_CHARS } from '../../shared/comments.js';
import { MAX_COMMENTS_PER_THREAD, MAX_DOCUMENT_BYTES } from '../../shared/limits.js';
import type { ServerContext } from '../context.js';
import { authOf, type AppEnv } from '../auth/http.js';
import type { Authenticated } from '../auth/sessions.js';
import type { SessionWatch } from '../auth/watch.js';
import { loadRound } from '../domain/loaders.js';
import { outgoingOf } from '../http/outgoing.js';
import type { StreamSubscriber } from '../live/StreamSubscribers.js';
import { toSummary } from '../measures/views.js';

/** A comment line this often keeps proxies from closing an idle stream. */
export const EVENT_KEEPALIVE_MS = 25_000;
/** How soon a browser's EventSource reconnects after the stream drops. */
export const EVENT_RETRY_MS = 2_000;

/**
 * The largest event a stream carries in real use: a `thread` event with the whole thread, at
 * MAX_COMMENTS_PER_THREAD comments of MAX_COMMENT_CHARS each, at 3 bytes a character (UTF-8 of
 * any text outside Latin script; Norwegian is about 1) and 1 KiB of author, id and times each,
 * and a quote as long as a narrative's text can be (its document is at most MAX_DOCUMENT_BYTES):
 * about 7.9 MiB.
 */
export const LARGEST_EVENT_BYTES = MAX_COMMENTS_PER_THREAD * (3 * MAX_COMMENT_CHARS + 1024) + MAX_DOCUMENT_BYTES;

/**
 * Most bytes that may wait for one stream's client (written, not yet taken by its connection)
 * before the server ends that stream: two of the largest events, so a client that reads is never
 * cut for being one large event behind. A stream whose client stopped reading is ended here,
 * instead of holding every later event in memory; the browser's EventSource reconnects by itself
 * and every stream starts with a snapshot, so a real client misses nothing. An event is sent even
 * when bigger, if nothing else waits. About 15.8 MiB.
 */
export const MAX_QUEUED_EVENT_BYTES = 2 * LARGEST_EVENT_BYTES;

/**
 * Most event streams of one kind (a round's, the notifications) one session may have open on this
 * server: a tab has one of each, and a browser opens at most 6 connections to a server over
 * HTTP/1.1 (more only over HTTP/2). Opening one more ends the oldest, which is the tab least likely
 * still looked at; its EventSource reconnects by itself (and then ends the next oldest), so the
 * newest tab always has its stream. Refusing the newest instead (429) would leave it without live
 * events: EventSource gives up on an HTTP error.
 */
export const MAX_EVENT_STREAMS_PER_SESSION = 20;

const encoder = new TextEncoder();
const KEEPALIVE = encoder.encode(': keepalive\n\n');

/**
 * One SSE event name's frames, each made (serialised and encoded) once however many streams send
 * it: the hubs hand the same event object to every stream, and they all write the same bytes.
 */
export function eventFrames<E extends object>(eventName: string): (event: E) => Uint8Array {
  const frames = new WeakMap<E, Uint8Array>();
  return (event) => {
    let frame = frames.get(event);
    if (!frame) {
      // JSON has no raw line break, so the data is one `data:` line.
      frame = encoder.encode(`event: ${eventName}\ndata: ${JSON.stringify(event)}\nretry: ${EVENT_RETRY_MS}\n\n`);
      frames.set(event, frame);
    }
    return frame;
  };
}

/** The open event streams of one kind, by session, oldest first; one more than the most ends the oldest. */
export class SessionStreams {
  private readonly bySession = new Map<string, Set<() => void>>();

  /** Adds a stream of `sessionId` that `end` ends; returns the function that removes it. */
  add(sessionId: string, end: () => void): () => void {
    let streams = this.bySession.get(sessionId);
    if (!streams) {
      streams = new Set();
      this.bySession.set(sessionId, streams);
    }
    streams.add(end);
    // A Set keeps the order things were added in: the first is the oldest.
    const oldest = streams.size > MAX_EVENT_STREAMS_PER_SESSION ? streams.values().next().value : undefined;
    if (oldest) {
      streams.delete(oldest);
      oldest();
    }
    const own = streams;
    return () => {
      own.delete(end);
      if (own.size === 0 && this.bySession.get(sessionId) === own) this.bySession.delete(sessionId);
    };
  }
}

/** What a live stream follows and starts with. */
export interface LiveStream<E extends object> {
  auth: Authenticated;
  watch: SessionWatch;
  /** This kind's streams, by session. */
  sessions: SessionStreams;
  frames: (event: E) => Uint8Array;
  /** Subscribes to the hub; returns the unsubscribe function. */
  subscribe(subscriber: StreamSubscriber<E>): () => void;
  /** The first event, read after subscribing, so that no change falls between. */
  snapshot(): Promise<E>;
}

/**
 * A live event stream: its snapshot, then each event its hub publishes, until the client goes,
 * the session ends, the server shuts down, the session opens one stream too many, or its client
 * falls more than MAX_QUEUED_EVENT_BYTES behind.
 *
 * What waits for the client is what Hono's `stream.write` has not yet resolved: the write resolves
 * once the response has taken the chunk, and @hono/node-server takes the next only once the
 * socket has drained the last (`drain`), so a client that does not read leaves its writes
 * pending. Past the bound the stream is cut: Hono's stream is aborted (its queue dropped) and the
 * connection destroyed. A stream that ends with nothing waiting is closed as usual.
 */
export function liveStream<E extends object>(c: Context<AppEnv>, live: LiveStream<E>): Response {
  return streamSSE(c, async (stream) => {
    let finish = (): void => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let queued = 0;
    let cut = false;
    const cutOff = (): void => {
      if (cut) return;
      cut = true;
      stream.abort();
      outgoingOf(c)?.destroy();
      finish();
    };
    const write = (frame: Uint8Array): void => {
      if (cut || stream.aborted) return;
      if (queued > 0 && queued + frame.byteLength > MAX_QUEUED_EVENT_BYTES) return cutOff();
      queued += frame.byteLength;
      // Hono's write never rejects (a failed write resolves too): either way the chunk waits no more.
      void stream.write(frame).then(() => (queued -= frame.byteLength));
    };
    const unsubscribe = live.subscribe({ onEvent: (event) => write(live.frames(event)), onClose: finish });
    stream.onAbort(finish);
    // The stream ends with its session; the browser's reconnect then meets a 401.
    const unwatch = live.watch.add({ auth: live.auth, end: finish });
    // The oldest stream of a session with too many goes at once, whatever it has waiting.
    const leave = live.sessions.add(live.auth.sessionId, cutOff);
    const keepalive = setInterval(() => write(KEEPALIVE), EVENT_KEEPALIVE_MS);
    try {
      write(live.frames(await live.snapshot()));
      await finished;
    } finally {
      clearInterval(keepalive);
      leave();
      unwatch();
      unsubscribe();
      // Ended with something still waiting for its client: dropped, not kept until it reads.
      if (queued > 0) cutOff();
    }
  });
}

const roundFrames = eventFrames<RoundEvent>(ROUND_EVENT_NAME);

/**
 * `GET /api/rounds/:roundId/events`: the round's live events as server-sent events. The
 * stream subscribes before it reads the snapshot it starts with, so no change falls between.
 */
export function eventRoutes(ctx: ServerContext): Hono<AppEnv> {
  const sessions = new SessionStreams();
  return new Hono<AppEnv>().get('/api/rounds/:roundId/events', async (c) => {
    const auth = authOf(c);
    const roundId = (await loadRound(ctx.store, c.req.param('roundId'))).id;
    return liveStream<RoundEvent>(c, {
      auth,
      watch: ctx.watch,
      sessions,
      frames: roundFrames,
      subscribe: (subscriber) => ctx.hub.subscribe(roundId, subscriber),
      snapshot: async () => ({ type: 'snapshot', roundId, measures: (await ctx.store.listMeasures(roundId)).map(toSummary) }),
    });
  });
}
