import { Hono } from 'hono';
import { actorOf } from '../../shared/auth.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { can } from '../../shared/permissions.js';
import type { Authorship, MeasureHistory, RestoreResult, VersionDetail } from '../../shared/history.js';
import { authOf, type AppEnv } from '../auth/http.js';
import { restoreNarrative } from '../commands/restoreNarrative.js';
import type { ServerContext } from '../context.js';
import { loadRoundMeasure, loadVersion } from '../domain/loaders.js';
import { apiError } from '../http/errors.js';
import { DOCUMENT_WORK_AT_ONCE, DOCUMENT_WORK_EVERY_MS, type AccountAllowances } from '../sync/documentWork.js';

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
      // A restore loads and copies the document and diffs the narrative: counted with the
      // account's updates judged on a copy. One the command refuses (403, 404) counts nothing.
      if (can(actorOf(user), { kind: 'writeMeasure', ministries: measure.ministries, roundFrozen: round.state !== 'open' })) {
        await loadVersion(ctx.store, docName, c.req.param('versionId'));
        if (!documentWork.take(user.username)) {
          c.header('Retry-After', String(DOCUMENT_WORK_EVERY_MS / 1000));
          return apiError(c, 503, 'busy', `more restores and updates judged on a copy of a document than ${DOCUMENT_WORK_AT_ONCE} at once; try again shortly`);
        }
      }
      // Loaded before the command's transaction (a load reads the store), held until the edit is stored.
      const held = await ctx.narratives.hold(docName);
      try {
        const restored = await ctx.commands.run(restoreNarrative(user, round.id, c.req.param('number'), c.req.param('versionId'), held.editor));
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
