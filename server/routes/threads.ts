import { Hono } from 'hono';
import { CommentBodyRequestSchema, NewThreadSchema } from '../../shared/comments.js';
import { MinistryCodeSchema, type MinistryCode } from '../../shared/ministries.js';
import { authOf, type AppEnv } from '../auth/http.js';
import { deleteComment, editComment, replyToThread, setThreadResolved, startThread } from '../commands/threads.js';
import type { ServerContext } from '../context.js';
import { invalid } from '../domain/DomainError.js';
import { loadRound, loadRoundMeasure } from '../domain/loaders.js';
import { jsonBodyLimit, readJson } from '../http/body.js';
import { jsonArray } from '../http/jsonArray.js';
import { threadViews } from '../threads/views.js';

/**
 * Comment threads on measures. The author and times are the server's; the rules are in the
 * thread commands (and `can()` in shared/); every change goes live on the round's event stream.
 * Lists go out thread by thread (`jsonArray`), with all their comments.
 */
export function threadRoutes(ctx: ServerContext): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/rounds/:roundId/threads', async (c) => {
      const round = await loadRound(ctx.store, c.req.param('roundId'));
      const ministry = waitingForQuery(c.req.query('waitingFor'));
      const all = await threadViews(ctx.store, ctx.narratives, await ctx.store.listThreads(round.id));
      return jsonArray(c, ministry ? all.filter((t) => t.waitingFor.includes(ministry)) : all);
    })
    // Questions do not stay behind in an older round: every open round's threads at once.
    .get('/api/threads', async (c) => {
      const ministry = waitingForQuery(c.req.query('waitingFor'));
      const open = (await ctx.store.listRounds()).filter((round) => round.state === 'open');
      const records = (await Promise.all(open.map((round) => ctx.store.listThreads(round.id)))).flat();
      const all = await threadViews(ctx.store, ctx.narratives, records);
      return jsonArray(c, ministry ? all.filter((t) => t.waitingFor.includes(ministry)) : all);
    })
    .get('/api/rounds/:roundId/measures/:number/threads', async (c) => {
      const { round, measure } = await loadRoundMeasure(ctx.store, c.req.param('roundId'), c.req.param('number'));
      return jsonArray(c, await threadViews(ctx.store, ctx.narratives, await ctx.store.listThreads(round.id, measure.number)));
    })
    .post('/api/rounds/:roundId/measures/:number/threads', jsonBodyLimit, async (c) => {
      const { body, anchor } = await readJson(c, NewThreadSchema);
      const thread = await ctx.commands.run(startThread(authOf(c).user, c.req.param('roundId'), c.req.param('number'), body, anchor));
      return c.json(thread, 201);
    })
    .post('/api/threads/:id/comments', jsonBodyLimit, async (c) => {
      const { body } = await readJson(c, CommentBodyRequestSchema);
      return c.json(await ctx.commands.run(replyToThread(authOf(c).user, c.req.param('id'), body)), 201);
    })
    .post('/api/threads/:id/resolve', async (c) => c.json(await ctx.commands.run(setThreadResolved(authOf(c).user, c.req.param('id'), true))))
    .post('/api/threads/:id/reopen', async (c) => c.json(await ctx.commands.run(setThreadResolved(authOf(c).user, c.req.param('id'), false))))
    .patch('/api/comments/:id', jsonBodyLimit, async (c) => {
      const { body } = await readJson(c, CommentBodyRequestSchema);
      return c.json(await ctx.commands.run(editComment(authOf(c).user, c.req.param('id'), body)));
    })
    .delete('/api/comments/:id', async (c) => {
      await ctx.commands.run(deleteComment(authOf(c).user, c.req.param('id')));
      return c.body(null, 204);
    });
}

/** The `waitingFor` query: a ministry code in any case, absent, or a 400 naming it. */
function waitingForQuery(value: string | undefined): MinistryCode | null {
  if (value === undefined) return null;
  const ministry = MinistryCodeSchema.safeParse(value.toUpperCase());
  if (!ministry.success) throw invalid('waitingFor', 'not a ministry code');
  return ministry.data;
}
