/**
 * The thread ExportRenderer makes exports and comparisons in (a Piscina worker): the live round's
 * narratives are built from their updates, a snapshot's content is parsed and checked, and pdfkit,
 * docx and the Markdown writer lay the report out, all synchronously (seconds for a large PDF, a
 * quarter of a second for a 2 MB measure's DOCX or document); the word diff of two large reports,
 * or of a large version and the narrative now, takes as long or longer (a second and more). None
 * of it may run on the thread that serves everyone.
 */
import { compareReports, diffWords, type DiffPart, type MeasureComparison } from '../../shared/diff.js';
import { ReportContentSchema, type ReportContent } from '../../shared/snapshotContent.js';
import { liveContentOf, type LiveReportSource } from '../rounds/reportContent.js';
import { renderDocx } from './docx.js';
import type { ExportExtension } from './fileName.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ExportMeta } from './meta.js';
import { renderPdf } from './pdf.js';

/** What a report is made from: a snapshot's stored content (JSON), or what was read of the live round. */
export type ContentSource = { kind: 'snapshot'; contentJson: string } | { kind: 'live'; source: LiveReportSource };

export type ExportTask =
  | { kind: 'render'; format: ExportExtension; source: ContentSource; meta: ExportMeta }
  | { kind: 'compare'; from: ContentSource; to: ContentSource }
  | { kind: 'diffWords'; before: string; after: string };

/** A task's result, and what reading its content found wrong (logged by the server). */
export interface ExportResult<T> {
  result: T;
  problems: string[];
}

function contentOf(source: ContentSource, problems: string[]): ReportContent {
  return source.kind === 'snapshot' ? ReportContentSchema.parse(JSON.parse(source.contentJson)) : liveContentOf(source.source, (problem) => problems.push(problem));
}

async function render(format: ExportExtension, content: ReportContent, meta: ExportMeta): Promise<Uint8Array> {
  switch (format) {
    case 'pdf':
      return renderPdf(content, meta);
    case 'docx':
      return new Uint8Array(await renderDocx(content, meta));
    case 'html':
      return new TextEncoder().encode(renderHtml(content, meta));
    case 'md':
      return new TextEncoder().encode(renderMarkdown(content, meta));
    case 'json': {
      const body = meta.snapshot ? { ...meta.snapshot, content } : { draft: true, generatedAt: meta.generatedAt, content };
      return new TextEncoder().encode(JSON.stringify(body, null, 2));
    }
  }
}

export default async function run(task: ExportTask): Promise<ExportResult<Uint8Array | MeasureComparison[] | DiffPart[]>> {
  const problems: string[] = [];
  switch (task.kind) {
    case 'render':
      return { result: await render(task.format, contentOf(task.source, problems), task.meta), problems };
    case 'compare':
      return { result: compareReports(contentOf(task.from, problems), contentOf(task.to, problems)), problems };
    case 'diffWords':
      return { result: diffWords(task.before, task.after), problems };
  }
}
