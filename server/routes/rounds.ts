import { Hono } from 'hono';
import { NewRoundSchema, ReadinessRequestSchema, RoundPatchSchema, SnapshotRequestSchema } from '../../shared/round.js';
import { SnapshotSchema, type Snapshot } from '../../shared/snapshot.js';
import { actorOf } from '../../shared/auth.js';
import { can } from '../../shared/permissions.js';
import { authOf, type AppEnv } from '../auth/http.js';
import type { ServerContext } from '../context.js';
import { jsonBodyLimit, measureNumberParam, parseJsonBody } from '../http/body.js';
import { apiError } from '../http/errors.js';
import { serviceErrorResponse } from '../http/serviceError.js';
import type { RoundService } from '../rounds/RoundService.js';

/**
 * Rounds, readiness and snapshots: reading for everyone signed in; creating rounds, moving
 * deadlines, reopening and taking snapshots for the coordinator.
 */
export function roundRoutes(ctx: ServerContext, rounds: RoundService): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/rounds', async (c) => c.json(await ctx.store.listRounds()))
    .post('/api/rounds', jsonBodyLimit, async (c) => {
      const request = await parseJsonBody(c, NewRoundSchema);
      if (!request.ok) return request.response;
      try {
        return c.json(await rounds.create(authOf(c).user, request.data), 201);
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .get('/api/rounds/:roundId', async (c) => {
      const round = await ctx.store.getRound(c.req.param('roundId'));
      if (!round) return apiError(c, 404, 'not_found', `no round ${c.req.param('roundId')}`);
      return c.json(round);
    })
    .patch('/api/rounds/:roundId', jsonBodyLimit, async (c) => {
      const request = await parseJsonBody(c, RoundPatchSchema);
      if (!request.ok) return request.response;
      try {
        return c.json(await rounds.update(authOf(c).user, c.req.param('roundId'), request.data));
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .post('/api/rounds/:roundId/reopen', async (c) => {
      try {
        return c.json(await rounds.reopen(authOf(c).user, c.req.param('roundId')));
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .put('/api/rounds/:roundId/measures/:number/ready', jsonBodyLimit, async (c) => {
      const number = measureNumberParam(c);
      if (number === null) return apiError(c, 404, 'not_found', `no measure ${c.req.param('number')}`);
      const request = await parseJsonBody(c, ReadinessRequestSchema);
      if (!request.ok) return request.response;
      try {
        const { ready, ministry } = request.data;
        return c.json(await rounds.setReady(authOf(c).user, c.req.param('roundId'), number, ready, ministry));
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .get('/api/rounds/:roundId/snapshots', async (c) => {
      const roundId = c.req.param('roundId');
      if (!(await ctx.store.getRound(roundId))) return apiError(c, 404, 'not_found', `no round ${roundId}`);
      return c.json(await ctx.store.listSnapshots(roundId));
    })
    .post('/api/rounds/:roundId/snapshots', jsonBodyLimit, async (c) => {
      const roundId = c.req.param('roundId');
      const { user } = authOf(c);
      if (!can(actorOf(user), { kind: 'coordinate' })) return apiError(c, 403, 'forbidden', 'only the coordinator takes snapshots');
      // An empty body is a snapshot without a note.
      const request = c.req.header('content-length') === '0' || !c.req.header('content-type') ? null : await parseJsonBody(c, SnapshotRequestSchema);
      if (request && !request.ok) return request.response;
      try {
        await rounds.round(roundId);
        const note = request?.data.note ?? null;
        return c.json(await rounds.snapshot(roundId, { reason: 'manual', by: user, note: note === '' ? null : note, freezeFor: null }), 201);
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .get('/api/snapshots/:id', async (c) => {
      const record = await ctx.store.getSnapshot(c.req.param('id'));
      if (!record) return apiError(c, 404, 'not_found', `no snapshot ${c.req.param('id')}`);
      const { contentJson, ...summary } = record;
      const snapshot: Snapshot = SnapshotSchema.parse({ ...summary, content: JSON.parse(contentJson) });
      return c.json(snapshot);
    });
}
