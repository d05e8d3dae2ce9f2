import { Hono } from 'hono';
import type { StateVectorResponse } from '../../shared/stateVector.js';
import { parseMeasureDocName } from '../../shared/documentLayout.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../domain/DomainError.js';
import { loadMeasure } from '../domain/loaders.js';

/**
 * `GET /api/documents/:docName/state-vector`: the state vector of what is stored, so a
 * client can tell whether the server holds all of its edits. A loaded document answers once
 * its pending writes are committed; an unloaded one answers from storage.
 */
export function documentRoutes(ctx: ServerContext): Hono {
  return new Hono().get('/api/documents/:docName/state-vector', async (c) => {
    const docName = c.req.param('docName');
    const target = parseMeasureDocName(docName);
    if (!target) throw notFound(`document ${docName}`);
    await loadMeasure(ctx.store, target.roundId, target.number);
    const stateVector = await ctx.narratives.storedStateVector(docName);
    c.header('Cache-Control', 'no-store');
    return c.json({ stateVector: Buffer.from(stateVector).toString('base64') } satisfies StateVectorResponse);
  });
}
