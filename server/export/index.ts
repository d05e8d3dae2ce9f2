/** Report export: one renderer per format (DOCX, PDF, HTML, Markdown), all laid out as the seed report (see README.md, "Export"). */
export { renderDocx } from './docx.js';
export { exportFileName, type ExportExtension } from './fileName.js';
export { renderHtml } from './html.js';
export { renderMarkdown } from './markdown.js';
export { renderPdf } from './pdf.js';
export type { ExportMeta } from './meta.js';
