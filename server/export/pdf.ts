import PDFDocument from 'pdfkit';
import type { ReportContent } from '../../shared/snapshotContent.js';
import { leafBlocks, tableText, type Block, type Inline, type TableBlock, type TableCell } from '../../shared/narrativeBlocks.js';
import { reportLayout, type MeasureSection, type ReportLayout } from './layout.js';
import type { ExportMeta } from './meta.js';
import { fontFile, fontRuns, type FontStyle } from './pdfFonts.js';
import { EXPORT_TEXT } from './strings.js';

/**
 * The report as a tagged PDF (PDF/UA-1 structure), made with pdfkit and Inter: every piece of
 * the layout is a structure element (Document, H1–H6, P, L/LI/Lbl/LBody, BlockQuote, Table
 * with THead/TBody/TR/TH/TD, Link), page furniture (running header, page numbers, the table
 * header repeated on a new page, rules and borders) is marked as artifacts, the document's
 * language is Norwegian bokmål and its title is shown, and the outline has one entry per measure.
 */

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** A4 in points, with 20 mm side margins; header and footer sit in the top and bottom margins. */
const PAGE = { width: 595.28, height: 841.89, side: 56.69, top: 62, bottom: 62 } as const;
const TEXT_WIDTH = PAGE.width - 2 * PAGE.side;

const COLOR = { text: '#1b1b1b', muted: '#474c52', heading: '#1f3a5f', line: '#767c84', headBg: '#e6edf5', link: '#0b4a8b', draft: '#a4161a' } as const;
const LANGUAGE = 'nb-NO';

const BODY = { size: 10, lineGap: 2.5, after: 6 } as const;
/** Font size and space before and after, by heading level (1 is the report's title). */
const HEADING: Record<number, { size: number; before: number; after: number }> = {
  1: { size: 20, before: 0, after: 8 },
  2: { size: 14, before: 16, after: 6 },
  3: { size: 12, before: 10, after: 4 },
  4: { size: 11, before: 8, after: 3 },
  5: { size: 10.5, before: 8, after: 3 },
  6: { size: 10, before: 8, after: 3 },
};
/** Heading level of a measure's section; the narrative's own headings go below it. */
const SECTION_LEVEL = 2;

const TABLE = { size: 9, padding: 4, columns: [40, 0, 86, 106] } as const;
const COLUMNS = TABLE.columns.map((width) => width || TEXT_WIDTH - TABLE.columns.reduce<number>((sum, w) => sum + w, 0));

const LIST_INDENT = 16;
const QUOTE_INDENT = 12;
const BULLETS = ['•', '–'] as const;

const PLAIN: FontStyle = { bold: false, italic: false };
const BOLD: FontStyle = { bold: true, italic: false };
const ITALIC: FontStyle = { bold: false, italic: true };

/**
 * One piece of a paragraph's text with how it looks. Inline code is set in Inter like the rest
 * (fontsource has no monospace Inter); code blocks get a frame.
 */
interface Piece {
  text: string;
  style: FontStyle;
  href: string | null;
  strike: boolean;
  underline: boolean;
}

interface TextStyle {
  size: number;
  color: string;
  lineGap?: number;
}

/**
 * pdfkit writes a structure element's attributes (`/A`) only from its dictionary; its types do
 * not show the dictionary, so it is reached here, in one place.
 */
function setAttributes(element: Struct, attributes: Record<string, unknown>): void {
  (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = attributes;
}

class PdfWriter {
  readonly doc: Doc;
  private readonly registered = new Set<string>();
  private readonly root: Struct;

  constructor(private readonly layout: ReportLayout) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.side, right: PAGE.side },
      // No default font: pdfkit's is Helvetica, which PDF/UA would need embedded.
      font: '',
      bufferPages: true,
      tagged: true,
      pdfVersion: '1.7',
      // pdfkit writes the PDF/UA identification into the XMP metadata; its types list only PDF/A.
      subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
      lang: LANGUAGE,
      displayTitle: true,
      info: { Title: layout.documentTitle, Creator: 'Samskriv', Producer: 'Samskriv (pdfkit)', Subject: layout.subtitle.join(' – ') },
    });
    this.root = this.doc.struct('Document');
    this.doc.addStructure(this.root);
    // PDF/UA wants every link annotation to describe itself (`/Contents`); pdfkit gives the ones
    // it makes for linked text an empty one, so this document's own link() names the address
    // (as a String object, which pdfkit writes as a PDF text string; a plain string would be a name).
    const link = this.doc.link.bind(this.doc);
    this.doc.link = (x, y, w, h, url, options = {}) => link(x, y, w, h, url, { ...options, Contents: new String(String(url)) as unknown as string });
  }

  // --- text ------------------------------------------------------------------------------------

  private useFont(name: string, size: number): void {
    if (!this.registered.has(name)) {
      this.doc.registerFont(name, fontFile(name));
      this.registered.add(name);
    }
    this.doc.font(name, size);
  }

  /** Space left on the page below the cursor. */
  private spaceLeft(): number {
    return this.doc.page.height - PAGE.bottom - this.doc.y;
  }

  /** A new page unless `height` fits below the cursor. */
  private ensureSpace(height: number): void {
    if (this.spaceLeft() < height) this.doc.addPage();
  }

  private lineHeight(size: number, lineGap: number = BODY.lineGap): number {
    this.useFont(fontRuns('A', PLAIN)[0]!.font, size);
    return this.doc.currentLineHeight(true) + lineGap;
  }

  /**
   * Writes pieces of text as one paragraph at `x`, `width` wide, inside `parent`: runs of plain
   * text as marked content of `parent`, each link as a Link element holding its text and its
   * annotation (with no parent, as drawn: inside an artifact). Leaves the cursor below it.
   */
  private paragraph(parent: Struct | null, pieces: Piece[], x: number, width: number, look: TextStyle): void {
    const { doc } = this;
    const runs = pieces.flatMap((piece) => fontRuns(piece.text, piece.style).map((run) => ({ ...piece, ...run })));
    // A line break at the end of a continued piece is lost (pdfkit goes back to that line for the
    // next piece): it starts the next piece instead.
    for (let i = 0; i + 1 < runs.length; i++) {
      const breaks = /\n+$/.exec(runs[i]!.text)?.[0] ?? '';
      if (breaks === '') continue;
      runs[i]!.text = runs[i]!.text.slice(0, -breaks.length);
      runs[i + 1]!.text = breaks + runs[i + 1]!.text;
    }
    const parts = runs.filter((part) => part.text !== '');
    if (parts.length === 0) return;
    doc.x = x;
    let first = true;
    const write = (part: (typeof parts)[number], last: boolean): void => {
      this.useFont(part.font, look.size);
      doc.fillColor(part.href ? COLOR.link : look.color);
      const options: PDFKit.Mixins.TextOptions = {
        width,
        lineGap: look.lineGap ?? BODY.lineGap,
        continued: !last,
        underline: part.underline || part.href !== null,
        strike: part.strike,
        ...(part.href ? { link: part.href } : {}),
      };
      if (first) doc.text(part.text, x, doc.y, options);
      else doc.text(part.text, options);
      first = false;
    };
    for (let i = 0; i < parts.length; ) {
      const href = parts[i]!.href;
      let j = i + 1;
      while (j < parts.length && parts[j]!.href === href) j++;
      const group = parts.slice(i, j);
      const end = j === parts.length;
      const draw = (): void => group.forEach((part, k) => write(part, end && k === group.length - 1));
      if (parent === null) draw();
      else if (href === null) parent.add(draw);
      else {
        const link = doc.struct('Link', { alt: href });
        parent.add(link);
        link.add(draw);
        link.end();
      }
      i = j;
    }
    doc.x = PAGE.side;
  }

  private plainPieces(text: string, style: FontStyle = PLAIN): Piece[] {
    return [{ text, style, href: null, strike: false, underline: false }];
  }

  private inlinePieces(inlines: Inline[], base: FontStyle = PLAIN): Piece[] {
    return inlines.map((inline): Piece => {
      if (inline.kind === 'break') return { text: '\n', style: base, href: null, strike: false, underline: false };
      const { marks } = inline;
      return {
        text: inline.text,
        style: { bold: base.bold || marks.bold, italic: base.italic || marks.italic },
        href: marks.href,
        strike: marks.strike,
        underline: marks.underline,
      };
    });
  }

  /** A block-level element of `type` holding one paragraph of pieces. */
  private textBlock(parent: Struct, type: string, pieces: Piece[], options: { x?: number; width?: number; look?: TextStyle; after?: number } = {}): void {
    const element = this.doc.struct(type);
    parent.add(element);
    const x = options.x ?? PAGE.side;
    this.paragraph(element, pieces, x, options.width ?? PAGE.width - PAGE.side - x, options.look ?? { size: BODY.size, color: COLOR.text });
    element.end();
    this.doc.y += options.after ?? BODY.after;
  }

  /** A heading, kept on the page with at least a few lines of what follows it. */
  private heading(parent: Struct, level: number, text: string | Inline[], x: number = PAGE.side): void {
    const spec = HEADING[Math.min(6, level)]!;
    const pieces = typeof text === 'string' ? this.plainPieces(text, BOLD) : this.inlinePieces(text, BOLD);
    const width = PAGE.width - PAGE.side - x;
    this.useFont(fontRuns('A', BOLD)[0]!.font, spec.size);
    const height = this.doc.heightOfString(pieces.map((p) => p.text).join(''), { width, lineGap: BODY.lineGap });
    if (this.doc.y > PAGE.top) this.doc.y += spec.before;
    this.ensureSpace(height + 3 * this.lineHeight(BODY.size));
    this.textBlock(parent, `H${Math.min(6, level)}`, pieces, { x, width, look: { size: spec.size, color: COLOR.heading }, after: spec.after });
  }

  /** Decoration, drawn as an artifact so that assistive technology skips it. */
  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact');
    draw();
    this.doc.endMarkedContent();
  }

  // --- narrative blocks --------------------------------------------------------------------------

  private blocks(parent: Struct, blocks: Block[], x: number): void {
    for (const block of blocks) this.block(parent, block, x);
  }

  private block(parent: Struct, block: Block, x: number): void {
    const width = PAGE.width - PAGE.side - x;
    switch (block.kind) {
      case 'paragraph':
        this.textBlock(parent, 'P', this.inlinePieces(block.inlines), { x, width });
        return;
      case 'heading':
        this.heading(parent, SECTION_LEVEL + block.depth, block.inlines, x);
        return;
      case 'list':
        this.list(parent, block, x);
        return;
      case 'quote': {
        const quote = this.doc.struct('BlockQuote');
        parent.add(quote);
        this.ruled(() => this.blocks(quote, block.blocks, x + QUOTE_INDENT), x);
        quote.end();
        return;
      }
      case 'code': {
        const top = this.doc.y;
        const element = this.doc.struct('P');
        parent.add(element);
        const code = this.doc.struct('Code');
        element.add(code);
        this.paragraph(code, this.plainPieces(block.text.replace(/\n$/, '')), x + 4, width - 8, { size: BODY.size - 0.5, color: COLOR.text });
        code.end();
        element.end();
        if (this.doc.y > top) {
          const bottom = this.doc.y;
          this.artifact(() => this.doc.save().lineWidth(0.75).strokeColor(COLOR.line).rect(x, top - 2, width, bottom - top + 4).stroke().restore());
        }
        this.doc.y += BODY.after + 2;
        return;
      }
      case 'rule': {
        const y = this.doc.y + 4;
        this.artifact(() => this.doc.save().lineWidth(0.75).strokeColor(COLOR.line).moveTo(x, y).lineTo(x + width, y).stroke().restore());
        this.doc.y += 12;
        return;
      }
      case 'table':
        this.table(parent, block, x);
        return;
    }
  }

  /** A cell's blocks as the pieces of one paragraph, a line each (a header cell's in bold). */
  private cellPieces(cell: TableCell): Piece[] {
    const base = cell.header ? BOLD : PLAIN;
    const pieces: Piece[] = [];
    const line = (more: Piece[]): void => {
      if (more.length === 0) return;
      if (pieces.length > 0) pieces.push(...this.plainPieces('\n', base));
      pieces.push(...more);
    };
    for (const block of leafBlocks(cell.blocks)) {
      if (block.kind === 'code') line(this.plainPieces(block.text.replace(/\n$/, ''), base));
      else if (block.kind === 'table') line(this.plainPieces(tableText(block), base));
      else line(this.inlinePieces(block.inlines, base));
    }
    return pieces;
  }

  /**
   * A narrative table as a simple grid of equal columns from `x` to the right margin: a Table
   * element with its header rows in THead (TH with Scope Column), the rest in TBody (a header
   * cell there is TH with Scope Row), spans as ColSpan and RowSpan attributes. A cell's text is
   * set in its first row; the borders are artifacts, and the header rows are drawn again (as
   * artifacts) at the top of each further page the table runs onto.
   */
  private table(parent: Struct, table: TableBlock, x: number): void {
    const { doc } = this;
    const columnWidth = (PAGE.width - PAGE.side - x) / table.columns;
    const element = doc.struct('Table');
    parent.add(element);
    const head = table.headerRows > 0 ? doc.struct('THead') : null;
    if (head) element.add(head);
    const body = table.rows.length > table.headerRows ? doc.struct('TBody') : null;
    for (let r = 0; r < table.rows.length; r++) {
      const inHead = r < table.headerRows;
      const height = this.tableRowHeight(table.rows[r]!, columnWidth);
      if (this.spaceLeft() < height && doc.y > PAGE.top) {
        doc.addPage();
        if (!inHead) for (let h = 0; h < table.headerRows; h++) this.tableRow(table, h, x, columnWidth, null, true);
      }
      if (r === table.headerRows && body) element.add(body);
      const tr = doc.struct('TR');
      (inHead ? head : body)!.add(tr);
      this.tableRow(table, r, x, columnWidth, tr, inHead);
      tr.end();
      if (r === table.headerRows - 1) head!.end();
    }
    body?.end();
    element.end();
    doc.x = PAGE.side;
    doc.y += BODY.after + 2;
  }

  private tableRowHeight(row: TableCell[], columnWidth: number): number {
    const heights = row.map((cell) => {
      const text = this.cellPieces(cell).map((piece) => piece.text).join('');
      if (text === '') return 0;
      this.useFont(fontRuns('A', cell.header ? BOLD : PLAIN)[0]!.font, TABLE.size);
      return this.doc.heightOfString(text, { width: columnWidth * cell.colspan - 2 * TABLE.padding, lineGap: 1 });
    });
    return Math.max(this.lineHeight(TABLE.size, 1), ...heights) + 2 * TABLE.padding;
  }

  /** One row of a narrative table at the cursor: borders as artifacts, cells as TH/TD of `parent` (or all an artifact). */
  private tableRow(table: TableBlock, r: number, x: number, columnWidth: number, parent: Struct | null, inHead: boolean): void {
    const { doc } = this;
    const row = table.rows[r]!;
    const height = this.tableRowHeight(row, columnWidth);
    const top = doc.y;
    this.artifact(() => {
      doc.save().lineWidth(0.5).strokeColor(COLOR.line);
      // A cell's box in this row: a cell spanning rows has no line between the rows it covers.
      const box = (cell: TableCell, first: boolean, last: boolean): void => {
        const left = x + cell.column * columnWidth;
        const right = left + columnWidth * cell.colspan;
        if (cell.header) doc.rect(left, top, right - left, height).fill(COLOR.headBg);
        doc.moveTo(left, top).lineTo(left, top + height).moveTo(right, top).lineTo(right, top + height);
        if (first) doc.moveTo(left, top).lineTo(right, top);
        if (last) doc.moveTo(left, top + height).lineTo(right, top + height);
        doc.stroke();
      };
      for (const cell of row) box(cell, true, cell.rowspan === 1);
      // Cells from rows above that span down into this one.
      for (let above = r - 1; above >= 0; above--) {
        for (const cell of table.rows[above]!) {
          if (above + cell.rowspan > r) box(cell, false, above + cell.rowspan - 1 === r);
        }
      }
      doc.restore();
    });
    for (const cell of row) {
      const write = (into: Struct | null): void => {
        doc.y = top + TABLE.padding;
        this.paragraph(into, this.cellPieces(cell), x + cell.column * columnWidth + TABLE.padding, columnWidth * cell.colspan - 2 * TABLE.padding, {
          size: TABLE.size,
          color: COLOR.text,
          lineGap: 1,
        });
      };
      if (parent === null) {
        this.artifact(() => write(null));
        continue;
      }
      const element = doc.struct(cell.header ? 'TH' : 'TD');
      parent.add(element);
      const attributes: Record<string, unknown> = { O: 'Table' };
      if (cell.header) attributes.Scope = inHead ? 'Column' : 'Row';
      if (cell.colspan > 1) attributes.ColSpan = cell.colspan;
      if (cell.rowspan > 1) attributes.RowSpan = cell.rowspan;
      setAttributes(element, attributes);
      write(element);
      element.end();
    }
    doc.x = PAGE.side;
    doc.y = top + height;
  }

  private list(parent: Struct, block: Extract<Block, { kind: 'list' }>, x: number, depth = 0): void {
    const list = this.doc.struct('L');
    parent.add(list);
    setAttributes(list, { O: 'List', ListNumbering: block.ordered ? 'Decimal' : 'Disc' });
    block.items.forEach((item, index) => {
      const li = this.doc.struct('LI');
      list.add(li);
      const label = block.ordered ? `${block.start + index}.` : BULLETS[depth % BULLETS.length]!;
      this.ensureSpace(this.lineHeight(BODY.size));
      const labelY = this.doc.y;
      const lbl = this.doc.struct('Lbl');
      li.add(lbl);
      this.paragraph(lbl, this.plainPieces(label), x, LIST_INDENT, { size: BODY.size, color: COLOR.text });
      lbl.end();
      this.doc.y = labelY;
      const body = this.doc.struct('LBody');
      li.add(body);
      for (const child of item) {
        if (child.kind === 'list') this.list(body, child, x + LIST_INDENT, depth + 1);
        else this.block(body, child, x + LIST_INDENT);
      }
      body.end();
      li.end();
    });
    list.end();
  }

  /** Content with a rule down its left side (block quotes, the plan text), drawn per page it covers. */
  private ruled(content: () => void, x: number): void {
    const { doc } = this;
    const startPage = this.pageIndex();
    const top = doc.y;
    content();
    const endPage = this.pageIndex();
    const bottom = doc.y - BODY.after;
    for (let page = startPage; page <= endPage; page++) {
      const from = page === startPage ? top : PAGE.top;
      const to = page === endPage ? bottom : doc.page.height - PAGE.bottom;
      if (to <= from) continue;
      doc.switchToPage(page);
      this.artifact(() => doc.save().lineWidth(2).strokeColor(COLOR.line).moveTo(x + 1, from).lineTo(x + 1, to).stroke().restore());
    }
    doc.switchToPage(endPage);
    doc.y = bottom + BODY.after;
  }

  private pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  // --- the report's parts ------------------------------------------------------------------------

  front(): void {
    const { doc, layout } = this;
    doc.y = PAGE.top;
    if (layout.draftNotice) {
      const top = doc.y;
      this.textBlock(this.root, 'P', this.plainPieces(layout.draftNotice, BOLD), { x: PAGE.side + 8, width: TEXT_WIDTH - 16, look: { size: 12, color: COLOR.draft }, after: 0 });
      const bottom = doc.y + 4;
      this.artifact(() => doc.save().lineWidth(1.5).strokeColor(COLOR.draft).rect(PAGE.side, top - 5, TEXT_WIDTH, bottom - top + 5).stroke().restore());
      doc.y = bottom + 14;
    }
    this.heading(this.root, 1, layout.title);
    if (layout.subtitle.length > 0) this.textBlock(this.root, 'P', this.plainPieces(layout.subtitle.join('\n')), { look: { size: 12, color: COLOR.muted }, after: 12 });
    for (const lines of layout.intro) this.textBlock(this.root, 'P', this.plainPieces(lines.join('\n')));
    if (layout.gradesLead) this.textBlock(this.root, 'P', this.plainPieces(layout.gradesLead));
    const plain = { bold: false, italic: false, strike: false, underline: false, code: false, href: null };
    const grades = layout.grades.map((grade): Block[] => [{ kind: 'paragraph', inlines: [{ kind: 'text', text: grade, marks: plain }] }]);
    this.list(this.root, { kind: 'list', ordered: false, start: 1, items: grades }, PAGE.side);
  }

  summary(): void {
    const { doc, layout } = this;
    const sect = doc.struct('Sect');
    this.root.add(sect);
    this.heading(sect, SECTION_LEVEL, EXPORT_TEXT.summaryHeading);
    const table = doc.struct('Table');
    sect.add(table);
    const caption = doc.struct('Caption');
    table.add(caption);
    caption.add(() => {
      this.useFont(fontRuns('A', BOLD)[0]!.font, TABLE.size + 0.5);
      doc.fillColor(COLOR.text).text(EXPORT_TEXT.summaryCaption, PAGE.side, doc.y, { width: TEXT_WIDTH });
    });
    caption.end();
    doc.y += 4;

    const { columns } = EXPORT_TEXT;
    const header = [columns.number, columns.title, columns.ministries, columns.status];
    const thead = doc.struct('THead');
    table.add(thead);
    const headRow = doc.struct('TR');
    thead.add(headRow);
    this.row(header, { header: true, parent: headRow });
    headRow.end();
    thead.end();

    const tbody = doc.struct('TBody');
    table.add(tbody);
    for (const row of layout.rows) {
      const cells = [String(row.number), row.title, row.ministriesText, row.status];
      if (this.spaceLeft() < this.rowHeight(cells, false)) {
        doc.addPage();
        // The header again on the new page, as an artifact: the table has one header, in THead.
        this.row(header, { header: true, parent: null });
      }
      const tr = doc.struct('TR');
      tbody.add(tr);
      this.row(cells, { header: false, parent: tr });
      tr.end();
    }
    tbody.end();
    table.end();
    sect.end();
    doc.y += 4;
  }

  private rowHeight(cells: string[], header: boolean): number {
    this.useFont(fontRuns('A', header ? BOLD : PLAIN)[0]!.font, TABLE.size);
    const heights = cells.map((text, i) => this.doc.heightOfString(text, { width: COLUMNS[i]! - 2 * TABLE.padding, lineGap: 1 }));
    return Math.max(...heights) + 2 * TABLE.padding;
  }

  /** One table row: its cells' backgrounds and borders as artifacts, their text as TH/TD (or all an artifact). */
  private row(cells: string[], options: { header: boolean; parent: Struct | null }): void {
    const { doc } = this;
    const height = this.rowHeight(cells, options.header);
    const top = doc.y;
    this.artifact(() => {
      let x = PAGE.side;
      doc.save().lineWidth(0.5).strokeColor(COLOR.line);
      for (const width of COLUMNS) {
        if (options.header) doc.rect(x, top, width, height).fill(COLOR.headBg);
        doc.rect(x, top, width, height).stroke();
        x += width;
      }
      doc.restore();
    });
    const write = (parent: Struct | null, text: string, i: number, x: number): void => {
      doc.y = top + TABLE.padding;
      this.paragraph(parent, this.plainPieces(text, options.header ? BOLD : PLAIN), x + TABLE.padding, COLUMNS[i]! - 2 * TABLE.padding, { size: TABLE.size, color: COLOR.text, lineGap: 1 });
    };
    let x = PAGE.side;
    cells.forEach((text, i) => {
      const cellX = x;
      x += COLUMNS[i]!;
      if (options.parent === null) {
        this.artifact(() => write(null, text, i, cellX));
        return;
      }
      // The title of each measure heads its row, as in the HTML (`<th scope="row">`).
      const isHeader = options.header || i === 1;
      const cell = doc.struct(isHeader ? 'TH' : 'TD');
      options.parent.add(cell);
      if (isHeader) setAttributes(cell, { O: 'Table', Scope: options.header ? 'Column' : 'Row' });
      write(cell, text, i, cellX);
      cell.end();
    });
    doc.x = PAGE.side;
    doc.y = top + height;
  }

  section(section: MeasureSection): void {
    const { doc } = this;
    const sect = doc.struct('Sect');
    this.root.add(sect);
    this.heading(sect, SECTION_LEVEL, section.heading);
    doc.outline.addItem(section.heading);
    if (section.planText.length > 0) {
      const quote = doc.struct('BlockQuote');
      sect.add(quote);
      this.ruled(() => {
        for (const text of section.planText) {
          this.textBlock(quote, 'P', this.plainPieces(text), { x: PAGE.side + QUOTE_INDENT, look: { size: BODY.size, color: COLOR.muted } });
        }
      }, PAGE.side);
      quote.end();
    }
    this.ensureSpace(2 * this.lineHeight(BODY.size));
    this.textBlock(sect, 'P', [...this.plainPieces(`${EXPORT_TEXT.statusLabel} `), ...this.plainPieces(section.status, BOLD)]);
    if (section.notice === null) this.blocks(sect, section.blocks, PAGE.side);
    else this.textBlock(sect, 'P', this.plainPieces(section.notice, ITALIC), { look: { size: BODY.size, color: COLOR.muted } });
    sect.end();
  }

  colophon(): void {
    const sect = this.doc.struct('Sect');
    this.root.add(sect);
    this.heading(sect, SECTION_LEVEL, EXPORT_TEXT.colophonHeading);
    this.textBlock(sect, 'P', this.plainPieces(this.layout.colophon.join('\n')), { look: { size: 8.5, color: COLOR.muted } });
    sect.end();
  }

  /** Running header and "Side X av Y" on every page, as pagination artifacts. */
  pageFurniture(): void {
    const { doc, layout } = this;
    const range = doc.bufferedPageRange();
    const header = layout.draftNotice ?? layout.title;
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Text in the margins would otherwise start a new page.
      const margins = doc.page.margins;
      doc.page.margins = { ...margins, top: 0, bottom: 0 };
      doc.markContent('Artifact', { type: 'Pagination' });
      this.useFont(fontRuns(header, layout.draftNotice ? BOLD : PLAIN)[0]!.font, 8);
      doc.fillColor(layout.draftNotice ? COLOR.draft : COLOR.muted).text(header, PAGE.side, 30, { width: TEXT_WIDTH, align: 'right', lineBreak: false });
      this.useFont(fontRuns('A', PLAIN)[0]!.font, 8);
      const footer = `${EXPORT_TEXT.page} ${i - range.start + 1} ${EXPORT_TEXT.of} ${range.count}`;
      doc.fillColor(COLOR.muted).text(footer, PAGE.side, PAGE.height - 40, { width: TEXT_WIDTH, align: 'right', lineBreak: false });
      doc.endMarkedContent();
      doc.page.margins = margins;
    }
  }

  finish(): void {
    this.root.end();
    this.doc.end();
  }
}

/** The report as a tagged PDF (PDF/UA-1 structure), laid out as every other format. */
export function renderPdf(content: ReportContent, meta: ExportMeta): Promise<Buffer> {
  const layout = reportLayout(content, meta);
  const writer = new PdfWriter(layout);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    writer.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    writer.doc.on('end', () => resolve(Buffer.concat(chunks)));
    writer.doc.on('error', reject);
  });
  writer.front();
  writer.summary();
  for (const section of layout.sections) writer.section(section);
  writer.colophon();
  writer.pageFurniture();
  writer.finish();
  return done;
}
