import { Hono, type Context } from 'hono';
import { CommentBodyRequestSchema, NewThreadSchema } from '../../shared/comments.js';
import { MinistryCodeSchema } from '../../shared/ministries.js';
import { authOf, type AppEnv } from '../auth/http.js';
import type { ThreadService } from '../comments/ThreadService.js';
import type { ServerContext } from '../context.js';
import { jsonBodyLimit, measureNumberParam, parseJsonBody } from '../http/body.js';
import { apiError } from '../http/errors.js';
import { serviceErrorResponse } from '../http/serviceError.js';

/**
 * Comment threads on measures. The author and times are the server's; the rules are in
 * ThreadService (and `can()` in shared/); every change goes live on the round's event stream.
 */
export function threadRoutes(ctx: ServerContext, threads: ThreadService): Hono<AppEnv> {
  const measureOf = async (c: Context<AppEnv>) => {
    const roundId = c.req.param('roundId') ?? '';
    const number = measureNumberParam(c);
    return number === null ? null : ctx.store.getMeasure(roundId, number);
  };

  return new Hono<AppEnv>()
    .get('/api/rounds/:roundId/threads', async (c) => {
      const roundId = c.req.param('roundId');
      if (!(await ctx.store.getRound(roundId))) return apiError(c, 404, 'not_found', `no round ${roundId}`);
      const filter = c.req.query('waitingFor');
      const ministry = filter === undefined ? null : MinistryCodeSchema.safeParse(filter.toUpperCase());
      if (ministry && !ministry.success) return apiError(c, 400, 'invalid_field', `waitingFor: not a ministry code`, 'waitingFor');
      const all = await threads.list(roundId);
      return c.json(ministry ? all.filter((t) => t.waitingFor.includes(ministry.data)) : all);
    })
    .get('/api/rounds/:roundId/measures/:number/threads', async (c) => {
      const measure = await measureOf(c);
      if (!measure) return apiError(c, 404, 'not_found', `no measure ${c.req.param('number')} in round ${c.req.param('roundId')}`);
      return c.json(await threads.list(measure.roundId, measure.number));
    })
    .post('/api/rounds/:roundId/measures/:number/threads', jsonBodyLimit, async (c) => {
      const measure = await measureOf(c);
      if (!measure) return apiError(c, 404, 'not_found', `no measure ${c.req.param('number')} in round ${c.req.param('roundId')}`);
      const request = await parseJsonBody(c, NewThreadSchema);
      if (!request.ok) return request.response;
      try {
        return c.json(await threads.start(authOf(c).user, measure, request.data.body, request.data.anchor), 201);
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .post('/api/threads/:id/comments', jsonBodyLimit, async (c) => {
      const request = await parseJsonBody(c, CommentBodyRequestSchema);
      if (!request.ok) return request.response;
      try {
        return c.json(await threads.reply(authOf(c).user, c.req.param('id'), request.data.body), 201);
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .post('/api/threads/:id/resolve', async (c) => {
      try {
        return c.json(await threads.setResolved(authOf(c).user, c.req.param('id'), true));
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .post('/api/threads/:id/reopen', async (c) => {
      try {
        return c.json(await threads.setResolved(authOf(c).user, c.req.param('id'), false));
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .patch('/api/comments/:id', jsonBodyLimit, async (c) => {
      const request = await parseJsonBody(c, CommentBodyRequestSchema);
      if (!request.ok) return request.response;
      try {
        return c.json(await threads.edit(authOf(c).user, c.req.param('id'), request.data.body));
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .delete('/api/comments/:id', async (c) => {
      try {
        await threads.remove(authOf(c).user, c.req.param('id'));
        return c.body(null, 204);
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    });
}
