import { Hono, type Context } from 'hono';
import { compareReports } from '../../shared/diff.js';
import type { CompareSide, Comparison } from '../../shared/compare.js';
import { ReportContentSchema, type ReportContent, type SnapshotSummary } from '../../shared/snapshot.js';
import type { AppEnv } from '../auth/http.js';
import type { ServerContext } from '../context.js';
import { exportFileName, renderDocx, renderHtml, renderMarkdown, type ExportExtension, type ExportMeta } from '../export/index.js';
import { apiError } from '../http/errors.js';
import { serviceErrorResponse } from '../http/serviceError.js';
import type { RoundService } from '../rounds/RoundService.js';

const EXPORT_FILE = /^export\.(docx|html|md|json)$/;

const CONTENT_TYPES: Record<ExportExtension, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * The exported report in one format. HTML opens in the browser (to read or print to PDF) under a
 * policy that allows nothing but its own inline styles; the others download.
 */
async function exportResponse(c: Context, ext: ExportExtension, content: ReportContent, meta: ExportMeta): Promise<Response> {
  const fileName = exportFileName(content, meta, ext);
  const disposition = ext === 'html' && c.req.query('download') === undefined ? 'inline' : 'attachment';
  c.header('Content-Type', CONTENT_TYPES[ext]);
  c.header('Content-Disposition', `${disposition}; filename="${fileName}"`);
  c.header('Cache-Control', meta.draft ? 'private, no-store' : 'private, max-age=31536000, immutable');
  switch (ext) {
    case 'docx':
      return c.body(new Uint8Array(await renderDocx(content, meta)));
    case 'html':
      c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
      return c.body(renderHtml(content, meta));
    case 'md':
      return c.body(renderMarkdown(content, meta));
    case 'json': {
      const body = meta.snapshot ? { ...meta.snapshot, content } : { draft: true, generatedAt: meta.generatedAt, content };
      return c.body(JSON.stringify(body, null, 2));
    }
  }
}

/** Exports (a snapshot, or the live round as a draft) and comparisons between versions of a report. */
export function exportRoutes(ctx: ServerContext, rounds: RoundService): Hono<AppEnv> {
  const snapshotContent = async (id: string): Promise<{ summary: SnapshotSummary; content: ReportContent } | null> => {
    const record = await ctx.store.getSnapshot(id);
    if (!record) return null;
    const { contentJson, ...summary } = record;
    return { summary, content: ReportContentSchema.parse(JSON.parse(contentJson)) };
  };

  return new Hono<AppEnv>()
    .get('/api/snapshots/:id/:file', async (c) => {
      const ext = EXPORT_FILE.exec(c.req.param('file'))?.[1] as ExportExtension | undefined;
      if (!ext) return apiError(c, 404, 'not_found', `no ${c.req.param('file')}: export.docx, .html, .md or .json`);
      const found = await snapshotContent(c.req.param('id'));
      if (!found) return apiError(c, 404, 'not_found', `no snapshot ${c.req.param('id')}`);
      return exportResponse(c, ext, found.content, { draft: false, snapshot: found.summary, generatedAt: new Date().toISOString() });
    })
    .get('/api/rounds/:roundId/compare', async (c) => {
      const roundId = c.req.param('roundId');
      const fromId = c.req.query('from');
      const toId = c.req.query('to');
      if (!fromId) return apiError(c, 400, 'invalid_field', 'from: a snapshot id is required', 'from');
      try {
        await rounds.round(roundId);
        const from = await snapshotContent(fromId);
        if (!from) return apiError(c, 400, 'invalid_field', `from: no snapshot ${fromId}`, 'from');
        let to: { side: CompareSide; content: ReportContent };
        if (toId === undefined || toId === 'live') {
          to = { side: { kind: 'live', roundId }, content: await rounds.content(roundId) };
        } else {
          const found = await snapshotContent(toId);
          if (!found) return apiError(c, 400, 'invalid_field', `to: no snapshot ${toId}`, 'to');
          to = { side: { kind: 'snapshot', id: found.summary.id, roundId: found.summary.roundId, takenAt: found.summary.takenAt }, content: found.content };
        }
        const comparison: Comparison = {
          from: { kind: 'snapshot', id: from.summary.id, roundId: from.summary.roundId, takenAt: from.summary.takenAt },
          to: to.side,
          measures: compareReports(from.content, to.content),
        };
        return c.json(comparison);
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    })
    .get('/api/rounds/:roundId/:file', async (c) => {
      const ext = EXPORT_FILE.exec(c.req.param('file'))?.[1] as ExportExtension | undefined;
      if (!ext) return apiError(c, 404, 'not_found', `no ${c.req.param('file')}`);
      try {
        const content = await rounds.content(c.req.param('roundId'));
        return exportResponse(c, ext, content, { draft: true, snapshot: null, generatedAt: new Date().toISOString() });
      } catch (error) {
        return serviceErrorResponse(c, error);
      }
    });
}
