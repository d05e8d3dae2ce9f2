import { Hono } from 'hono';
import { measureDocName } from '../../shared/documentLayout.js';
import { MeasureFieldsPatchSchema } from '../../shared/measurePatch.js';
import { authOf, type AppEnv } from '../auth/http.js';
import { updateMeasureFields } from '../commands/updateMeasureFields.js';
import type { ServerContext } from '../context.js';
import { loadRound, loadRoundMeasure } from '../domain/loaders.js';
import { jsonBodyLimit, readJson } from '../http/body.js';
import { narrativeView, narrativeViewBytes, toDetail, toSummary } from '../measures/views.js';

/**
 * Measures of a round. Fields are server-owned: a PATCH is parsed first, then changed by one
 * command (load, check, write in one transaction), and published once it is committed.
 */
export function measureRoutes(ctx: ServerContext): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/rounds/:roundId/measures', async (c) => {
      const round = await loadRound(ctx.store, c.req.param('roundId'));
      return c.json((await ctx.store.listMeasures(round.id)).map(toSummary));
    })
    .get('/api/rounds/:roundId/measures/:number', async (c) => {
      const { round, measure } = await loadRoundMeasure(ctx.store, c.req.param('roundId'), c.req.param('number'));
      const narrative = await ctx.narratives.readKept(measureDocName(round.id, measure.number), narrativeView, narrativeViewBytes);
      return c.json(toDetail(measure, narrative, round.importWarnings));
    })
    .patch('/api/rounds/:roundId/measures/:number', jsonBodyLimit, async (c) => {
      // The whole body first: nothing is loaded or decided before it has arrived.
      const patch = await readJson(c, MeasureFieldsPatchSchema);
      return c.json(await ctx.commands.run(updateMeasureFields(authOf(c).user, c.req.param('roundId'), c.req.param('number'), patch)));
    });
}
