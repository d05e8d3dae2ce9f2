import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compareReports, diffWords } from '../../shared/diff.js';
import { MAX_TABLE_COLUMN_WIDTH, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../../shared/limits.js';
import { narrativeFragment, narrativeText, readNarrative } from '../../shared/narrative.js';
import { blocksHaveText, narrativeBlocks, pmToPlainText, type TableBlock } from '../../shared/narrativeBlocks.js';
import { PmNodeSchema, type PmNode } from '../../shared/prosemirror.js';
import type { ReportContent } from '../../shared/snapshotContent.js';

const text = (value: string, marks?: PmNode['marks']): PmNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const p = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content });
const cell = (value: string, attrs?: Record<string, unknown>): PmNode => ({ type: 'tableCell', ...(attrs ? { attrs } : {}), content: [p(...(value ? [text(value)] : []))] });
const th = (value: string, attrs?: Record<string, unknown>): PmNode => ({ type: 'tableHeader', ...(attrs ? { attrs } : {}), content: [p(text(value))] });
const row = (...cells: PmNode[]): PmNode => ({ type: 'tableRow', content: cells });
const table = (...rows: PmNode[]): PmNode => ({ type: 'table', content: rows });
const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });

/** The example: a Word table that used to become "ÅrAntall ofre2011274". */
const VICTIMS = doc(p(text('Tallene:')), table(row(th('År'), th('Antall ofre')), row(cell('2011'), cell('274'))), p(text('Kilde: KOM.')));

const only = (narrative: PmNode): TableBlock => {
  const tables = (narrativeBlocks(narrative) ?? []).filter((block): block is TableBlock => block.kind === 'table');
  expect(tables).toHaveLength(1);
  return tables[0]!;
};
const texts = (t: TableBlock): string[][] => t.rows.map((r) => r.map((c) => pmToPlainTextOfBlocks(c.blocks)));
const pmToPlainTextOfBlocks = (blocks: TableBlock['rows'][number][number]['blocks']): string =>
  blocks.map((b) => (b.kind === 'paragraph' ? b.inlines.map((i) => (i.kind === 'text' ? i.text : '\n')).join('') : b.kind)).join('/');

describe('tables in the one narrative model', () => {
  it('reads a table as a grid with its header row, between the blocks around it', () => {
    const blocks = narrativeBlocks(VICTIMS)!;
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    const t = only(VICTIMS);
    expect(t.columns).toBe(2);
    expect(t.headerRows).toBe(1);
    expect(texts(t)).toEqual([
      ['År', 'Antall ofre'],
      ['2011', '274'],
    ]);
    expect(t.rows.map((r) => r.map((c) => [c.header, c.column, c.colspan, c.rowspan]))).toEqual([
      [
        [true, 0, 1, 1],
        [true, 1, 1, 1],
      ],
      [
        [false, 0, 1, 1],
        [false, 1, 1, 1],
      ],
    ]);
  });

  it('plain text: cells separated by " | ", rows by newlines, so words never run together', () => {
    expect(pmToPlainText(VICTIMS)).toBe('Tallene:\n\nÅr | Antall ofre\n2011 | 274\n\nKilde: KOM.');
    // A cell of several paragraphs stays on its row's line.
    const twoLines = doc(table(row(th('A'), th('B')), row({ type: 'tableCell', content: [p(text('en')), p(text('to'))] }, cell('3'))));
    expect(pmToPlainText(twoLines)).toBe('A | B\nen to | 3');
  });

  it('keeps marks and links inside cells, and leaves out a table with no text', () => {
    const marked = doc(table(row(cell(''), { type: 'tableCell', content: [p(text('fet', [{ type: 'bold' }]), text(' lenke', [{ type: 'link', attrs: { href: 'https://a.no/' } }]))] })));
    const t = only(marked);
    const inline = t.rows[0]![1]!.blocks[0]!;
    expect(inline.kind === 'paragraph' && inline.inlines.map((i) => (i.kind === 'text' ? [i.text, i.marks.bold, i.marks.href] : []))).toEqual([
      ['fet', true, null],
      [' lenke', false, 'https://a.no/'],
    ]);
    expect(narrativeBlocks(doc(table(row(cell(''), cell('')), row(cell(''), cell('')))))).toEqual([]);
    expect(blocksHaveText([t])).toBe(true);
  });

  it('places spans in the grid and fills the slots nobody covers with empty cells', () => {
    const spanning = doc(
      table(
        row(th('Region', { rowspan: 2 }), th('2011', { colspan: 2 })),
        row(th('Menn'), th('Kvinner')),
        row(cell('Oslo'), cell('12'), cell('40')),
        row(cell('Bergen')),
      ),
    );
    const t = only(spanning);
    expect(t.columns).toBe(3);
    expect(t.headerRows).toBe(2);
    expect(t.rows.map((r) => r.map((c) => `${c.column}:${c.colspan}x${c.rowspan}`))).toEqual([['0:1x2', '1:2x1'], ['1:1x1', '2:1x1'], ['0:1x1', '1:1x1', '2:1x1'], ['0:1x1', '1:1x1', '2:1x1']]);
    expect(pmToPlainText(spanning)).toBe('Region | 2011\nMenn | Kvinner\nOslo | 12 | 40\nBergen |  | ');
  });

  it('bounds what a client controls: spans, columns and rows', () => {
    // Spans that are not whole numbers read as 1; a huge one is cut at the grid's edge and the rows there are.
    const odd = only(doc(table(row(cell('a', { colspan: 'x', rowspan: -3 }), cell('b', { colspan: 1e9, rowspan: 1e9 })), row(cell('c')))));
    expect(odd.rows.map((r) => r.map((c) => `${c.column}:${c.colspan}x${c.rowspan}`))).toEqual([['0:1x1', `1:${MAX_TABLE_COLUMNS - 1}x2`], ['0:1x1']]);
    expect(odd.columns).toBe(MAX_TABLE_COLUMNS);

    // A row of more cells than columns: the ones past the last column join the last cell, text kept.
    const wide = only(doc(table(row(...Array.from({ length: MAX_TABLE_COLUMNS + 5 }, (_, i) => cell(`k${i}`))))));
    expect(wide.columns).toBe(MAX_TABLE_COLUMNS);
    expect(wide.rows[0]).toHaveLength(MAX_TABLE_COLUMNS);
    const wideText = pmToPlainText(doc(table(row(...Array.from({ length: MAX_TABLE_COLUMNS + 5 }, (_, i) => cell(`k${i}`))))));
    expect(wideText.match(/k\d+/g)).toEqual(Array.from({ length: MAX_TABLE_COLUMNS + 5 }, (_, i) => `k${i}`));
    expect(wideText.split(' | ').at(-1)).toBe(Array.from({ length: 6 }, (_, i) => `k${MAX_TABLE_COLUMNS - 1 + i}`).join(' '));

    // A table longer than the most rows continues as a table of its own; a rowspan stops at the cut.
    const rows = Array.from({ length: MAX_TABLE_ROWS + 3 }, (_, i) => row(cell(`r${i}`, i === MAX_TABLE_ROWS - 1 ? { rowspan: 4 } : undefined)));
    const long = (narrativeBlocks(doc(table(...rows))) ?? []) as TableBlock[];
    expect(long.map((t) => [t.kind, t.rows.length])).toEqual([
      ['table', MAX_TABLE_ROWS],
      ['table', 3],
    ]);
    expect(long[0]!.rows[MAX_TABLE_ROWS - 1]![0]!.rowspan).toBe(1);
    expect(pmToPlainText(doc(table(...rows))).split(/\s+/).filter((w) => w !== '')).toHaveLength(MAX_TABLE_ROWS + 3);
  });

  it('a cell of something unexpected keeps its text; rows of loose cells too', () => {
    const loose = doc({ type: 'table', content: [cell('alene'), row({ type: 'paragraph', content: [text('rå')] }, { type: 'mystery', content: [p(text('ukjent'))] })] });
    expect(pmToPlainText(loose)).toBe('alene | \nrå | ukjent');
  });
});

describe('tables read from the stored Yjs document', () => {
  /** A table as y-prosemirror stores it: elements named after the nodes, attributes as the editor sets them. */
  function storedTable(widths: unknown): Y.XmlFragment {
    const ydoc = new Y.Doc();
    const fragment = narrativeFragment(ydoc);
    const makeCell = (name: string, value: string, attrs: Record<string, unknown>): Y.XmlElement => {
      const element = new Y.XmlElement(name);
      for (const [key, attr] of Object.entries(attrs)) element.setAttribute(key, attr as string);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(value)]);
      element.insert(0, [paragraph]);
      return element;
    };
    const header = new Y.XmlElement('tableRow');
    header.insert(0, [makeCell('tableHeader', 'År', { colspan: 1, rowspan: 1, colwidth: widths }), makeCell('tableHeader', 'Antall ofre', { colspan: 1, rowspan: 1 })]);
    const body = new Y.XmlElement('tableRow');
    body.insert(0, [makeCell('tableCell', '2011', { colspan: 1, rowspan: 1 }), makeCell('tableCell', '274', { colspan: 1, rowspan: 1 })]);
    const t = new Y.XmlElement('table');
    t.insert(0, [header, body]);
    fragment.insert(0, [t]);
    return fragment;
  }

  it('reads table, tableRow, tableHeader and tableCell with their spans, and a bounded colwidth', () => {
    const fragment = storedTable([120]);
    const read = readNarrative(fragment);
    expect(read.problem).toBeNull();
    expect(PmNodeSchema.safeParse(read.doc).success).toBe(true);
    const first = read.doc.content![0]!.content![0]!.content![0]!;
    expect(first).toMatchObject({ type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: [120] } });
    expect(narrativeText(fragment)).toBe('År | Antall ofre\n2011 | 274');
  });

  it('drops a colwidth that is not a short list of sane widths', () => {
    for (const widths of [[MAX_TABLE_COLUMN_WIDTH + 1], Array.from({ length: MAX_TABLE_COLUMNS + 1 }, () => 10), ['100'], [1.5], { a: 1 }]) {
      const first = readNarrative(storedTable(widths)).doc.content![0]!.content![0]!.content![0]!;
      expect(first.attrs, JSON.stringify(widths)).toEqual({ colspan: 1, rowspan: 1 });
    }
  });
});

describe('tables in the word diff', () => {
  const report = (narrative: PmNode): ReportContent => ({
    round: { id: 'r', title: 'R', planTitle: 'P', reportTitle: 'R', deadline: '2026-01-01T12:00:00+01:00', intro: '' },
    measures: [{ number: 1, title: 'Tiltak', ministries: ['JD'], status: 'Løpende', ready: [], narrative, yjsState: '' }],
  });

  it('a changed figure is one removed and one added word, its neighbours kept apart', () => {
    const after = doc(p(text('Tallene:')), table(row(th('År'), th('Antall ofre')), row(cell('2011'), cell('275'))), p(text('Kilde: KOM.')));
    const [compared] = compareReports(report(VICTIMS), report(after));
    expect(compared!.changed).toBe(true);
    expect(compared!.narrative.filter((part) => part.kind !== 'same')).toEqual([
      { kind: 'removed', text: '274' },
      { kind: 'added', text: '275' },
    ]);
    expect(compared!.narrative.map((part) => part.text).join('')).not.toMatch(/ÅrAntall|ofre2011|2011274/);
  });

  it('a row added is the row’s words added, on a line of their own', () => {
    const after = doc(p(text('Tallene:')), table(row(th('År'), th('Antall ofre')), row(cell('2011'), cell('274')), row(cell('2012'), cell('301'))), p(text('Kilde: KOM.')));
    const parts = diffWords(pmToPlainText(VICTIMS), pmToPlainText(after));
    const added = parts.filter((part) => part.kind === 'added').map((part) => part.text).join('');
    expect(added).toMatch(/(^|\n)2012 \| 301(\n|$)/);
    expect(parts.filter((part) => part.kind !== 'added').map((part) => part.text).join('')).toBe(pmToPlainText(VICTIMS));
    expect(parts.filter((part) => part.kind !== 'removed').map((part) => part.text).join('')).toBe(pmToPlainText(after));
  });
});
