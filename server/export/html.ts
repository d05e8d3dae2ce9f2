import type { ReportContent } from '../../shared/snapshotContent.js';
import { reportLayout, type MeasureSection, type ReportLayout, type SummaryRow } from './layout.js';
import type { ExportMeta } from './meta.js';
import type { Block, Inline, TableBlock, TableCell } from '../../shared/narrativeBlocks.js';
import { EXPORT_TEXT } from './strings.js';

/** Heading level of a measure's section (`<h2>`); the report title is the one `<h1>`. */
const SECTION_LEVEL = 2;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (or an attribute value) as HTML: every character that could open markup escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/** Text with its newlines as `<br>`. */
function textWithBreaks(text: string): string {
  return text.split('\n').map(escapeHtml).join('<br>');
}

function inlineHtml(inlines: Inline[]): string {
  return inlines
    .map((inline) => {
      if (inline.kind === 'break') return '<br>';
      const { marks } = inline;
      let html = textWithBreaks(inline.text);
      if (marks.code) html = `<code>${html}</code>`;
      if (marks.underline) html = `<u>${html}</u>`;
      if (marks.strike) html = `<s>${html}</s>`;
      if (marks.italic) html = `<em>${html}</em>`;
      if (marks.bold) html = `<strong>${html}</strong>`;
      // A link needs visible text to have a name; a link on bare whitespace is left as text.
      if (marks.href && inline.text.trim() !== '') html = `<a href="${escapeHtml(marks.href)}">${html}</a>`;
      return html;
    })
    .join('');
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${inlineHtml(block.inlines)}</p>`;
    case 'heading': {
      const level = Math.min(6, SECTION_LEVEL + block.depth);
      return `<h${level}>${inlineHtml(block.inlines)}</h${level}>`;
    }
    case 'list': {
      const items = block.items.map((item) => `<li>${blocksHtml(item)}</li>`).join('\n');
      if (!block.ordered) return `<ul>\n${items}\n</ul>`;
      return `<ol${block.start === 1 ? '' : ` start="${block.start}"`}>\n${items}\n</ol>`;
    }
    case 'quote':
      return `<blockquote>\n${blocksHtml(block.blocks)}\n</blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'rule':
      return '<hr>';
    case 'table':
      return tableHtml(block);
  }
}

/**
 * A narrative table: its header rows in `<thead>` with `<th scope="col">`, a header cell in a
 * body row `<th scope="row">`, spans as `colspan`/`rowspan`. Its cells wrap even long words, so
 * that a wide table fits a narrow screen instead of widening the page.
 */
function tableHtml(table: TableBlock): string {
  const cellHtml = (cell: TableCell, inHead: boolean): string => {
    const tag = cell.header ? 'th' : 'td';
    const scope = cell.header ? ` scope="${inHead ? (cell.colspan > 1 ? 'colgroup' : 'col') : cell.rowspan > 1 ? 'rowgroup' : 'row'}"` : '';
    const spans = `${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}`;
    // A cell of one paragraph is written without its <p>, as Word and Google Docs tables read.
    const only = cell.blocks.length === 1 ? cell.blocks[0] : undefined;
    const content = only?.kind === 'paragraph' ? inlineHtml(only.inlines) : blocksHtml(cell.blocks);
    return `<${tag}${scope}${spans}>${content}</${tag}>`;
  };
  const rowsHtml = (rows: TableCell[][], inHead: boolean): string => rows.map((row) => `<tr>${row.map((cell) => cellHtml(cell, inHead)).join('')}</tr>`).join('\n');
  const head = table.rows.slice(0, table.headerRows);
  const body = table.rows.slice(table.headerRows);
  return [
    '<table class="narrative-table">',
    ...(head.length > 0 ? [`<thead>\n${rowsHtml(head, true)}\n</thead>`] : []),
    ...(body.length > 0 ? [`<tbody>\n${rowsHtml(body, false)}\n</tbody>`] : []),
    '</table>',
  ].join('\n');
}

function blocksHtml(blocks: Block[]): string {
  return blocks.map(blockHtml).join('\n');
}

function ministriesHtml(row: SummaryRow): string {
  return row.ministries.map((m) => `<abbr title="${escapeHtml(m.name)}">${escapeHtml(m.code)}</abbr>`).join(', ');
}

function sectionHtml(section: MeasureSection): string {
  const headingId = `${section.anchor}-tittel`;
  const body =
    section.notice === null
      ? `<div class="narrative">\n${blocksHtml(section.blocks)}\n</div>`
      : `<p class="empty">${escapeHtml(section.notice)}</p>`;
  // The report's order: heading, the plan's own text (a quotation of the plan), status, narrative.
  const plan =
    section.planText.length > 0
      ? [`<blockquote class="plan" aria-label="${escapeHtml(EXPORT_TEXT.planTextLabel)}">`, ...section.planText.map((p) => `<p>${escapeHtml(p)}</p>`), '</blockquote>']
      : [];
  return [
    `<section class="measure" id="${section.anchor}" data-measure="${section.number}">`,
    `<h2 id="${headingId}">${section.number} ${escapeHtml(section.title)} (${ministriesHtml(section)})</h2>`,
    ...plan,
    `<p class="status">${escapeHtml(EXPORT_TEXT.statusLabel)} <strong>${escapeHtml(section.status)}</strong></p>`,
    body,
    '</section>',
  ].join('\n');
}

function summaryHtml(layout: ReportLayout): string {
  const { columns } = EXPORT_TEXT;
  const rows = layout.rows
    .map(
      (row) =>
        `<tr data-measure="${row.number}"><td class="number">${row.number}</td>` +
        `<th scope="row"><a href="#${row.anchor}">${escapeHtml(row.title)}</a></th>` +
        `<td class="ministries">${ministriesHtml(row)}</td>` +
        `<td class="status">${escapeHtml(row.status)}</td></tr>`,
    )
    .join('\n');
  return [
    '<section class="summary" aria-labelledby="tiltaksoversikt">',
    `<h2 id="tiltaksoversikt">${escapeHtml(EXPORT_TEXT.summaryHeading)}</h2>`,
    '<table>',
    `<caption>${escapeHtml(EXPORT_TEXT.summaryCaption)}</caption>`,
    '<thead><tr>' +
      `<th scope="col" class="number">${escapeHtml(columns.number)}</th>` +
      `<th scope="col">${escapeHtml(columns.title)}</th>` +
      `<th scope="col">${escapeHtml(columns.ministries)}</th>` +
      `<th scope="col">${escapeHtml(columns.status)}</th>` +
      '</tr></thead>',
    `<tbody>\n${rows}\n</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

/** Colours checked for WCAG AA contrast on white (text 4.5:1): all of them reach 7:1. */
const STYLE = `
:root { color-scheme: light; --text: #1b1b1b; --muted: #474c52; --line: #767c84; --head-bg: #e6edf5; --accent: #0b4a8b; --draft: #a4161a; --draft-bg: #fff4f4; }
*, *::before, *::after { box-sizing: border-box; }
html { font-family: "Source Sans 3", "Segoe UI", system-ui, -apple-system, Roboto, Arial, sans-serif; font-size: 100%; line-height: 1.5; color: var(--text); background: #fff; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.25rem 4rem; overflow-wrap: break-word; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; overflow-wrap: normal; }
h1 { font-size: 1.9rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.35rem; margin: 0 0 0.25rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 0.4rem; }
h4 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
h5, h6 { font-size: 1rem; margin: 1rem 0 0.4rem; }
p { margin: 0 0 0.9rem; }
a { color: var(--accent); }
abbr[title] { text-decoration: none; }
.subtitle { color: var(--muted); margin-bottom: 1.5rem; }
.draft-notice { border: 2px solid var(--draft); background: var(--draft-bg); color: var(--draft); font-weight: 700; padding: 0.5rem 0.75rem; margin: 0 0 1.5rem; }
.grades { margin: 0 0 1.5rem; }
.summary { margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0.25rem 0 0.5rem; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--head-bg); font-weight: 700; }
tbody th { font-weight: 400; }
.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; width: 4.5rem; }
td.status, td.ministries { white-space: nowrap; }
.measure { margin-top: 2.5rem; }
.measure > h2 { margin-bottom: 0.75rem; }
.measure .status { margin: 0.25rem 0 1rem; }
.plan { margin: 0 0 0.75rem; padding: 0 0 0 0.9rem; border-left: 3px solid var(--line); color: var(--muted); }
.plan p { margin: 0 0 0.5rem; }
.empty { font-style: italic; color: var(--muted); }
li > p { margin: 0 0 0.3rem; }
blockquote { margin: 1rem 0; padding: 0 0 0 1rem; border-left: 4px solid var(--line); }
pre { background: #f3f4f6; padding: 0.75rem; white-space: pre-wrap; overflow-wrap: anywhere; }
code { font-family: ui-monospace, "Cascadia Mono", Consolas, "Liberation Mono", monospace; font-size: 0.92em; }
hr { border: 0; border-top: 1px solid var(--line); margin: 1.5rem 0; }
.narrative-table { margin: 0 0 1rem; }
.narrative-table th, .narrative-table td { overflow-wrap: anywhere; }
.narrative-table td > p:last-child, .narrative-table th > p:last-child { margin-bottom: 0; }
.colophon { margin-top: 3rem; border-top: 1px solid var(--line); padding-top: 1rem; color: var(--muted); font-size: 0.9rem; }
.colophon h2 { font-size: 1rem; }
@page { size: A4; margin: 18mm 16mm 20mm; @bottom-right { content: "${EXPORT_TEXT.page} " counter(page) " ${EXPORT_TEXT.of} " counter(pages); font-size: 9pt; color: #474c52; } }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  thead { display: table-header-group; }
  tr, th, td { break-inside: avoid; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; break-inside: avoid; }
  .measure > h2, .measure .status { break-after: avoid; }
  .measure .status + * > :first-child { break-before: avoid; }
  .summary { break-after: page; }
  p, li { orphans: 3; widows: 3; }
  pre, blockquote { break-inside: avoid; }
  .draft-notice { border-width: 3px; }
}`;

/** The running page header that marks every printed page of a draft. */
const DRAFT_PAGE_STYLE = `
@page { @top-center { content: "${EXPORT_TEXT.draftMark} – ${EXPORT_TEXT.draftNotice}"; color: #a4161a; font-weight: 700; font-size: 10pt; } }`;

/** The report as one standalone, accessible HTML document (WCAG 2.1 AA) that also prints cleanly. */
export function renderHtml(content: ReportContent, meta: ExportMeta): string {
  const layout = reportLayout(content, meta);
  const header = [
    '<header class="report-header">',
    ...(layout.draftNotice ? [`<p class="draft-notice" data-draft="true">${escapeHtml(layout.draftNotice)}</p>`] : []),
    `<h1>${escapeHtml(layout.title)}</h1>`,
    ...(layout.subtitle.length > 0 ? [`<p class="subtitle">${layout.subtitle.map(escapeHtml).join('<br>')}</p>`] : []),
    '</header>',
  ];
  const main = [
    '<main>',
    ...layout.intro.map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`),
    ...(layout.gradesLead ? [`<p>${escapeHtml(layout.gradesLead)}</p>`] : []),
    `<ul class="grades">\n${layout.grades.map((grade) => `<li>${escapeHtml(grade)}</li>`).join('\n')}\n</ul>`,
    summaryHtml(layout),
    ...layout.sections.map(sectionHtml),
    '</main>',
  ];
  const footer = [
    '<footer class="colophon">',
    `<h2>${escapeHtml(EXPORT_TEXT.colophonHeading)}</h2>`,
    `<p>${layout.colophon.map(escapeHtml).join('<br>')}</p>`,
    '</footer>',
  ];
  return [
    '<!doctype html>',
    '<html lang="nb">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Samskriv">',
    `<title>${escapeHtml(layout.documentTitle)}</title>`,
    `<style>${STYLE}${meta.draft ? DRAFT_PAGE_STYLE : ''}\n</style>`,
    '</head>',
    '<body>',
    ...header,
    ...main,
    ...footer,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
