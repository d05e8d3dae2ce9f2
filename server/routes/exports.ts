import { Hono, type Context } from 'hono';
import type { CompareSide, Comparison } from '../../shared/compare.js';
import type { SnapshotSummary } from '../../shared/snapshot.js';
import { ReportContentSchema, type ReportContent } from '../../shared/snapshotContent.js';
import { authOf, type AppEnv } from '../auth/http.js';
import type { ServerContext } from '../context.js';
import { exportFileName, type ExportExtension } from '../export/fileName.js';
import type { ExportMeta } from '../export/meta.js';
import type { ExportRenderer } from '../export/exportRenderer.js';
import { DomainError, invalid, notFound } from '../domain/DomainError.js';
import { loadRound, loadSnapshot } from '../domain/loaders.js';
import { readReportContent } from '../rounds/reportContent.js';

const EXPORT_FILE = /^export\.(docx|pdf|html|md|json)$/;

const CONTENT_TYPES: Record<ExportExtension, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * The exported report in one format, made on the renderer's thread (JSON is written here). HTML
 * opens in the browser (to read or print to PDF) under a policy that allows nothing but its own
 * inline styles; the others download.
 */
async function exportResponse(c: Context, renderer: ExportRenderer, ext: ExportExtension, content: ReportContent, meta: ExportMeta): Promise<Response> {
  const fileName = exportFileName(content, meta, ext);
  const body =
    ext === 'json'
      ? JSON.stringify(meta.snapshot ? { ...meta.snapshot, content } : { draft: true, generatedAt: meta.generatedAt, content }, null, 2)
      : await renderer.render(ext, content, meta);
  const disposition = ext === 'html' && c.req.query('download') === undefined ? 'inline' : 'attachment';
  c.header('Content-Type', CONTENT_TYPES[ext]);
  c.header('Content-Disposition', `${disposition}; filename="${fileName}"`);
  c.header('Cache-Control', meta.draft ? 'private, no-store' : 'private, max-age=31536000, immutable');
  if (ext === 'html') c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
  return c.body(body);
}

/** Exports (a snapshot, or the live round as a draft) and comparisons between versions of a report. */
export function exportRoutes(ctx: ServerContext, renderer: ExportRenderer): Hono<AppEnv> {
  const snapshotContent = async (id: string): Promise<{ summary: SnapshotSummary; content: ReportContent }> => {
    const { contentJson, ...summary } = await loadSnapshot(ctx.store, id);
    return { summary, content: ReportContentSchema.parse(JSON.parse(contentJson)) };
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
  const liveContent = (roundId: string) => readReportContent(ctx.store, ctx.narratives, roundId, ctx.log);
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
      return exportResponse(c, renderer, ext, found.content, { draft: false, snapshot: found.summary, generatedAt: new Date().toISOString() });
    })
    .get('/api/rounds/:roundId/compare', async (c) => {
      const round = await loadRound(ctx.store, c.req.param('roundId'));
      const fromId = c.req.query('from');
      const toId = c.req.query('to');
      if (!fromId) throw invalid('from', 'a snapshot id is required');
      const from = await sideContent('from', fromId);
      let to: { side: CompareSide; content: ReportContent };
      if (toId === undefined || toId === 'live') {
        to = { side: { kind: 'live', roundId: round.id }, content: await liveContent(round.id) };
      } else {
        const found = await sideContent('to', toId);
        to = { side: { kind: 'snapshot', id: found.summary.id, roundId: found.summary.roundId, takenAt: found.summary.takenAt }, content: found.content };
      }
      // Who changed each measure, and when: its history between the two sides, in every round from one to the other.
      const rounds = await roundsBetween(from.summary.roundId, to.side.roundId);
      const until = to.side.kind === 'snapshot' ? to.side.takenAt : new Date().toISOString();
      const measures = [];
      for (const measure of await renderer.compare(from.content, to.content)) {
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
      const content = await liveContent(c.req.param('roundId'));
      await ctx.audit.userEvent('export.download', authOf(c).user, { roundId: content.round.id }, { format: ext, draft: true });
      return exportResponse(c, renderer, ext, content, { draft: true, snapshot: null, generatedAt: new Date().toISOString() });
    });
}

/** The format an `export.<ext>` path asks for; not found for any other file. */
function exportExtension(file: string): ExportExtension {
  const ext = EXPORT_FILE.exec(file)?.[1] as ExportExtension | undefined;
  if (!ext) throw notFound(`${file}: export.docx, .pdf, .html, .md or .json`);
  return ext;
}
