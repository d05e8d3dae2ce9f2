/**
 * The thread ExportRenderer makes exports and comparisons in (a Piscina worker): pdfkit, docx and
 * the Markdown writer lay a report out synchronously (seconds for a large PDF, a quarter of a
 * second for a 2 MB measure's DOCX), and the word diff of two large reports takes as long; none
 * of it may run on the thread that serves everyone.
 */
import { compareReports, type MeasureComparison } from '../../shared/diff.js';
import type { ReportContent } from '../../shared/snapshotContent.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { ExportMeta } from './meta.js';
import { renderPdf } from './pdf.js';

/** The formats made on the thread (JSON is the content itself, written where it is read). */
export type RenderedFormat = 'pdf' | 'docx' | 'html' | 'md';

export type ExportTask =
  | { kind: 'render'; format: RenderedFormat; content: ReportContent; meta: ExportMeta }
  | { kind: 'compare'; from: ReportContent; to: ReportContent };

async function render(format: RenderedFormat, content: ReportContent, meta: ExportMeta): Promise<Uint8Array> {
  switch (format) {
    case 'pdf':
      return renderPdf(content, meta);
    case 'docx':
      return new Uint8Array(await renderDocx(content, meta));
    case 'html':
      return new TextEncoder().encode(renderHtml(content, meta));
    case 'md':
      return new TextEncoder().encode(renderMarkdown(content, meta));
  }
}

export default async function run(task: ExportTask): Promise<Uint8Array | MeasureComparison[]> {
  return task.kind === 'render' ? render(task.format, task.content, task.meta) : compareReports(task.from, task.to);
}
