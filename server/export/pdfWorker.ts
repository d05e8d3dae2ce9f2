/**
 * The thread PdfRenderer makes PDFs in (a Piscina worker): pdfkit lays a report out synchronously,
 * seconds for a large one, so it must not run on the thread that serves everyone.
 */
import type { ReportContent } from '../../shared/snapshotContent.js';
import type { ExportMeta } from './meta.js';
import { renderPdf } from './pdf.js';

export interface PdfTask {
  content: ReportContent;
  meta: ExportMeta;
}

export default async function render({ content, meta }: PdfTask): Promise<Uint8Array> {
  return renderPdf(content, meta);
}
