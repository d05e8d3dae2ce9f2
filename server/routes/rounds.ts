import { Hono } from 'hono';
import type { ServerContext } from '../context.js';
import { apiError } from '../http/errors.js';

/** `GET /api/rounds` and `GET /api/rounds/:roundId`. */
export function roundRoutes(ctx: ServerContext): Hono {
  return new Hono()
    .get('/api/rounds', async (c) => c.json(await ctx.store.listRounds()))
    .get('/api/rounds/:roundId', async (c) => {
      const round = await ctx.store.getRound(c.req.param('roundId'));
      if (!round) return apiError(c, 404, 'not_found', `no round ${c.req.param('roundId')}`);
      return c.json(round);
    });
}
