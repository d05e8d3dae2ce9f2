import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  InternalHyperlink,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from 'docx';
import type { ReportContent } from '../../shared/snapshotContent.js';
import { reportLayout, type MeasureSection, type ReportLayout } from './layout.js';
import type { ExportMeta } from './meta.js';
import type { Block, Inline, TableBlock } from '../../shared/narrativeBlocks.js';
import { EXPORT_TEXT } from './strings.js';

/**
 * Word levels: the report title is Word's Title style, the summary and every measure's section
 * Heading 1, a narrative's own headings Heading 2 and below (as `<h2>`/`<h3>` in the HTML).
 */
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** A4 with 20 mm margins, in twentieths of a point. */
const PAGE = { width: 11_906, height: 16_838, margin: 1_134 } as const;
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Summary table columns: number, title, ministries, status. */
const COLUMN_WIDTHS = [1_000, TEXT_WIDTH - 1_000 - 1_900 - 2_100, 1_900, 2_100] as const;

const COLOR = { text: '1B1B1B', muted: '474C52', heading: '1F3A5F', line: '767C84', headBg: 'E6EDF5', draft: 'A4161A' } as const;
const BODY_FONT = 'Calibri';
const CODE_FONT = 'Consolas';
const LANGUAGE = 'nb-NO';

/** List indentation: the first level's text at 720 twips, each level 360 further. */
const LIST_INDENT = 720;
const LIST_STEP = 360;
const LIST_HANGING = 360;

const BULLET_REFERENCE = 'punktliste';
const BULLETS = ['•', '◦', '▪'] as const;
const ORDERED_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN] as const;

function listIndent(level: number): { left: number; hanging: number } {
  return { left: LIST_INDENT + LIST_STEP * level, hanging: LIST_HANGING };
}

function bulletDefinition(): NumberingDefinition {
  return {
    reference: BULLET_REFERENCE,
    levels: Array.from(
      { length: 9 },
      (_, level): ILevelsOptions => ({
        level,
        format: LevelFormat.BULLET,
        text: BULLETS[level % BULLETS.length]!,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: listIndent(level) } },
      }),
    ),
  };
}

function orderedDefinition(start: number): NumberingDefinition {
  return {
    reference: `nummerert-${start}`,
    levels: Array.from(
      { length: 9 },
      (_, level): ILevelsOptions => ({
        level,
        format: ORDERED_FORMATS[level % ORDERED_FORMATS.length]!,
        text: `%${level + 1}.`,
        start: level === 0 ? start : 1,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: listIndent(level) } },
      }),
    ),
  };
}

/** Word bookmark names allow letters, digits and underscores. */
function bookmarkName(anchor: string): string {
  return anchor.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Builds the body of one document; keeps the numbering definitions and list instances it used. */
class DocxWriter {
  private readonly definitions = new Map<string, NumberingDefinition>([[BULLET_REFERENCE, bulletDefinition()]]);
  private nextInstance = 1;

  numbering(): NumberingDefinition[] {
    return [...this.definitions.values()];
  }

  /** A new list: its reference and an instance of its own, so every list counts from its start. */
  private newList(ordered: boolean, start: number): { reference: string; instance: number } {
    let reference = BULLET_REFERENCE;
    if (ordered) {
      const definition = orderedDefinition(start);
      reference = definition.reference;
      if (!this.definitions.has(reference)) this.definitions.set(reference, definition);
    }
    return { reference, instance: this.nextInstance++ };
  }

  runs(inlines: Inline[]): ParagraphChild[] {
    const children: ParagraphChild[] = [];
    for (const inline of inlines) {
      if (inline.kind === 'break') {
        children.push(new TextRun({ break: 1 }));
        continue;
      }
      const { marks } = inline;
      const runs = inline.text.split('\n').map(
        (line, index) =>
          new TextRun({
            text: line,
            ...(index > 0 ? { break: 1 } : {}),
            // Only marks that are on: an explicit "off" would override a heading style's bold.
            ...(marks.bold ? { bold: true } : {}),
            ...(marks.italic ? { italics: true } : {}),
            ...(marks.strike ? { strike: true } : {}),
            ...(marks.underline ? { underline: {} } : {}),
            ...(marks.code ? { font: CODE_FONT } : {}),
            ...(marks.href ? { style: 'Hyperlink' } : {}),
          }),
      );
      if (marks.href && inline.text.trim() !== '') children.push(new ExternalHyperlink({ link: marks.href, children: runs }));
      else children.push(...runs);
    }
    return children;
  }

  /** Paragraphs (and tables) for blocks; `listLevel` is the nesting depth inside lists (-1 outside any). */
  blocks(blocks: Block[], listLevel = -1, quote = false): (Paragraph | Table)[] {
    return blocks.flatMap((block) => this.block(block, listLevel, quote));
  }

  private block(block: Block, listLevel: number, quote: boolean): (Paragraph | Table)[] {
    const continuation = listLevel >= 0 ? { indent: { left: listIndent(listLevel).left } } : {};
    const style = quote ? { style: 'Quote' } : {};
    switch (block.kind) {
      case 'paragraph':
        return [new Paragraph({ children: this.runs(block.inlines), ...continuation, ...style })];
      case 'heading':
        return [
          new Paragraph({
            heading: HEADINGS[Math.min(HEADINGS.length - 1, block.depth)],
            children: this.runs(block.inlines),
            ...continuation,
          }),
        ];
      case 'list':
        return this.list(block, listLevel + 1, quote);
      case 'quote':
        return this.blocks(block.blocks, listLevel, true);
      case 'code':
        return [
          new Paragraph({
            style: 'SourceCode',
            children: block.text
              .replace(/\n$/, '')
              .split('\n')
              .map((line, index) => new TextRun({ text: line, ...(index > 0 ? { break: 1 } : {}) })),
            ...continuation,
          }),
        ];
      case 'rule':
        return [new Paragraph({ thematicBreak: true, children: [] })];
      case 'table':
        return [this.table(block, listLevel >= 0 ? TEXT_WIDTH - listIndent(listLevel).left : TEXT_WIDTH)];
    }
  }

  /**
   * A narrative table, `width` wide in equal columns: its header rows marked to repeat at the top
   * of every page the table runs over (`tableHeader`, which Word also gives screen readers as the
   * column headers), header cells shaded and bold, spans as Word merges cells.
   */
  private table(table: TableBlock, width: number): Table {
    const column = Math.floor(width / table.columns);
    const rows = table.rows.map(
      (row, index) =>
        new TableRow({
          tableHeader: index < table.headerRows,
          cantSplit: true,
          children: row.map((cell) => {
            const content = cell.header && cell.blocks.every((block) => block.kind === 'paragraph')
              ? cell.blocks.map((block) => new Paragraph({ style: 'TableHeading', children: block.kind === 'paragraph' ? this.runs(block.inlines) : [] }))
              : this.blocks(cell.blocks);
            // A cell holds at least one paragraph and ends with one (Word's rule).
            if (!(content[content.length - 1] instanceof Paragraph)) content.push(new Paragraph({ children: [] }));
            return new TableCell({
              width: { size: column * cell.colspan, type: WidthType.DXA },
              ...(cell.colspan > 1 ? { columnSpan: cell.colspan } : {}),
              ...(cell.rowspan > 1 ? { rowSpan: cell.rowspan } : {}),
              ...(cell.header ? { shading: { type: ShadingType.CLEAR, fill: COLOR.headBg, color: 'auto' } } : {}),
              margins: { top: 40, bottom: 40, left: 80, right: 80 },
              children: content,
            });
          }),
        }),
    );
    return new Table({
      width: { size: column * table.columns, type: WidthType.DXA },
      columnWidths: Array.from({ length: table.columns }, () => column),
      layout: TableLayoutType.FIXED,
      rows,
    });
  }

  private list(block: Extract<Block, { kind: 'list' }>, level: number, quote: boolean): (Paragraph | Table)[] {
    const { reference, instance } = this.newList(block.ordered, block.start);
    const numbering = { reference, instance, level: Math.min(level, 8) };
    return block.items.flatMap((item) => {
      const [first, ...rest] = item;
      const paragraphs: (Paragraph | Table)[] = [];
      if (first && first.kind === 'paragraph') {
        paragraphs.push(new Paragraph({ children: this.runs(first.inlines), numbering, ...(quote ? { style: 'Quote' } : {}) }));
        paragraphs.push(...this.blocks(rest, level, quote));
      } else {
        // An item that starts with a list or heading: its number on an empty line, as Word shows it.
        paragraphs.push(new Paragraph({ children: [], numbering }));
        paragraphs.push(...this.blocks(item, level, quote));
      }
      return paragraphs;
    });
  }
}

function cell(children: ParagraphChild[], width: number, header = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ children, spacing: { before: 40, after: 40 }, keepLines: true })],
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: COLOR.headBg, color: 'auto' } } : {}),
  });
}

function summaryTable(layout: ReportLayout): Table {
  const { columns } = EXPORT_TEXT;
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [columns.number, columns.title, columns.ministries, columns.status].map((text, index) =>
      cell([new TextRun({ text, bold: true })], COLUMN_WIDTHS[index]!, true),
    ),
  });
  const rows = layout.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([new TextRun(String(row.number))], COLUMN_WIDTHS[0]),
          cell(
            [new InternalHyperlink({ anchor: bookmarkName(row.anchor), children: [new TextRun({ text: row.title })] })],
            COLUMN_WIDTHS[1],
          ),
          cell([new TextRun(row.ministriesText)], COLUMN_WIDTHS[2]),
          cell([new TextRun(row.status)], COLUMN_WIDTHS[3]),
        ],
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [...COLUMN_WIDTHS],
    layout: TableLayoutType.FIXED,
    rows: [header, ...rows],
  });
}

function sectionParagraphs(writer: DocxWriter, section: MeasureSection): (Paragraph | Table)[] {
  return [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [new Bookmark({ id: bookmarkName(section.anchor), children: [new TextRun(section.heading)] })],
    }),
    // The report's order: heading, the plan's own text, status, narrative. The heading keeps to the
    // plan text's first lines only: a long plan text may run on over a page rather than push the
    // whole section to the next one.
    ...section.planText.map((text) => new Paragraph({ style: 'PlanText', children: [new TextRun(text)] })),
    new Paragraph({
      keepNext: true,
      children: [new TextRun(`${EXPORT_TEXT.statusLabel} `), new TextRun({ text: section.status, bold: true })],
    }),
    ...(section.notice === null
      ? writer.blocks(section.blocks)
      : [new Paragraph({ children: [new TextRun({ text: section.notice, italics: true, color: COLOR.muted })] })]),
  ];
}

function linesParagraph(lines: string[], options: { style?: string } = {}): Paragraph {
  return new Paragraph({
    ...options,
    children: lines.map((line, index) => new TextRun({ text: line, ...(index > 0 ? { break: 1 } : {}) })),
  });
}

function pageHeader(layout: ReportLayout): Header {
  const text = layout.draftNotice ?? layout.title;
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({
            text,
            size: 18,
            ...(layout.draftNotice ? { bold: true, color: COLOR.draft } : { color: COLOR.muted }),
          }),
        ],
      }),
    ],
  });
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({
            size: 18,
            color: COLOR.muted,
            children: [`${EXPORT_TEXT.page} `, PageNumber.CURRENT, ` ${EXPORT_TEXT.of} `, PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
}

const HEADING_BASE = { keepNext: true, keepLines: true } as const;

/** The report as a Word document: real heading styles, a repeating table header, real lists. */
export async function renderDocx(content: ReportContent, meta: ExportMeta): Promise<Buffer> {
  const layout = reportLayout(content, meta);
  const writer = new DocxWriter();
  const grades = { reference: BULLET_REFERENCE, instance: 0, level: 0 };

  const children: (Paragraph | Table)[] = [];
  if (layout.draftNotice) {
    children.push(
      new Paragraph({
        style: 'DraftNotice',
        children: [new TextRun(layout.draftNotice)],
      }),
    );
  }
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(layout.title)] }));
  if (layout.subtitle.length > 0) children.push(linesParagraph(layout.subtitle, { style: 'Subtitle' }));
  for (const lines of layout.intro) children.push(linesParagraph(lines));
  if (layout.gradesLead) children.push(linesParagraph([layout.gradesLead]));
  for (const grade of layout.grades) children.push(new Paragraph({ numbering: grades, children: [new TextRun(grade)] }));
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(EXPORT_TEXT.summaryHeading)] }));
  children.push(new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(EXPORT_TEXT.summaryCaption)] }));
  children.push(summaryTable(layout));
  for (const section of layout.sections) children.push(...sectionParagraphs(writer, section));
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(EXPORT_TEXT.colophonHeading)] }));
  for (const line of layout.colophon) {
    children.push(new Paragraph({ children: [new TextRun({ text: line, size: 18, color: COLOR.muted })] }));
  }

  const headingRun = (size: number) => ({ font: BODY_FONT, size, bold: true, color: COLOR.heading });
  const document = new Document({
    title: layout.documentTitle,
    creator: 'Samskriv',
    lastModifiedBy: 'Samskriv',
    description: layout.subtitle.join(' – '),
    numbering: { config: writer.numbering() },
    styles: {
      default: {
        document: {
          run: { font: BODY_FONT, size: 22, color: COLOR.text, language: { value: LANGUAGE } },
          // 1.15 lines: `line` is in 240ths of a line only with the rule `auto`, which Word assumes but other readers need said.
          paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: { run: headingRun(40), paragraph: { spacing: { after: 160 }, ...HEADING_BASE } },
        heading1: { run: headingRun(30), paragraph: { spacing: { before: 360, after: 80 }, ...HEADING_BASE } },
        heading2: { run: headingRun(26), paragraph: { spacing: { before: 240, after: 80 }, ...HEADING_BASE } },
        heading3: { run: headingRun(24), paragraph: { spacing: { before: 200, after: 60 }, ...HEADING_BASE } },
        heading4: { run: headingRun(22), paragraph: { spacing: { before: 160, after: 60 }, ...HEADING_BASE } },
        heading5: { run: { ...headingRun(22), italics: true }, paragraph: { spacing: { before: 160, after: 60 }, ...HEADING_BASE } },
        heading6: { run: { ...headingRun(22), italics: true }, paragraph: { spacing: { before: 160, after: 60 }, ...HEADING_BASE } },
        caption: { run: { bold: true, size: 20, color: COLOR.text }, paragraph: { spacing: { before: 120, after: 80 } } },
      },
      paragraphStyles: [
        {
          id: 'Subtitle',
          name: 'Subtitle',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { color: COLOR.muted, size: 24 },
          paragraph: { spacing: { after: 240 } },
        },
        {
          id: 'PlanText',
          name: 'Plan Text',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { color: COLOR.muted },
          paragraph: {
            indent: { left: 284 },
            border: { left: { style: BorderStyle.SINGLE, size: 18, color: COLOR.line, space: 8 } },
          },
        },
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { italics: true },
          paragraph: {
            indent: { left: 567 },
            border: { left: { style: BorderStyle.SINGLE, size: 18, color: COLOR.line, space: 8 } },
          },
        },
        {
          id: 'TableHeading',
          name: 'Table Heading',
          basedOn: 'Normal',
          next: 'Normal',
          run: { bold: true },
          paragraph: { spacing: { after: 0 }, keepNext: true },
        },
        {
          id: 'SourceCode',
          name: 'Source Code',
          basedOn: 'Normal',
          next: 'Normal',
          run: { font: CODE_FONT, size: 20 },
          paragraph: { keepLines: true, shading: { type: ShadingType.CLEAR, fill: 'F3F4F6', color: 'auto' } },
        },
        {
          id: 'DraftNotice',
          name: 'Draft Notice',
          basedOn: 'Normal',
          next: 'Normal',
          run: { bold: true, color: COLOR.draft, size: 24 },
          paragraph: {
            spacing: { after: 240 },
            border: {
              top: { style: BorderStyle.SINGLE, size: 12, color: COLOR.draft, space: 4 },
              bottom: { style: BorderStyle.SINGLE, size: 12, color: COLOR.draft, space: 4 },
              left: { style: BorderStyle.SINGLE, size: 12, color: COLOR.draft, space: 4 },
              right: { style: BorderStyle.SINGLE, size: 12, color: COLOR.draft, space: 4 },
            },
          },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, header: 567, footer: 567 },
          },
        },
        headers: { default: pageHeader(layout) },
        footers: { default: pageFooter() },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
