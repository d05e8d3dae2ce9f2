import { MAX_LIST_START, MAX_NARRATIVE_DEPTH } from './limits.js';
import { pmDepth, type PmMark, type PmNode } from './prosemirror.js';

/**
 * The one narrative model every reader uses: a narrative's ProseMirror JSON read into the few
 * shapes that the viewer, the plain text, the word diff and every export format write, so that
 * none of them interprets editor JSON (or user input) itself and their rules cannot drift.
 * Text is cleaned of characters XML cannot carry; links keep only http, https and mailto targets;
 * node types the model does not know are kept as their text, never dropped. Content nested
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

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  /** `depth` 1 is the first level below the measure's own heading; never skips a level. */
  | { kind: 'heading'; depth: number; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

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

/** Blocks as plain text: one paragraph, heading, list item's paragraph or code block per block, a blank line between. */
export function blocksText(blocks: Block[]): string {
  const texts: string[] = [];
  const visit = (list: Block[]): void => {
    for (const block of list) {
      switch (block.kind) {
        case 'paragraph':
        case 'heading':
          texts.push(inlineText(block.inlines));
          break;
        case 'list':
          block.items.forEach(visit);
          break;
        case 'quote':
          visit(block.blocks);
          break;
        case 'code':
          texts.push(block.text);
          break;
        case 'rule':
          break;
      }
    }
  };
  visit(blocks);
  return texts.filter((text) => text.trim() !== '').join('\n\n');
}

/** Plain text of a narrative's ProseMirror JSON (empty when it cannot be read). */
export function pmToPlainText(doc: PmNode): string {
  return blocksText(narrativeBlocks(doc) ?? []);
}

/** Inline content as plain text (hard breaks as newlines). */
export function inlineText(inlines: Inline[]): string {
  return inlines.map((inline) => (inline.kind === 'break' ? '\n' : inline.text)).join('');
}
