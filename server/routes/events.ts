import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { ROUND_EVENT_NAME, type RoundEvent } from '../../shared/api.js';
import type { ServerContext } from '../context.js';
import { authOf, type AppEnv } from '../auth/http.js';
import { loadRound } from '../domain/loaders.js';
import { toSummary } from '../measures/views.js';

/** A comment line this often keeps proxies from closing an idle stream. */
export const EVENT_KEEPALIVE_MS = 25_000;
/** How soon a browser's EventSource reconnects after the stream drops. */
export const EVENT_RETRY_MS = 2_000;

/**
 * `GET /api/rounds/:roundId/events`: the round's live events as server-sent events. The
 * stream subscribes before it reads the snapshot it starts with, so no change falls between.
 */
export function eventRoutes(ctx: ServerContext): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api/rounds/:roundId/events', async (c) => {
    const auth = authOf(c);
    const roundId = (await loadRound(ctx.store, c.req.param('roundId'))).id;
    return streamSSE(c, async (stream) => {
      let finish = (): void => {};
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const send = (event: RoundEvent): void => {
        stream.writeSSE({ event: ROUND_EVENT_NAME, data: JSON.stringify(event), retry: EVENT_RETRY_MS }).catch(finish);
      };
      const unsubscribe = ctx.hub.subscribe(roundId, { onEvent: send, onClose: finish });
      stream.onAbort(finish);
      // The stream ends with its session; the browser's reconnect then meets a 401.
      const unwatch = ctx.watch.add({ auth, end: finish });
      const keepalive = setInterval(() => void stream.write(': keepalive\n\n').catch(finish), EVENT_KEEPALIVE_MS);
      try {
        send({ type: 'snapshot', roundId, measures: (await ctx.store.listMeasures(roundId)).map(toSummary) });
        await finished;
      } finally {
        clearInterval(keepalive);
        unwatch();
        unsubscribe();
      }
    });
  });
}
