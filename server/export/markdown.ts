import type { ReportContent } from '../../shared/snapshot.js';
import { reportLayout } from './layout.js';
import type { ExportMeta } from './meta.js';
import type { Block, Inline, InlineMarks } from '../../shared/narrativeBlocks.js';
import { EXPORT_TEXT } from './strings.js';

/** Heading level of a measure's section (`##`); the report title is `#`. */
const SECTION_LEVEL = 2;

/** Backslash-escapes what CommonMark (and GFM tables) would read as markup anywhere in a line. */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

/** Escapes what would start a block (heading, list, quote, rule, setext underline) at a line start. */
function escapeLineStart(text: string): string {
  return text.replace(/^(\s*)([#+\-=>])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** A line of plain text as Markdown. */
function plainLine(text: string): string {
  return escapeLineStart(escapeInline(text.trim()));
}

function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[`\s]|[`\s]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text.replace(/\n/g, ' ')}${pad}${fence}`;
}

/** Percent-encodes what would end or break a Markdown link destination. */
function linkDestination(href: string): string {
  return href.replace(/[\s()<>\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Marks that wrap text, outermost first; `code` is written as its own span inside them. */
type WrapMark = 'link' | 'bold' | 'italic' | 'strike' | 'underline';

interface WantedMark {
  mark: WrapMark;
  /** The link target, for `link`. */
  href: string;
}

function wantedMarks(marks: InlineMarks): WantedMark[] {
  const list: WantedMark[] = [];
  if (marks.href) list.push({ mark: 'link', href: marks.href });
  if (marks.bold) list.push({ mark: 'bold', href: '' });
  if (marks.italic) list.push({ mark: 'italic', href: '' });
  if (marks.strike) list.push({ mark: 'strike', href: '' });
  if (marks.underline) list.push({ mark: 'underline', href: '' });
  return list;
}

const sameMark = (a: WantedMark, b: WantedMark): boolean => a.mark === b.mark && a.href === b.href;

/** Delimiters in Markdown form, and the HTML form used where CommonMark's flanking rules would not read them. */
const DELIMITERS: Record<Exclude<WrapMark, 'link'>, { md: string; html: [string, string] }> = {
  bold: { md: '**', html: ['<strong>', '</strong>'] },
  italic: { md: '*', html: ['<em>', '</em>'] },
  strike: { md: '~~', html: ['<del>', '</del>'] },
  underline: { md: '', html: ['<u>', '</u>'] },
};

const sameMarks = (a: InlineMarks, b: InlineMarks): boolean =>
  a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.underline === b.underline && a.code === b.code && a.href === b.href;

/** Neighbouring texts with the same marks as one (two code spans side by side would merge their fences). */
function mergeAdjacent(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    const last = out[out.length - 1];
    if (inline.kind === 'text' && last?.kind === 'text' && sameMarks(last.marks, inline.marks)) {
      out[out.length - 1] = { ...last, text: last.text + inline.text };
    } else out.push(inline);
  }
  return out;
}

/** A delimiter; an opening one gets its form when its mark closes. */
interface Slot {
  text: string | null;
  /** The delimiter character when written in Markdown form (`*`, `~`), so neighbours know they share a run. */
  run: string;
}

interface OpenMark extends WantedMark {
  slot: Slot;
  /** The character before the opening delimiter (punctuation for a delimiter not yet decided). */
  before: string;
  /** An adjacent delimiter of the same character would merge with this one into one run. */
  forceHtml: boolean;
}

const isSpace = (char: string): boolean => char === '' || /\s/u.test(char);
const isPunct = (char: string): boolean => /[\p{P}\p{S}]/u.test(char);
/** Which delimiter character a Markdown-form mark uses. */
const family = (mark: WrapMark): string => (mark === 'bold' || mark === 'italic' ? '*' : mark === 'strike' ? '~' : '');

/** First (or last) character of a piece; a delimiter not yet decided reads as punctuation, as both its forms are. */
function edgeChar(piece: string | Slot, end: boolean): string {
  const text = typeof piece === 'string' ? piece : (piece.text ?? '*');
  return text === '' ? '' : end ? text[text.length - 1]! : text[0]!;
}

/**
 * Inline content as Markdown. Marks open and close like a stack (`**a *b***`), whitespace stays
 * outside the delimiters, and a mark whose `*`/`~~` delimiters CommonMark would not read as such
 * (e.g. `word**(x)**word`) is written as HTML (`<strong>`) instead.
 */
function inlineMarkdown(inlines: Inline[]): string {
  const out: (string | Slot)[] = [];
  const open: OpenMark[] = [];
  let pending = '';
  let lineStart = true;

  /** The last character written, looking past Markdown delimiters of the run `skip`. */
  const lastChar = (skip = ''): string => {
    for (let i = out.length - 1; i >= 0; i--) {
      const piece = out[i]!;
      if (skip !== '' && typeof piece !== 'string' && piece.run === skip) continue;
      const char = edgeChar(piece, true);
      if (char !== '') return char;
    }
    return '';
  };
  /** The first character written after `slot`, looking past Markdown delimiters of the run `skip`. */
  const firstCharAfter = (slot: Slot, skip: string): string => {
    for (let i = out.indexOf(slot) + 1; i < out.length; i++) {
      const piece = out[i]!;
      if (typeof piece !== 'string' && piece.run === skip) continue;
      const char = edgeChar(piece, false);
      if (char !== '') return char;
    }
    return '';
  };
  const write = (text: string): void => {
    if (text !== '') out.push(text);
  };
  const close = (entry: OpenMark, next: string): void => {
    if (entry.mark === 'link') {
      entry.slot.text = '[';
      write(`](${linkDestination(entry.href)})`);
      return;
    }
    const delimiter = DELIMITERS[entry.mark];
    const run = family(entry.mark);
    // Delimiters of one character side by side are one run: its neighbours are what lies outside it.
    const first = firstCharAfter(entry.slot, run);
    const last = lastChar(run);
    // Stricter than CommonMark's flanking rules: never punctuation on both sides of a delimiter,
    // where a run could both open and close and the "rule of 3" decides.
    const opens = !isSpace(first) && (!isPunct(first) || isSpace(entry.before));
    const closes = !isSpace(last) && (!isPunct(last) || isSpace(next));
    if (delimiter.md !== '' && !entry.forceHtml && opens && closes) {
      entry.slot.text = delimiter.md;
      entry.slot.run = run;
      out.push({ text: delimiter.md, run });
    } else {
      entry.slot.text = delimiter.html[0];
      out.push({ text: delimiter.html[1], run: '' });
    }
  };

  for (const inline of mergeAdjacent(inlines)) {
    if (inline.kind === 'break') {
      pending += '\\\n';
      lineStart = true;
      continue;
    }
    inline.text.split('\n').forEach((line, index) => {
      if (index > 0) {
        pending += '\\\n';
        lineStart = true;
      }
      const core = line.trim();
      if (core === '') {
        pending += line;
        return;
      }
      const lead = line.slice(0, line.length - line.trimStart().length);
      const trail = line.slice(line.trimEnd().length);
      const wanted = wantedMarks(inline.marks);
      // Keep the open marks from the bottom of the stack up to the first one no longer wanted.
      let keep = 0;
      while (keep < open.length && wanted.some((mark) => sameMark(mark, open[keep]!))) keep++;
      const opening = wanted.filter((mark) => !open.slice(0, keep).some((entry) => sameMark(entry, mark)));
      // Leading breaks would be a literal backslash; spaces after a break would indent the line.
      const separator = lastChar() === '' ? '' : lineStart ? pending.replace(/[ \t]+$/, '') : pending + lead;
      const escaped = inline.marks.code
        ? codeSpan(core)
        : lineStart && opening.length === 0
          ? escapeLineStart(escapeInline(core))
          : escapeInline(core);
      const next = separator !== '' ? separator[0]! : opening.length > 0 ? '[' : escaped[0]!;
      const closing = open.splice(keep);
      closing.reverse().forEach((entry, i) => close(entry, i < closing.length - 1 ? '*' : next));
      write(separator);
      pending = '';
      opening.forEach((mark) => {
        const slot: Slot = { text: null, run: '' };
        const before = lastChar();
        const previous = out[out.length - 1];
        const forceHtml = typeof previous === 'object' && previous.run !== '' && previous.run === family(mark.mark);
        // `![` would make the link an image.
        if (mark.mark === 'link' && typeof previous === 'string' && previous.endsWith('!')) {
          out[out.length - 1] = `${previous.slice(0, -1)}\\!`;
        }
        out.push(slot);
        open.push({ ...mark, slot, before, forceHtml });
      });
      write(escaped);
      lineStart = false;
      pending = trail;
    });
  }
  const closing = open.splice(0);
  closing.reverse().forEach((entry) => close(entry, ''));
  // A hard break at the end of a paragraph would be a literal backslash.
  const text = out.map((piece) => (typeof piece === 'string' ? piece : (piece.text ?? ''))).join('');
  return text + pending.replace(/(\\\n|\s)+$/, '');
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : by + line))
    .join('\n');
}

function codeFence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

function blockMarkdown(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return inlineMarkdown(block.inlines);
    case 'heading':
      return `${'#'.repeat(Math.min(6, SECTION_LEVEL + block.depth))} ${inlineMarkdown(block.inlines).replace(/\\\n/g, ' ')}`;
    case 'list':
      return block.items
        .map((item, index) => {
          const marker = block.ordered ? `${block.start + index}. ` : '- ';
          const body = itemMarkdown(item);
          return marker + indent(body, ' '.repeat(marker.length));
        })
        .join('\n');
    case 'quote':
      return blocksMarkdown(block.blocks)
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'code': {
      const fence = codeFence(block.text);
      return `${fence}\n${block.text.replace(/\n$/, '')}\n${fence}`;
    }
    case 'rule':
      return '---';
  }
}

function blocksMarkdown(blocks: Block[]): string {
  return blocks.map(blockMarkdown).join('\n\n');
}

/**
 * A list item's blocks, kept tight where CommonMark allows: a nested list may follow its
 * paragraph directly, except an ordered list not starting at 1, which cannot interrupt one.
 */
function itemMarkdown(blocks: Block[]): string {
  return blocks
    .map((block, index) => {
      const text = blockMarkdown(block);
      if (index === 0) return text;
      const tight = block.kind === 'list' && (!block.ordered || block.start === 1);
      return (tight ? '\n' : '\n\n') + text;
    })
    .join('');
}

/** A table cell: one line, pipes escaped (by escapeInline). */
function cell(text: string): string {
  return escapeInline(text.replace(/\s+/g, ' ').trim());
}

/** The report as Markdown (CommonMark with a GFM table), in the seed report's layout. */
export function renderMarkdown(content: ReportContent, meta: ExportMeta): string {
  const layout = reportLayout(content, meta);
  const parts: string[] = [];
  if (layout.draftNotice) parts.push(`> **${escapeInline(layout.draftNotice)}**`);
  parts.push(`# ${escapeInline(layout.title)}`);
  if (layout.subtitle.length > 0) parts.push(layout.subtitle.map(plainLine).join('\\\n'));
  for (const paragraph of layout.intro) parts.push(paragraph.map(plainLine).join('\\\n'));
  if (layout.gradesLead) parts.push(plainLine(layout.gradesLead));
  parts.push(layout.grades.map((grade) => `- ${escapeInline(grade)}`).join('\n'));

  parts.push(`## ${EXPORT_TEXT.summaryHeading}`);
  parts.push(`*${escapeInline(EXPORT_TEXT.summaryCaption)}*`);
  const { columns } = EXPORT_TEXT;
  const table = [
    `| ${cell(columns.number)} | ${cell(columns.title)} | ${cell(columns.ministries)} | ${cell(columns.status)} |`,
    '| ---: | --- | --- | --- |',
    ...layout.rows.map(
      (row) => `| ${row.number} | [${cell(row.title)}](#${row.anchor}) | ${cell(row.ministriesText)} | ${cell(row.status)} |`,
    ),
  ];
  parts.push(table.join('\n'));

  for (const section of layout.sections) {
    parts.push(`<a id="${section.anchor}"></a>\n\n## ${escapeInline(section.heading)}`);
    parts.push(`${EXPORT_TEXT.statusLabel} ${escapeInline(section.status)}`);
    parts.push(section.notice === null ? blocksMarkdown(section.blocks) : `*${escapeInline(section.notice)}*`);
  }

  parts.push('---');
  parts.push(`## ${EXPORT_TEXT.colophonHeading}`);
  parts.push(layout.colophon.map(plainLine).join('\\\n'));
  return `${parts.join('\n\n')}\n`;
}
