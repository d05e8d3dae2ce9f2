import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Fragment } from '@tiptap/pm/model';
import { TableMap } from '@tiptap/pm/tables';
import { describe, expect, it } from 'vitest';
import { hasOversizedTable, tableSize, withHeaderRows } from '../../client/src/editor/tables.js';
import { TABLE_EXTENSIONS } from '../../shared/editorNodes.js';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../../shared/limits.js';
import type { PmNode } from '../../shared/prosemirror.js';

const schema = getSchema([StarterKit, ...TABLE_EXTENSIONS]);

const p = (text: string): PmNode => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] });
const cell = (text: string, type = 'tableCell', attrs: Record<string, unknown> = {}): PmNode => ({ type, attrs, content: [p(text)] });
const table = (rows: PmNode[][]): PmNode => ({ type: 'table', content: rows.map((cells) => ({ type: 'tableRow', content: cells })) });
const grid = (rows: number, columns: number): PmNode => table(Array.from({ length: rows }, () => Array.from({ length: columns }, () => cell('x'))));
const doc = (...content: PmNode[]) => schema.nodeFromJSON({ type: 'doc', content });

/** Cell types of a table node, row by row. */
function cellTypes(node: ReturnType<typeof doc>): string[][] {
  const out: string[][] = [];
  node.forEach((row) => {
    const types: string[] = [];
    row.forEach((c) => types.push(`${c.type.name}:${c.textContent}`));
    out.push(types);
  });
  return out;
}

describe('the editor’s tables', () => {
  it('a pasted table without header cells (Word, Google Docs) gets its first row as the header row', () => {
    const pasted = doc(p('Før'), table([[cell('År'), cell('Antall ofre')], [cell('2011'), cell('274')]]));
    const result = withHeaderRows(pasted.content);
    expect(result.child(0).textContent).toBe('Før');
    expect(cellTypes(result.child(1))).toEqual([
      ['tableHeader:År', 'tableHeader:Antall ofre'],
      ['tableCell:2011', 'tableCell:274'],
    ]);
  });

  it('leaves a table that has header cells (the editor’s own), and a one-row table, as they are', () => {
    const own = doc(table([[cell('År', 'tableHeader'), cell('Antall', 'tableHeader')], [cell('2011'), cell('274')]]));
    expect(withHeaderRows(own.content).eq(own.content)).toBe(true);
    const headerColumn = doc(table([[cell('Oslo', 'tableHeader'), cell('12')], [cell('Bergen', 'tableHeader'), cell('4')]]));
    expect(cellTypes(withHeaderRows(headerColumn.content).child(0))).toEqual([
      ['tableHeader:Oslo', 'tableCell:12'],
      ['tableHeader:Bergen', 'tableCell:4'],
    ]);
    const oneRow = doc(table([[cell('a'), cell('b')]]));
    expect(cellTypes(withHeaderRows(oneRow.content).child(0))).toEqual([['tableCell:a', 'tableCell:b']]);
    // Spans survive the change of cell type.
    const spanned = doc(table([[cell('Sum', 'tableCell', { colspan: 2 })], [cell('1'), cell('2')]]));
    expect(withHeaderRows(spanned.content).child(0).child(0).child(0).attrs.colspan).toBe(2);
    expect(withHeaderRows(Fragment.empty).childCount).toBe(0);
  });

  it('knows a table past the limits, counting grid columns (spans) and rows', () => {
    expect(hasOversizedTable(doc(grid(3, MAX_TABLE_COLUMNS)))).toBe(false);
    expect(hasOversizedTable(doc(grid(2, MAX_TABLE_COLUMNS + 1)))).toBe(true);
    expect(hasOversizedTable(doc(grid(MAX_TABLE_ROWS, 1)))).toBe(false);
    expect(hasOversizedTable(doc(grid(MAX_TABLE_ROWS + 1, 1)))).toBe(true);
    const wideBySpan = doc(table([[cell('a', 'tableCell', { colspan: MAX_TABLE_COLUMNS }), cell('b')]]));
    expect(tableSize(wideBySpan.child(0))).toEqual({ rows: 1, columns: MAX_TABLE_COLUMNS + 1 });
    expect(hasOversizedTable(wideBySpan)).toBe(true);
    // A table inside a list is looked at too.
    const inList = doc({ type: 'bulletList', content: [{ type: 'listItem', content: [grid(1, MAX_TABLE_COLUMNS + 1)] }] });
    expect(hasOversizedTable(inList)).toBe(true);
  });

  it('counts rows and grid columns as prosemirror-tables’ TableMap does, spans down from rows above included', () => {
    const tables = [
      grid(3, 4),
      table([[cell('a', 'tableCell', { rowspan: 2 }), cell('b')], [cell('c')], [cell('d'), cell('e'), cell('f')]]),
      table([[cell('a', 'tableCell', { rowspan: 3, colspan: 2 }), cell('b')], [cell('c'), cell('d')], [cell('e')]]),
      table([[cell('a')], [cell('b', 'tableCell', { colspan: 3 })], [cell('c'), cell('d')]]),
      table([[cell('a', 'tableCell', { rowspan: 5 })], [cell('b')]]),
    ];
    for (const json of tables) {
      const node = doc(json).child(0);
      const map = TableMap.get(node);
      expect(tableSize(node)).toEqual({ rows: map.height, columns: map.width });
    }
  });
});
