import type { BlockContent, Heading, InlineCode, Link, ListItem, PhrasingContent, Root, RootContent, Table, TableCell as MdTableCell, TableRow, Text } from 'mdast';
import { gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { defaultHandlers, toMarkdown, type Handle, type Options } from 'mdast-util-to-markdown';
import type { ReportContent } from '../../shared/snapshotContent.js';
import { leafBlocks, tableText, type Block, type Inline, type InlineMarks, type TableBlock } from '../../shared/narrativeBlocks.js';
import { reportLayout } from './layout.js';
import type { ExportMeta } from './meta.js';
import { EXPORT_TEXT } from './strings.js';

/**
 * The report as Markdown: the layout's blocks mapped to an mdast tree, which
 * mdast-util-to-markdown writes (escaping, emphasis delimiters, list markers, fences).
 */

/** Heading level of a measure's section (`##`); the report title is `#`. */
const SECTION_LEVEL = 2;

/** Marks that wrap text, outermost first. */
type Wrapper = { type: 'link'; url: string } | { type: 'strong' | 'emphasis' | 'delete' | 'underline' };

type TextInline = Extract<Inline, { kind: 'text' }>;

const text = (value: string): Text => ({ type: 'text', value });

/**
 * `<`, `>` and `&` are escaped wherever text may hold markup, not only where CommonMark would
 * read them (`<a`, `&x`): the export never relies on a reader's HTML rules for user text.
 */
const ESCAPE_ALWAYS: Options['unsafe'] = ['<', '>', '&'].map((character) => ({
  character,
  inConstruct: 'phrasing',
  notInConstruct: ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote', 'titleApostrophe'],
}));

/**
 * Link targets as CommonMark reads them in `[text](target)`: mdast-util-to-markdown escapes `&`
 * before any letter there (`?a=1\\&b=2`), which CommonMark undoes but other readers keep. A
 * target from safeHref is a serialized URL (no spaces, `<` or `>`), so only a backslash, a
 * bracket and an `&` that would start a character reference (`&amp;`) need escaping.
 */
function destination(url: string): string {
  return url.replace(/[\\()]/g, '\\$&').replace(/&(?=#?[\p{L}\p{N}]+;)/gu, '\\&');
}

/** A placeholder target the default link writer leaves as it is; the real one goes in after. */
const TARGET_PLACEHOLDER = 'samskrivlinktarget';

/**
 * Links: autolinks (`<https://…>`, `<post@jd.dep.no>`) as the library writes them (it escapes
 * nothing inside them), other links with the target written by `destination`.
 */
const link: Handle = (node: Link, parent, state, info) => {
  if (formatAutolink(node)) return defaultHandlers.link(node, parent, state, info);
  const written = defaultHandlers.link({ ...node, url: TARGET_PLACEHOLDER }, parent, state, info);
  const at = written.lastIndexOf(`](${TARGET_PLACEHOLDER}`);
  return `${written.slice(0, at)}](${destination(node.url)}${written.slice(at + 2 + TARGET_PLACEHOLDER.length)}`;
};

/** When mdast-util-to-markdown writes a link as an autolink (its own rule, format-link-as-autolink.js). */
function formatAutolink(node: Link): boolean {
  const [only] = node.children;
  if (node.children.length !== 1 || only?.type !== 'text' || node.title) return false;
  return (only.value === node.url || `mailto:${only.value}` === node.url) && /^[a-z][+\-.a-z]+:/i.test(node.url) && !/[\0- <>\u007F]/.test(node.url);
}

const OPTIONS: Options = {
  handlers: { link },
  bullet: '-',
  emphasis: '*',
  strong: '*',
  rule: '-',
  listItemIndent: 'one',
  extensions: [gfmTableToMarkdown({ tablePipeAlign: false }), gfmStrikethroughToMarkdown(), { unsafe: ESCAPE_ALWAYS }],
  join: [
    // An ordered list not starting at 1 cannot interrupt a paragraph: keep a blank line before it.
    (left, right) => (left.type === 'paragraph' && right.type === 'list' && right.ordered && right.start !== 1 ? 1 : undefined),
  ],
};

function wrappersOf(inline: TextInline): Wrapper[] {
  const { marks } = inline;
  const wrappers: Wrapper[] = [];
  if (marks.href) wrappers.push({ type: 'link', url: marks.href });
  if (marks.bold) wrappers.push({ type: 'strong' });
  if (marks.italic) wrappers.push({ type: 'emphasis' });
  if (marks.strike) wrappers.push({ type: 'delete' });
  if (marks.underline) wrappers.push({ type: 'underline' });
  return wrappers;
}

const sameWrapper = (a: Wrapper, b: Wrapper): boolean => a.type === b.type && (a.type !== 'link' || (b.type === 'link' && a.url === b.url));

/** A text, or a marked run around texts and runs, before it becomes mdast. */
type Run = { leaf: Text | InlineCode } | { wrapper: Wrapper; children: Run[] };

/** Text and code of one inline; whitespace around a code span stays outside its backticks. */
function leaves(inline: TextInline): (Text | InlineCode)[] {
  if (!inline.marks.code || inline.text.trim() === '') return [text(inline.text)];
  const lead = inline.text.slice(0, inline.text.length - inline.text.trimStart().length);
  const trail = inline.text.slice(inline.text.trimEnd().length);
  return [text(lead), { type: 'inlineCode', value: inline.text.trim() } satisfies InlineCode, text(trail)].filter((node) => node.value !== '');
}

/** Neighbours that share a mark share one run (`**a *b***`), outermost mark first. */
function runs(items: { wrappers: Wrapper[]; leaf: Text | InlineCode }[], depth = 0): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < items.length; ) {
    const wrapper = items[i]!.wrappers[depth];
    if (!wrapper) {
      out.push({ leaf: items[i++]!.leaf });
      continue;
    }
    let j = i + 1;
    while (j < items.length && items[j]!.wrappers[depth] && sameWrapper(items[j]!.wrappers[depth]!, wrapper)) j++;
    out.push({ wrapper, children: runs(items.slice(i, j), depth + 1) });
    i = j;
  }
  return out;
}

/**
 * Runs as mdast phrasing. Whitespace at the edges of a marked run moves outside it (`**a** b`,
 * not `**a **b`, which CommonMark would not read as bold); underline, which Markdown lacks, is
 * written as `<u>` (our markup, never the user's).
 */
function toPhrasing(list: Run[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const run of list) {
    if ('leaf' in run) {
      out.push(run.leaf);
      continue;
    }
    const children = toPhrasing(run.children);
    const first = children[0];
    const last = children[children.length - 1];
    let lead = '';
    let trail = '';
    if (first?.type === 'text') {
      lead = first.value.slice(0, first.value.length - first.value.trimStart().length);
      first.value = first.value.slice(lead.length);
    }
    if (last?.type === 'text') {
      trail = last.value.slice(last.value.trimEnd().length);
      last.value = last.value.slice(0, last.value.length - trail.length);
    }
    const inner = children.filter((node) => node.type !== 'text' || node.value !== '');
    if (lead) out.push(text(lead));
    const { wrapper } = run;
    if (inner.length === 0) {
      // A run of whitespace only: nothing to mark.
    } else if (wrapper.type === 'link') out.push({ type: 'link', url: wrapper.url, children: inner });
    else if (wrapper.type === 'underline') out.push({ type: 'html', value: '<u>' }, ...inner, { type: 'html', value: '</u>' });
    else out.push({ type: wrapper.type, children: inner });
    if (trail) out.push(text(trail));
  }
  return out;
}

/** One line of inline content as phrasing. */
function lineToPhrasing(inlines: TextInline[]): PhrasingContent[] {
  return toPhrasing(runs(inlines.flatMap((inline) => leaves(inline).map((leaf) => ({ wrappers: wrappersOf(inline), leaf })))));
}

/**
 * Inline content as phrasing, line by line: hard breaks (and newlines in the text) between
 * lines, none at the ends, and no whitespace around them (it would indent or pad a line).
 */
function phrasing(inlines: Inline[]): PhrasingContent[] {
  const lines: TextInline[][] = [[]];
  for (const inline of inlines) {
    if (inline.kind === 'break') {
      lines.push([]);
      continue;
    }
    inline.text.split('\n').forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1]!.push({ ...inline, text: part });
    });
  }
  const out: PhrasingContent[] = [];
  for (const line of lines) {
    // Trim the line's outer whitespace, keeping the marks of its first and last texts.
    const first = line.findIndex((inline) => inline.text.trim() !== '');
    if (first === -1) continue;
    const last = line.length - 1 - [...line].reverse().findIndex((inline) => inline.text.trim() !== '');
    const kept = line.slice(first, last + 1).map((inline) => ({ ...inline }));
    kept[0]!.text = kept[0]!.text.trimStart();
    kept[kept.length - 1]!.text = kept[kept.length - 1]!.text.trimEnd();
    if (out.length > 0) out.push({ type: 'break' });
    out.push(...lineToPhrasing(kept));
  }
  return out;
}

const NO_MARKS: InlineMarks = { bold: false, italic: false, strike: false, underline: false, code: false, href: null };

/** Lines of plain text as one paragraph, hard breaks between them. */
function linesParagraph(lines: string[]): RootContent {
  return { type: 'paragraph', children: phrasing([{ kind: 'text', text: lines.join('\n'), marks: NO_MARKS }]) };
}

function heading(depth: number, children: PhrasingContent[]): Heading {
  return { type: 'heading', depth: Math.min(6, depth) as Heading['depth'], children };
}

function blockNode(block: Block): BlockContent {
  switch (block.kind) {
    case 'paragraph':
      return { type: 'paragraph', children: phrasing(block.inlines) };
    case 'heading':
      return heading(SECTION_LEVEL + block.depth, phrasing(block.inlines));
    case 'list':
      return {
        type: 'list',
        ordered: block.ordered,
        start: block.ordered ? block.start : null,
        spread: false,
        children: block.items.map((item): ListItem => ({ type: 'listItem', spread: false, children: item.map(blockNode) })),
      };
    case 'quote':
      return { type: 'blockquote', children: block.blocks.map(blockNode) };
    case 'code':
      return { type: 'code', value: block.text.replace(/\n$/, '') };
    case 'rule':
      return { type: 'thematicBreak' };
    case 'table':
      return tableNode(block);
  }
}

/** A line break inside a table cell, where Markdown has none of its own (GFM renders `<br>`; our markup, never the user's). */
const CELL_BREAK: PhrasingContent = { type: 'html', value: '<br>' };

/** A table cell's blocks as one line of phrasing: its lines, list items and paragraphs joined by `<br>`. */
function cellPhrasing(blocks: Block[]): PhrasingContent[] {
  const lines = leafBlocks(blocks).flatMap((block): PhrasingContent[][] => {
    if (block.kind === 'code') return block.text.split('\n').filter((line) => line.trim() !== '').map((line) => [{ type: 'inlineCode', value: line }]);
    if (block.kind === 'table') return tableText(block).split('\n').map((line) => [text(line)]);
    return [phrasing(block.inlines).map((node) => (node.type === 'break' ? CELL_BREAK : node))];
  });
  return lines.filter((line) => line.length > 0).flatMap((line, index) => (index > 0 ? [CELL_BREAK, ...line] : line));
}

/**
 * A narrative table as a GFM table: a Markdown table has one header row and no spans, so a cell
 * is written in the first slot it covers and the others are left empty; a table without a header
 * row gets an empty one, and header rows after the first are written as body rows.
 */
function tableNode(table: TableBlock): Table {
  const rows = table.rows.map((row): TableRow => {
    const slots: MdTableCell[] = Array.from({ length: table.columns }, () => ({ type: 'tableCell', children: [] }));
    for (const cell of row) slots[cell.column]!.children = cellPhrasing(cell.blocks);
    return { type: 'tableRow', children: slots };
  });
  const empty: TableRow = { type: 'tableRow', children: Array.from({ length: table.columns }, (): MdTableCell => ({ type: 'tableCell', children: [] })) };
  return { type: 'table', align: Array.from({ length: table.columns }, () => null), children: table.headerRows > 0 ? rows : [empty, ...rows] };
}

/** A summary table row: each cell one line of text (or a link to the section). */
function row(cells: PhrasingContent[][]): TableRow {
  return { type: 'tableRow', children: cells.map((children) => ({ type: 'tableCell', children })) };
}

/** The report as Markdown (CommonMark with a GFM table), in the seed report's layout. */
export function renderMarkdown(content: ReportContent, meta: ExportMeta): string {
  const layout = reportLayout(content, meta);
  const line = (value: string): PhrasingContent[] => [text(value.replace(/\s+/g, ' ').trim())];
  const nodes: RootContent[] = [];
  if (layout.draftNotice) nodes.push({ type: 'blockquote', children: [{ type: 'paragraph', children: [{ type: 'strong', children: [text(layout.draftNotice)] }] }] });
  nodes.push(heading(1, [text(layout.title)]));
  if (layout.subtitle.length > 0) nodes.push(linesParagraph(layout.subtitle));
  for (const paragraph of layout.intro) nodes.push(linesParagraph(paragraph));
  if (layout.gradesLead) nodes.push(linesParagraph([layout.gradesLead]));
  nodes.push({
    type: 'list',
    ordered: false,
    spread: false,
    children: layout.grades.map((grade): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [text(grade)] }] })),
  });

  nodes.push(heading(SECTION_LEVEL, [text(EXPORT_TEXT.summaryHeading)]));
  nodes.push({ type: 'paragraph', children: [{ type: 'emphasis', children: [text(EXPORT_TEXT.summaryCaption)] }] });
  const { columns } = EXPORT_TEXT;
  nodes.push({
    type: 'table',
    align: ['right', null, null, null],
    children: [
      row([line(columns.number), line(columns.title), line(columns.ministries), line(columns.status)]),
      ...layout.rows.map((r) =>
        row([[text(String(r.number))], [{ type: 'link', url: `#${r.anchor}`, children: line(r.title) }], line(r.ministriesText), line(r.status)]),
      ),
    ],
  });

  for (const section of layout.sections) {
    // The anchor the summary table links to; the id is ours (`tiltak-7`), never user text.
    nodes.push({ type: 'html', value: `<a id="${section.anchor}"></a>` });
    nodes.push(heading(SECTION_LEVEL, [text(section.heading)]));
    // The plan's own text is a quotation of the plan: a block quote, before the status.
    if (section.planText.length > 0) nodes.push({ type: 'blockquote', children: section.planText.map((p): BlockContent => ({ type: 'paragraph', children: [text(p)] })) });
    nodes.push({ type: 'paragraph', children: [text(`${EXPORT_TEXT.statusLabel} ${section.status}`)] });
    if (section.notice === null) nodes.push(...section.blocks.map(blockNode));
    else nodes.push({ type: 'paragraph', children: [{ type: 'emphasis', children: [text(section.notice)] }] });
  }

  nodes.push({ type: 'thematicBreak' });
  nodes.push(heading(SECTION_LEVEL, [text(EXPORT_TEXT.colophonHeading)]));
  nodes.push(linesParagraph(layout.colophon));
  const root: Root = { type: 'root', children: nodes };
  return toMarkdown(root, OPTIONS);
}
