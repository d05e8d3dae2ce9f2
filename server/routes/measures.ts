import { Hono } from 'hono';
import { measureDocName } from '../../shared/documentLayout.js';
import { actorOf } from '../../shared/auth.js';
import { MeasureFieldsPatchSchema } from '../../shared/measure.js';
import { can } from '../../shared/permissions.js';
import { authOf, type AppEnv } from '../auth/http.js';
import type { ServerContext } from '../context.js';
import { jsonBodyLimit, measureNumberParam, parseJsonBody } from '../http/body.js';
import { apiError } from '../http/errors.js';
import { toDetail, toSummary } from '../measures/views.js';

/**
 * Measures of a round. Fields are server-owned: a PATCH is validated against the shared
 * schema, stored, and only then published to every open overview of the round.
 */
export function measureRoutes(ctx: ServerContext): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/rounds/:roundId/measures', async (c) => {
      const roundId = c.req.param('roundId');
      if (!(await ctx.store.getRound(roundId))) return apiError(c, 404, 'not_found', `no round ${roundId}`);
      return c.json((await ctx.store.listMeasures(roundId)).map(toSummary));
    })
    .get('/api/rounds/:roundId/measures/:number', async (c) => {
      const roundId = c.req.param('roundId');
      const number = measureNumberParam(c);
      const round = await ctx.store.getRound(roundId);
      if (!round) return apiError(c, 404, 'not_found', `no round ${roundId}`);
      const record = number === null ? null : await ctx.store.getMeasure(roundId, number);
      if (!record) return apiError(c, 404, 'not_found', `no measure ${c.req.param('number')} in round ${roundId}`);
      const narrative = await ctx.narratives.text(measureDocName(roundId, record.number));
      return c.json(toDetail(record, narrative, round.importWarnings));
    })
    .patch(
      '/api/rounds/:roundId/measures/:number',
      jsonBodyLimit,
      async (c) => {
        const roundId = c.req.param('roundId');
        const number = measureNumberParam(c);
        const round = await ctx.store.getRound(roundId);
        if (!round) return apiError(c, 404, 'not_found', `no round ${roundId}`);
        const measure = number === null ? null : await ctx.store.getMeasure(roundId, number);
        if (number === null || !measure) {
          return apiError(c, 404, 'not_found', `no measure ${c.req.param('number')} in round ${roundId}`);
        }
        const { user } = authOf(c);
        const roundFrozen = round.state !== 'open';
        if (!can(actorOf(user), { kind: 'writeMeasure', ministries: measure.ministries, roundFrozen })) {
          const why = roundFrozen ? `round ${roundId} is frozen` : `measure ${number} is written by ${measure.ministries.join(', ')}`;
          return apiError(c, 403, 'forbidden', why);
        }
        const patch = await parseJsonBody(c, MeasureFieldsPatchSchema);
        if (!patch.ok) return patch.response;
        const updated = await ctx.store.updateMeasureFields(roundId, number, patch.data, new Date().toISOString());
        if (!updated) return apiError(c, 404, 'not_found', `no measure ${number} in round ${roundId}`);
        const summary = toSummary(updated);
        ctx.hub.publish({ type: 'measure', roundId, measure: summary });
        return c.json(summary);
      },
    );
}
