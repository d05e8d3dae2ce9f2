import { Hono, type Context } from 'hono';
import type { CompareSide, Comparison } from '../../shared/compare.js';
import type { SnapshotSummary } from '../../shared/snapshot.js';
import { authOf, type AppEnv } from '../auth/http.js';
import type { ServerContext } from '../context.js';
import { exportFileName, type ExportExtension } from '../export/fileName.js';
import type { ExportMeta } from '../export/meta.js';
import type { ExportRenderer } from '../export/exportRenderer.js';
import type { ContentSource } from '../export/exportWorker.js';
import { DomainError, invalid, notFound } from '../domain/DomainError.js';
import { loadRound, loadSnapshot } from '../domain/loaders.js';
import { readLiveReportSource } from '../rounds/reportContent.js';

const EXPORT_FILE = /^export\.(docx|pdf|html|md|json)$/;

const CONTENT_TYPES: Record<ExportExtension, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * The exported report of round `roundId` in one format, made on the renderer's thread from
 * `source`. HTML opens in the browser (to read or print to PDF) under a policy that allows
 * nothing but its own inline styles; the others download.
 */
async function exportResponse(c: Context, renderer: ExportRenderer, ext: ExportExtension, roundId: string, source: ContentSource, meta: ExportMeta): Promise<Response> {
  const body = await renderer.render(ext, source, meta);
  const fileName = exportFileName(roundId, meta, ext);
  const disposition = ext === 'html' && c.req.query('download') === undefined ? 'inline' : 'attachment';
  c.header('Content-Type', CONTENT_TYPES[ext]);
  c.header('Content-Disposition', `${disposition}; filename="${fileName}"`);
  c.header('Cache-Control', meta.draft ? 'private, no-store' : 'private, max-age=31536000, immutable');
  if (ext === 'html') c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
  return c.body(body);
}

/** Exports (a snapshot, or the live round as a draft) and comparisons between versions of a report. */
export function exportRoutes(ctx: ServerContext, renderer: ExportRenderer): Hono<AppEnv> {
  /** A snapshot's summary, and its stored content to be read on the renderer's thread. */
  const snapshotContent = async (id: string): Promise<{ summary: SnapshotSummary; source: ContentSource }> => {
    const { contentJson, ...summary } = await loadSnapshot(ctx.store, id);
    return { summary, source: { kind: 'snapshot', contentJson } };
  };
  /** A comparison's side: a snapshot named in the query, or a 400 naming the parameter. */
  const sideContent = async (field: 'from' | 'to', id: string) => {
    try {
      return await snapshotContent(id);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not_found') throw invalid(field, `no snapshot ${id}`);
      throw error;
    }
  };
  /** What the live round is read from on the renderer's thread (its narratives' updates). */
  const liveContent = async (roundId: string): Promise<{ roundId: string; source: ContentSource }> => {
    const source = await readLiveReportSource(ctx.store, ctx.narratives, roundId);
    return { roundId: source.round.id, source: { kind: 'live', source } };
  };
  /** The rounds from `fromId` to `toId`, following each round back to the one it came from (both ends when one does not lead to the other). */
  const roundsBetween = async (fromId: string, toId: string): Promise<string[]> => {
    const chain: string[] = [];
    for (let id: string | null = toId; id !== null && !chain.includes(id); id = (await ctx.store.getRound(id))?.previousRoundId ?? null) {
      chain.push(id);
      if (id === fromId) return chain;
    }
    return fromId === toId ? [toId] : [toId, fromId];
  };

  return new Hono<AppEnv>()
    .get('/api/snapshots/:id/:file', async (c) => {
      const ext = exportExtension(c.req.param('file'));
      const found = await snapshotContent(c.req.param('id'));
      await ctx.audit.userEvent('export.download', authOf(c).user, { roundId: found.summary.roundId, id: found.summary.id }, { format: ext, draft: false });
      return exportResponse(c, renderer, ext, found.summary.roundId, found.source, { draft: false, snapshot: found.summary, generatedAt: new Date().toISOString() });
    })
    .get('/api/rounds/:roundId/compare', async (c) => {
      const round = await loadRound(ctx.store, c.req.param('roundId'));
      const fromId = c.req.query('from');
      const toId = c.req.query('to');
      if (!fromId) throw invalid('from', 'a snapshot id is required');
      const from = await sideContent('from', fromId);
      let to: { side: CompareSide; source: ContentSource };
      if (toId === undefined || toId === 'live') {
        to = { side: { kind: 'live', roundId: round.id }, source: (await liveContent(round.id)).source };
      } else {
        const found = await sideContent('to', toId);
        to = { side: { kind: 'snapshot', id: found.summary.id, roundId: found.summary.roundId, takenAt: found.summary.takenAt }, source: found.source };
      }
      // Who changed each measure, and when: its history between the two sides, in every round from one to the other.
      const rounds = await roundsBetween(from.summary.roundId, to.side.roundId);
      const until = to.side.kind === 'snapshot' ? to.side.takenAt : new Date().toISOString();
      const measures = [];
      for (const measure of await renderer.compare(from.source, to.source)) {
        measures.push({ ...measure, versions: await ctx.history.marks(rounds, measure.number, from.summary.takenAt, until) });
      }
      const comparison: Comparison = {
        from: { kind: 'snapshot', id: from.summary.id, roundId: from.summary.roundId, takenAt: from.summary.takenAt },
        to: to.side,
        measures,
      };
      return c.json(comparison);
    })
    .get('/api/rounds/:roundId/:file', async (c) => {
      const ext = exportExtension(c.req.param('file'));
      const live = await liveContent(c.req.param('roundId'));
      await ctx.audit.userEvent('export.download', authOf(c).user, { roundId: live.roundId }, { format: ext, draft: true });
      return exportResponse(c, renderer, ext, live.roundId, live.source, { draft: true, snapshot: null, generatedAt: new Date().toISOString() });
    });
}

/** The format an `export.<ext>` path asks for; not found for any other file. */
function exportExtension(file: string): ExportExtension {
  const ext = EXPORT_FILE.exec(file)?.[1] as ExportExtension | undefined;
  if (!ext) throw notFound(`${file}: export.docx, .pdf, .html, .md or .json`);
  return ext;
}
