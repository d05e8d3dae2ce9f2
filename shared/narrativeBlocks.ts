import { MAX_LIST_START, MAX_NARRATIVE_DEPTH, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from './limits.js';
import { pmDepth, type PmMark, type PmNode } from './prosemirror.js';

/**
 * The one narrative model every reader uses: a narrative's ProseMirror JSON read into the few
 * shapes that the viewer, the plain text, the word diff and every export format write, so that
 * none of them interprets editor JSON (or user input) itself and their rules cannot drift.
 * Text is cleaned of characters XML cannot carry; links keep only http, https and mailto targets;
 * node types the model does not know are kept as their text, never dropped. A table is read into
 * a regular grid no bigger than MAX_TABLE_COLUMNS by MAX_TABLE_ROWS (see tableBlocks). Content nested
 * deeper than MAX_NARRATIVE_DEPTH is not read at all (null): every walker below recurses at
 * most that deep.
 */

export interface InlineMarks {
  bold: boolean;
  italic: boolean;
  strike: boolean;
  underline: boolean;
  code: boolean;
  /** A safe link target (http, https or mailto), or null. */
  href: string | null;
}

export type Inline = { kind: 'text'; text: string; marks: InlineMarks } | { kind: 'break' };

/** One cell of a table. */
export interface TableCell {
  /** A header cell (Tiptap's `tableHeader`, HTML's `<th>`). */
  header: boolean;
  /** The grid column it starts at (0-based), after the cells that span down into its row from above. */
  column: number;
  /** Columns and rows it covers: at least 1, and never past the table's grid. */
  colspan: number;
  rowspan: number;
  /** Its content; empty for an empty cell. */
  blocks: Block[];
}

/**
 * A table as a regular grid of `columns` columns: every slot of every row is covered by exactly
 * one cell (a cell of its own row, or one spanning down from above), cells in column order.
 */
export interface TableBlock {
  kind: 'table';
  columns: number;
  /** How many rows at the top are all header cells: the header row(s), repeated on every page. */
  headerRows: number;
  rows: TableCell[][];
}

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  /** `depth` 1 is the first level below the measure's own heading; never skips a level. */
  | { kind: 'heading'; depth: number; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' }
  | TableBlock;

const NO_MARKS: InlineMarks = { bold: false, italic: false, strike: false, underline: false, code: false, href: null };

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

// Control characters XML 1.0 forbids (tab, newline and carriage return are allowed), and lone surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text without the characters that would make an XML (DOCX) or HTML document invalid. */
export function cleanText(text: string): string {
  return text.replace(UNSAFE_CHARS, '');
}

/** The link target if it is an absolute http, https or mailto URL; otherwise null. */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = cleanText(value).trim();
  if (!URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
}

function marksOf(marks: PmMark[] | undefined, inherited: InlineMarks): InlineMarks {
  const result = { ...inherited };
  for (const mark of marks ?? []) {
    switch (mark.type) {
      case 'bold':
        result.bold = true;
        break;
      case 'italic':
        result.italic = true;
        break;
      case 'strike':
        result.strike = true;
        break;
      case 'underline':
        result.underline = true;
        break;
      case 'code':
        result.code = true;
        break;
      case 'link':
        result.href = safeHref(mark.attrs?.href);
        break;
      default:
        break;
    }
  }
  return result;
}

function inlinesOf(nodes: PmNode[] | undefined, inherited: InlineMarks = NO_MARKS): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') out.push({ kind: 'break' });
    else if (node.type === 'text' || typeof node.text === 'string') {
      const text = cleanText(node.text ?? '');
      if (text !== '') out.push({ kind: 'text', text, marks: marksOf(node.marks, inherited) });
    } else out.push(...inlinesOf(node.content, marksOf(node.marks, inherited)));
  }
  return out;
}

/** Whether inline content shows any text. */
export function inlinesHaveText(inlines: Inline[]): boolean {
  return inlines.some((inline) => inline.kind === 'text' && inline.text.trim() !== '');
}

/** Whether blocks show any text at all (a narrative of empty paragraphs and rules is empty). */
export function blocksHaveText(blocks: Block[]): boolean {
  return blocks.some((block) => {
    switch (block.kind) {
      case 'paragraph':
      case 'heading':
        return inlinesHaveText(block.inlines);
      case 'list':
        return block.items.some(blocksHaveText);
      case 'quote':
        return blocksHaveText(block.blocks);
      case 'code':
        return block.text.trim() !== '';
      case 'rule':
        return false;
      case 'table':
        return block.rows.some((row) => row.some((cell) => blocksHaveText(cell.blocks)));
    }
  });
}

function isInlineNode(node: PmNode): boolean {
  return node.type === 'text' || node.type === 'hardBreak' || typeof node.text === 'string';
}

function startOf(attrs: Record<string, unknown> | undefined): number {
  const start = Number(attrs?.start ?? 1);
  return Number.isInteger(start) && start >= 0 && start <= MAX_LIST_START ? start : 1;
}

/** A span as stored, if it is a whole number from 1 to `max`; otherwise 1 (and never more than `max`). */
function spanOf(value: unknown, max: number): number {
  const span = Number(value ?? 1);
  return Number.isInteger(span) && span >= 1 ? Math.min(span, max) : 1;
}

/** A cell as read, before it has a place in the grid. */
interface RawCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  blocks: Block[];
}

const CELL_TYPES = new Set(['tableCell', 'tableHeader']);

/**
 * A table's rows as tables of at most MAX_TABLE_ROWS rows each (a longer one continues as a table
 * of its own), each a regular grid at most MAX_TABLE_COLUMNS wide: cells are placed left to right
 * in the slots that cells spanning down from above leave free; a span is cut where it would leave
 * the grid or overlap another cell; a cell with no slot left in its row (past the last column)
 * has its content added to the cell before it, so no text is lost; free slots at the end of a row
 * become empty cells. Spans are read as whole numbers only (anything else is 1).
 */
function tableBlocks(rows: RawCell[][]): TableBlock[] {
  const tables: TableBlock[] = [];
  for (let from = 0; from < rows.length; from += MAX_TABLE_ROWS) {
    const chunk = rows.slice(from, from + MAX_TABLE_ROWS);
    // taken[r][c]: the slot is covered by a cell placed so far.
    const taken = chunk.map(() => new Array<boolean>(MAX_TABLE_COLUMNS).fill(false));
    const placed: TableCell[][] = chunk.map(() => []);
    let last: TableCell | null = null;
    chunk.forEach((raw, r) => {
      let column = 0;
      for (const cell of raw) {
        while (column < MAX_TABLE_COLUMNS && taken[r]![column]) column++;
        if (column >= MAX_TABLE_COLUMNS) {
          if (last) last.blocks.push(...cell.blocks);
          continue;
        }
        let colspan = 1;
        while (colspan < cell.colspan && column + colspan < MAX_TABLE_COLUMNS && !taken[r]![column + colspan]) colspan++;
        let rowspan = 1;
        const free = (row: number): boolean => taken[row]!.slice(column, column + colspan).every((slot) => !slot);
        while (rowspan < cell.rowspan && r + rowspan < chunk.length && free(r + rowspan)) rowspan++;
        for (let dr = 0; dr < rowspan; dr++) taken[r + dr]!.fill(true, column, column + colspan);
        last = { header: cell.header, column, colspan, rowspan, blocks: cell.blocks };
        placed[r]!.push(last);
        column += colspan;
      }
    });
    const columns = Math.max(1, ...taken.map((slots) => slots.lastIndexOf(true) + 1));
    placed.forEach((row, r) => {
      const header = row.length > 0 && row.every((cell) => cell.header);
      for (let column = 0; column < columns; column++) {
        if (!taken[r]![column]) row.push({ header, column, colspan: 1, rowspan: 1, blocks: [] });
      }
      row.sort((x, y) => x.column - y.column);
    });
    let headerRows = 0;
    while (headerRows < placed.length && placed[headerRows]!.length > 0 && placed[headerRows]!.every((cell) => cell.header)) headerRows++;
    tables.push({ kind: 'table', columns, headerRows, rows: placed });
  }
  return tables;
}

function codeText(node: PmNode): string {
  if (typeof node.text === 'string') return cleanText(node.text);
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(codeText).join('');
}

/** Blocks of the nodes, heading levels still as the editor wrote them (1–6). */
function blocksOf(nodes: PmNode[] | undefined): { blocks: Block[]; rawLevels: Map<Block, number> } {
  const rawLevels = new Map<Block, number>();
  const read = (list: PmNode[] | undefined): Block[] => {
    const out: Block[] = [];
    let loose: PmNode[] = [];
    const flushLoose = (): void => {
      const inlines = inlinesOf(loose);
      if (inlinesHaveText(inlines)) out.push({ kind: 'paragraph', inlines });
      loose = [];
    };
    for (const node of list ?? []) {
      if (isInlineNode(node)) {
        loose.push(node);
        continue;
      }
      flushLoose();
      switch (node.type) {
        case 'paragraph': {
          const inlines = inlinesOf(node.content);
          if (inlinesHaveText(inlines)) out.push({ kind: 'paragraph', inlines });
          break;
        }
        case 'heading': {
          const inlines = inlinesOf(node.content);
          if (!inlinesHaveText(inlines)) break;
          const block: Block = { kind: 'heading', depth: 1, inlines };
          const level = Number(node.attrs?.level ?? 1);
          rawLevels.set(block, Number.isInteger(level) && level >= 1 && level <= 6 ? level : 1);
          out.push(block);
          break;
        }
        case 'bulletList':
        case 'orderedList': {
          const items = (node.content ?? []).map((item) => read(item.type === 'listItem' ? item.content : [item]));
          const kept = items.filter(blocksHaveText);
          if (kept.length > 0) {
            out.push({ kind: 'list', ordered: node.type === 'orderedList', start: startOf(node.attrs), items: kept });
          }
          break;
        }
        case 'blockquote': {
          const blocks = read(node.content);
          if (blocksHaveText(blocks)) out.push({ kind: 'quote', blocks });
          break;
        }
        case 'codeBlock': {
          const text = codeText(node);
          if (text.trim() !== '') out.push({ kind: 'code', text });
          break;
        }
        case 'horizontalRule':
          out.push({ kind: 'rule' });
          break;
        case 'table': {
          const rows = (node.content ?? []).map((row) =>
            (row.type === 'tableRow' ? (row.content ?? []) : [row]).map(
              (cell): RawCell => ({
                header: cell.type === 'tableHeader',
                colspan: spanOf(cell.attrs?.colspan, MAX_TABLE_COLUMNS),
                rowspan: spanOf(cell.attrs?.rowspan, MAX_TABLE_ROWS),
                blocks: read(CELL_TYPES.has(cell.type) ? cell.content : [cell]),
              }),
            ),
          );
          out.push(...tableBlocks(rows).filter((table) => blocksHaveText([table])));
          break;
        }
        default: {
          // Unknown block (a later editor extension): keep whatever text it holds.
          const children = node.content ?? [];
          if (children.every(isInlineNode)) {
            const inlines = inlinesOf(children);
            if (inlinesHaveText(inlines)) out.push({ kind: 'paragraph', inlines });
          } else out.push(...read(children));
        }
      }
    }
    flushLoose();
    return out;
  };
  return { blocks: read(nodes), rawLevels };
}

/**
 * Heading depths below the section: the narrative's distinct heading levels ranked (its highest
 * level becomes depth 1), and no heading deeper than one below the heading before it.
 */
function assignDepths(blocks: Block[], rawLevels: Map<Block, number>): void {
  const ranks = new Map([...new Set(rawLevels.values())].sort((x, y) => x - y).map((level, index) => [level, index + 1]));
  let previous = 0;
  const visit = (list: Block[]): void => {
    for (const block of list) {
      if (block.kind === 'heading') {
        const rank = ranks.get(rawLevels.get(block) ?? 1) ?? 1;
        block.depth = Math.min(rank, previous + 1);
        previous = block.depth;
      } else if (block.kind === 'list') block.items.forEach(visit);
      else if (block.kind === 'quote') visit(block.blocks);
      else if (block.kind === 'table') block.rows.forEach((row) => row.forEach((cell) => visit(cell.blocks)));
    }
  };
  visit(blocks);
}

/**
 * A narrative (ProseMirror JSON `doc`) as blocks; empty paragraphs and empty lists left out.
 * Null when it is nested deeper than any narrative may be (it cannot be shown).
 */
export function narrativeBlocks(doc: PmNode): Block[] | null {
  if (pmDepth(doc, MAX_NARRATIVE_DEPTH) > MAX_NARRATIVE_DEPTH) return null;
  const { blocks, rawLevels } = blocksOf(doc.type === 'doc' ? doc.content : [doc]);
  assignDepths(blocks, rawLevels);
  return blocks;
}

/**
 * A table as plain text, its text alternative: a line per row, its cells' text separated by
 * ` | ` (a cell's own lines joined by spaces), so that words of neighbouring cells never run
 * together and the rows stay apart. A cell spanning several slots is said once.
 */
export function tableText(table: TableBlock): string {
  return table.rows.map((row) => row.map((cell) => blocksText(cell.blocks).replace(/\s*\n\s*/g, ' ')).join(' | ')).join('\n');
}

/** A block that carries text of its own: what lists and quotes hold, in the end. */
export type LeafBlock = Extract<Block, { kind: 'paragraph' | 'heading' | 'code' | 'table' }>;

/**
 * The blocks that carry text, in reading order, lists and quotes looked through and rules left
 * out: what a table cell's single paragraph, or a plain text, is made of. (Recursive, within
 * MAX_NARRATIVE_DEPTH like every walker here.)
 */
export function leafBlocks(blocks: Block[]): LeafBlock[] {
  const leaves: LeafBlock[] = [];
  const visit = (list: Block[]): void => {
    for (const block of list) {
      if (block.kind === 'list') block.items.forEach(visit);
      else if (block.kind === 'quote') visit(block.blocks);
      else if (block.kind !== 'rule') leaves.push(block);
    }
  };
  visit(blocks);
  return leaves;
}

/**
 * Blocks as plain text: one paragraph, heading, list item's paragraph, code block or table per
 * block, a blank line between (a table as tableText gives it).
 */
export function blocksText(blocks: Block[]): string {
  return leafBlocks(blocks)
    .map((block) => (block.kind === 'code' ? block.text : block.kind === 'table' ? tableText(block) : inlineText(block.inlines)))
    .filter((text) => text.trim() !== '')
    .join('\n\n');
}

/** Plain text of a narrative's ProseMirror JSON (empty when it cannot be read). */
export function pmToPlainText(doc: PmNode): string {
  return blocksText(narrativeBlocks(doc) ?? []);
}

/** Inline content as plain text (hard breaks as newlines). */
export function inlineText(inlines: Inline[]): string {
  return inlines.map((inline) => (inline.kind === 'break' ? '\n' : inline.text)).join('');
}
