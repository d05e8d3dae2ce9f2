import { Hono } from 'hono';
import { ReadinessRequestSchema } from '../../shared/round.js';
import { NewRoundSchema, RoundPatchSchema, SnapshotRequestSchema } from '../../shared/roundRequests.js';
import { SnapshotSummarySchema } from '../../shared/snapshot.js';
import { authOf, type AppEnv } from '../auth/http.js';
import { createRound } from '../commands/createRound.js';
import { reopenRound } from '../commands/reopenRound.js';
import { setReady } from '../commands/setReady.js';
import { takeSnapshot } from '../commands/takeSnapshot.js';
import { updateRound } from '../commands/updateRound.js';
import type { ServerContext } from '../context.js';
import { loadRound, loadSnapshot } from '../domain/loaders.js';
import { jsonBodyLimit, readJson, readOptionalJson } from '../http/body.js';

/**
 * Rounds, readiness and snapshots: reading for everyone signed in; creating rounds, moving
 * deadlines, reopening and taking snapshots for the coordinator (the commands decide).
 */
export function roundRoutes(ctx: ServerContext): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/rounds', async (c) => c.json(await ctx.store.listRounds()))
    .post('/api/rounds', jsonBodyLimit, async (c) => {
      const request = await readJson(c, NewRoundSchema);
      return c.json(await ctx.commands.run(createRound(authOf(c).user, request)), 201);
    })
    .get('/api/rounds/:roundId', async (c) => c.json(await loadRound(ctx.store, c.req.param('roundId'))))
    .patch('/api/rounds/:roundId', jsonBodyLimit, async (c) => {
      const patch = await readJson(c, RoundPatchSchema);
      return c.json(await ctx.commands.run(updateRound(authOf(c).user, c.req.param('roundId'), patch)));
    })
    .post('/api/rounds/:roundId/reopen', async (c) => c.json(await ctx.commands.run(reopenRound(authOf(c).user, c.req.param('roundId')))))
    .put('/api/rounds/:roundId/measures/:number/ready', jsonBodyLimit, async (c) => {
      const { ready, ministry, base } = await readJson(c, ReadinessRequestSchema);
      return c.json(await ctx.commands.run(setReady(authOf(c).user, c.req.param('roundId'), c.req.param('number'), ready, ministry, base)));
    })
    .get('/api/rounds/:roundId/snapshots', async (c) => {
      const round = await loadRound(ctx.store, c.req.param('roundId'));
      return c.json(await ctx.store.listSnapshots(round.id));
    })
    .post('/api/rounds/:roundId/snapshots', jsonBodyLimit, async (c) => {
      // No body is a snapshot without a note.
      const { note } = await readOptionalJson(c, SnapshotRequestSchema, {});
      const summary = await ctx.commands.run(takeSnapshot(authOf(c).user, c.req.param('roundId'), note ? note : null));
      return c.json(summary, 201);
    })
    .get('/api/snapshots/:id', async (c) => {
      const { contentJson, ...summary } = await loadSnapshot(ctx.store, c.req.param('id'));
      // A Snapshot (SnapshotSchema): the summary, and the content as it was stored and hashed,
      // sent as it is; parsing and writing megabytes of it again held the server for 96 ms a time.
      const head = JSON.stringify(SnapshotSummarySchema.parse(summary));
      c.header('Content-Type', 'application/json; charset=UTF-8');
      return c.body(`${head.slice(0, -1)},"content":${contentJson}}`);
    });
}
