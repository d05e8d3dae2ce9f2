import { Hono } from 'hono';
import { measureDocName } from '../../shared/documentLayout.js';
import type { Authorship, MeasureHistory, RestoreResult, VersionDetail } from '../../shared/history.js';
import { authOf, type AppEnv } from '../auth/http.js';
import { restoreNarrative } from '../commands/restoreNarrative.js';
import type { ServerContext } from '../context.js';
import { loadRoundMeasure, loadVersion } from '../domain/loaders.js';
import type { AccountAllowances } from '../sync/documentWork.js';

const MEASURE = '/api/rounds/:roundId/measures/:number';

/**
 * A measure's history: its versions and field changes, one version's narrative, restoring one
 * (a command, through the measure's loaded document), and who introduced each client id of its
 * document. Reading is for everyone signed in; restoring for whoever may write the measure, as
 * often as the account's allowance of document-sized work lets (503 `busy` past it).
 */
export function historyRoutes(ctx: ServerContext, documentWork: AccountAllowances): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(`${MEASURE}/history`, async (c) => {
      const { round, measure } = await loadRoundMeasure(ctx.store, c.req.param('roundId'), c.req.param('number'));
      return c.json((await ctx.history.list(round.id, measure.number)) satisfies MeasureHistory);
    })
    .get(`${MEASURE}/history/:versionId`, async (c) => {
      const { round, measure } = await loadRoundMeasure(ctx.store, c.req.param('roundId'), c.req.param('number'));
      const version = await loadVersion(ctx.store, measureDocName(round.id, measure.number), c.req.param('versionId'));
      return c.json((await ctx.history.detail(version)) satisfies VersionDetail);
    })
    .post(`${MEASURE}/history/:versionId/restore`, async (c) => {
      const { round, measure } = await loadRoundMeasure(ctx.store, c.req.param('roundId'), c.req.param('number'));
      const docName = measureDocName(round.id, measure.number);
      const user = authOf(c).user;
      // Loaded before the command's transaction (a load reads the store), held until the edit is stored.
      const held = await ctx.narratives.hold(docName);
      try {
        const restored = await ctx.commands.run(restoreNarrative(user, round.id, c.req.param('number'), c.req.param('versionId'), held.editor, () => documentWork.take(user.username)));
        const appended = restored ? await restored.stored : null;
        const version = appended ? await ctx.store.getVersion(docName, appended.version) : null;
        return c.json({ version: version ? await ctx.history.present(version) : null } satisfies RestoreResult);
      } finally {
        held.release();
      }
    })
    .get(`${MEASURE}/authors`, async (c) => {
      const { round, measure } = await loadRoundMeasure(ctx.store, c.req.param('roundId'), c.req.param('number'));
      return c.json((await ctx.history.authorship(round.id, measure.number)) satisfies Authorship);
    });
}
