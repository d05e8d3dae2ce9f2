import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { measureDocName } from '../../shared/documentLayout.js';
import { MeasureFieldsPatchSchema } from '../../shared/measure.js';
import { MAX_JSON_BODY_BYTES } from '../../shared/limits.js';
import type { ServerContext } from '../context.js';
import { apiError, validationError } from '../http/errors.js';
import { toDetail, toSummary } from '../measures/views.js';

/** Parses `:number`; null unless it is a plain positive integer. */
function measureNumber(c: Context): number | null {
  const raw = c.req.param('number') ?? '';
  return /^[1-9][0-9]{0,2}$/.test(raw) ? Number(raw) : null;
}

/**
 * Measures of a round. Fields are server-owned: a PATCH is validated against the shared
 * schema, stored, and only then published to every open overview of the round.
 */
export function measureRoutes(ctx: ServerContext): Hono {
  return new Hono()
    .get('/api/rounds/:roundId/measures', async (c) => {
      const roundId = c.req.param('roundId');
      if (!(await ctx.store.getRound(roundId))) return apiError(c, 404, 'not_found', `no round ${roundId}`);
      return c.json((await ctx.store.listMeasures(roundId)).map(toSummary));
    })
    .get('/api/rounds/:roundId/measures/:number', async (c) => {
      const roundId = c.req.param('roundId');
      const number = measureNumber(c);
      const round = await ctx.store.getRound(roundId);
      if (!round) return apiError(c, 404, 'not_found', `no round ${roundId}`);
      const record = number === null ? null : await ctx.store.getMeasure(roundId, number);
      if (!record) return apiError(c, 404, 'not_found', `no measure ${c.req.param('number')} in round ${roundId}`);
      const narrative = await ctx.narratives.text(measureDocName(roundId, record.number));
      return c.json(toDetail(record, narrative, round.importWarnings));
    })
    .patch(
      '/api/rounds/:roundId/measures/:number',
      bodyLimit({
        maxSize: MAX_JSON_BODY_BYTES,
        onError: (c) => apiError(c, 413, 'payload_too_large', `body larger than ${MAX_JSON_BODY_BYTES} bytes`),
      }),
      async (c) => {
        const roundId = c.req.param('roundId');
        const number = measureNumber(c);
        if (!(await ctx.store.getRound(roundId))) return apiError(c, 404, 'not_found', `no round ${roundId}`);
        if (number === null || !(await ctx.store.getMeasure(roundId, number))) {
          return apiError(c, 404, 'not_found', `no measure ${c.req.param('number')} in round ${roundId}`);
        }
        let body: unknown;
        try {
          body = await c.req.json();
        } catch {
          return apiError(c, 400, 'invalid_json', 'body is not valid JSON');
        }
        const patch = MeasureFieldsPatchSchema.safeParse(body);
        if (!patch.success) return validationError(c, patch.error);
        const updated = await ctx.store.updateMeasureFields(roundId, number, patch.data, new Date().toISOString());
        if (!updated) return apiError(c, 404, 'not_found', `no measure ${number} in round ${roundId}`);
        const summary = toSummary(updated);
        ctx.hub.publish({ type: 'measure', roundId, measure: summary });
        return c.json(summary);
      },
    );
}
