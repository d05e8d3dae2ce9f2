import { Node } from '@tiptap/pm/model';
import { EditorState, type Command } from '@tiptap/pm/state';
import { addRowAfter, CellSelection, deleteRow, fixTables, mergeCells, splitCell, TableMap } from '@tiptap/pm/tables';
import { updateYFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_TABLE_COLUMNS } from '../../shared/limits.js';
import { narrativeFragment } from '../../shared/narrative.js';
import type { PmNode } from '../../shared/prosemirror.js';
import { editorSchema } from '../../server/history/restoreEdit.js';
import { elementGridWidth } from '../../server/sync/tableGrid.js';
import { asking, guardSetup, sendChange, sendUpdate, type GuardSetup } from '../helpers/guard.js';
import { yCell as cell, yCells as cells, yRow, yTable } from '../helpers/yTables.js';

const row = (...rowCells: Y.XmlElement[]): Y.XmlElement => yRow(rowCells);
const table = (...rows: Y.XmlElement[]): Y.XmlElement => yTable(rows);

/**
 * A table row may hold MAX_TABLE_COLUMNS cells, but colspans and the rowspans of cells above can
 * make the grid wider; every editor opening such a table pads the other rows up to the grid
 * (prosemirror-tables' fixTables) and each of its edits is refused as a row of too many cells.
 * The update guard (server/sync/updateGuard.ts) counts the grid as the editor does and refuses
 * the update that would make it too wide; the editor's own table edits are judged without a copy
 * of the document.
 */

/** A guard over a narrative that is the table `build` makes (stored as it is: no check). */
function withTable(build: () => Y.XmlElement): GuardSetup {
  return guardSetup((doc) => narrativeFragment(doc).insert(0, [build()]));
}

const firstTable = (doc: Y.Doc): Y.XmlElement => narrativeFragment(doc).get(0) as Y.XmlElement;
const rowOf = (doc: Y.Doc, index: number): Y.XmlElement => firstTable(doc).get(index) as Y.XmlElement;
const cellOf = (doc: Y.Doc, r: number, c: number): Y.XmlElement => rowOf(doc, r).get(c) as Y.XmlElement;

const TOO_WIDE = /^a table (\d+) columns wide, spans counted \(at most 20\)$/;

describe('a table’s width counts its spans', () => {
  it('a row within the cell count but wider than the grid allows through colspans is refused, in a new table or in one the document has', () => {
    const fresh = guardSetup();
    const verdict = sendChange(fresh, (doc) => narrativeFragment(doc).insert(0, [table(row(...cells(2)), row(...Array.from({ length: 10 }, (_, i) => cell(`w${i}`, { colspan: 3 }))))]));
    expect(verdict.kind).toBe('limit');
    expect(verdict.kind === 'limit' && verdict.detail).toMatch(TOO_WIDE);
    expect(verdict.kind === 'limit' && verdict.detail).toContain('30 columns wide');

    const full = withTable(() => table(row(...cells(MAX_TABLE_COLUMNS)), row(...cells(MAX_TABLE_COLUMNS))));
    expect(sendChange(full, (doc) => cellOf(doc, 1, 4).setAttribute('colspan', 2 as unknown as string))).toEqual({
      kind: 'limit',
      detail: 'a table 21 columns wide, spans counted (at most 20)',
    });
    expect(cellOf(full.server, 1, 4).getAttribute('colspan')).toBe(1);
  });

  it('a cell spanning down widens the rows below it', () => {
    const full = withTable(() => table(row(...cells(MAX_TABLE_COLUMNS)), row(...cells(MAX_TABLE_COLUMNS)), row(...cells(MAX_TABLE_COLUMNS))));
    expect(sendChange(full, (doc) => cellOf(doc, 0, 0).setAttribute('rowspan', 3 as unknown as string))).toEqual({
      kind: 'limit',
      detail: 'a table 21 columns wide, spans counted (at most 20)',
    });
    // A new last row of a table the document has: the cell above spans into it.
    const spanning = withTable(() => table(row(cell('a', { rowspan: 5 }), ...cells(MAX_TABLE_COLUMNS - 1)), row(...cells(MAX_TABLE_COLUMNS - 1))));
    const refusedCopy = asking(false);
    expect(sendChange(spanning, (doc) => firstTable(doc).insert(2, [row(...cells(MAX_TABLE_COLUMNS))]), refusedCopy.mayCopy)).toEqual({
      kind: 'limit',
      detail: 'a table 21 columns wide, spans counted (at most 20)',
    });
    expect(refusedCopy.asked()).toBe(0);
    expect(firstTable(spanning.server).length).toBe(2);
  });

  it('deleting a row moves the rows below under a cell spanning down: refused when that widens them', () => {
    // Row 0's first cell spans rows 0 and 1; row 2 is full. Without row 1, it spans into row 2.
    const s = withTable(() => table(row(cell('a', { rowspan: 2 }), ...cells(19)), row(...cells(19)), row(...cells(MAX_TABLE_COLUMNS))));
    expect(elementGridWidth(firstTable(s.server))).toBe(MAX_TABLE_COLUMNS);
    expect(sendChange(s, (doc) => firstTable(doc).delete(1, 1))).toEqual({ kind: 'limit', detail: 'a table 21 columns wide, spans counted (at most 20)' });
    expect(firstTable(s.server).length).toBe(3);
  });

  it('a new span value that Yjs would not make the attribute’s counts at its largest', () => {
    // A cell of colspan 10 and ten cells: 20 columns. Another client sets colspan 10 again (stored);
    // then an update, written beside the first value only, sets colspan 1 and adds nine cells.
    const s = withTable(() => table(row(cell('a', { colspan: 10 }), ...cells(10))));
    const late = new Y.Doc();
    late.clientID = 1;
    Y.applyUpdate(late, Y.encodeStateAsUpdate(s.client));
    const before = Y.encodeStateVector(late);
    late.transact(() => {
      cellOf(late, 0, 0).setAttribute('colspan', 1 as unknown as string);
      rowOf(late, 0).insert(11, cells(9, 'n'));
    });
    const crafted = Y.encodeStateAsUpdate(late, before);
    s.client.clientID = 2 ** 31;
    expect(sendChange(s, (doc) => cellOf(doc, 0, 0).setAttribute('colspan', 10 as unknown as string)).kind).toBe('apply');

    expect(sendUpdate(s, crafted)).toEqual({ kind: 'limit', detail: 'a table 29 columns wide, spans counted (at most 20)' });
    // What it would have made: Yjs keeps the value of the higher client id, and the row is 29 wide.
    const applied = new Y.Doc();
    Y.applyUpdate(applied, Y.encodeStateAsUpdate(s.server));
    Y.applyUpdate(applied, crafted);
    expect(cellOf(applied, 0, 0).getAttribute('colspan')).toBe(10);
    expect(elementGridWidth(firstTable(applied))).toBe(29);
  });

  it('a span item carrying several values is refused (Yjs reads the last, and such an item can be split to leave two live)', () => {
    const s = withTable(() => table(row(...cells(MAX_TABLE_COLUMNS)), row(...cells(MAX_TABLE_COLUMNS))));
    // One item of two values, [1, 20]: each is a valid span; the attribute is 20.
    const verdict = sendChange(s, (doc) =>
      doc.transact((transaction) => {
        const target = cellOf(doc, 0, 0);
        const current = target._map.get('colspan') ?? null;
        const id = Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID));
        new Y.Item(id, current, current && current.lastId, null, null, target, 'colspan', new Y.ContentAny([1, 20])).integrate(transaction, 0);
      }),
    );
    expect(cellOf(s.client, 0, 0).getAttribute('colspan')).toBe(20);
    expect(verdict).toEqual({ kind: 'limit', detail: 'attribute "colspan" of tableCell holds 2 values in one item' });
    expect(cellOf(s.server, 0, 0).getAttribute('colspan')).toBe(1);
  });

  it('a row the update inserts and deletes again is no row: the cell spanning down reaches the row after', () => {
    const s = withTable(() => table(row(cell('a', { rowspan: 2 }), ...cells(MAX_TABLE_COLUMNS - 1)), row(...cells(MAX_TABLE_COLUMNS - 1))));
    // Deleted content stays in the update (as it does from a client that keeps it).
    const client = new Y.Doc({ gc: false });
    Y.applyUpdate(client, Y.encodeStateAsUpdate(s.server));
    const verdict = sendChange({ ...s, client }, (doc) => {
      doc.transact(() => firstTable(doc).insert(1, [row()]));
      doc.transact(() => {
        firstTable(doc).delete(1, 1);
        rowOf(doc, 1).insert(MAX_TABLE_COLUMNS - 1, [cell('x')]);
      });
    });
    expect(verdict).toEqual({ kind: 'limit', detail: 'a table 21 columns wide, spans counted (at most 20)' });
  });

  it('every element a table holds is read as a row, whatever its name', () => {
    for (const name of ['blockquote', 'paragraph', 'tableCell']) {
      const s = withTable(() => table(row(...cells(MAX_TABLE_COLUMNS))));
      expect(sendChange(s, (doc) => firstTable(doc).insert(1, [new Y.XmlElement(name)])).kind).toBe('apply');
      // Cells without attributes: nothing but their place ties them to the table.
      const bare = Array.from({ length: 40 }, () => new Y.XmlElement('tableCell'));
      expect(sendChange(s, (doc) => rowOf(doc, 1).insert(0, bare))).toEqual({ kind: 'limit', detail: 'a table 40 columns wide, spans counted (at most 20)' });
    }
  });

  it('new rows whose order only integrating tells, in a table with a cell spanning down, are judged on a copy (when the sender may have one)', () => {
    const build = () =>
      table(row(cell('a', { rowspan: 3 }), ...cells(MAX_TABLE_COLUMNS - 1)), row(...cells(MAX_TABLE_COLUMNS - 1)), row(...cells(MAX_TABLE_COLUMNS - 1)));
    /** Two clients each put a row at the same place; the update carries both (Yjs orders them by client id). */
    const bothAtOnce = (s: GuardSetup, widths: [number, number]): Uint8Array =>
      Y.mergeUpdates(
        widths.map((width, i) => {
          const other = new Y.Doc();
          other.clientID = 1_000 + i;
          Y.applyUpdate(other, Y.encodeStateAsUpdate(s.server));
          const before = Y.encodeStateVector(other);
          firstTable(other).insert(1, [row(...cells(width))]);
          return Y.encodeStateAsUpdate(other, before);
        }),
      );
    // Both go under the spanning cell, whichever comes first.
    const refused = withTable(build);
    expect(sendUpdate(refused, bothAtOnce(refused, [MAX_TABLE_COLUMNS - 1, MAX_TABLE_COLUMNS]), asking(false).mayCopy).kind).toBe('tooMuchWork');
    expect(firstTable(refused.server).length).toBe(3);

    const copied = withTable(build);
    const allowed = asking(true);
    expect(sendUpdate(copied, bothAtOnce(copied, [MAX_TABLE_COLUMNS - 1, MAX_TABLE_COLUMNS]), allowed.mayCopy)).toEqual({
      kind: 'limit',
      detail: 'a table 21 columns wide, spans counted (at most 20)',
    });
    expect(allowed.asked()).toBe(1);

    const fits = withTable(build);
    expect(sendUpdate(fits, bothAtOnce(fits, [MAX_TABLE_COLUMNS - 1, MAX_TABLE_COLUMNS - 1]), asking(true).mayCopy).kind).toBe('apply');
    expect(elementGridWidth(firstTable(fits.server))).toBe(MAX_TABLE_COLUMNS);

    // Several rows inserted at once by one client are placed without a copy.
    const chained = withTable(build);
    const never = asking(false);
    expect(sendChange(chained, (doc) => firstTable(doc).insert(1, [row(...cells(MAX_TABLE_COLUMNS - 1)), row(...cells(MAX_TABLE_COLUMNS))]), never.mayCopy)).toEqual({
      kind: 'limit',
      detail: 'a table 21 columns wide, spans counted (at most 20)',
    });
    expect(never.asked()).toBe(0);
  });
});

describe('the editor’s own table edits', () => {
  const schema = editorSchema();
  const p = (text: string): PmNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  const pmCell = (text: string, attrs: Record<string, number> = {}): PmNode => ({ type: 'tableCell', attrs, content: [p(text)] });
  const pmTable = (rows: PmNode[][]): PmNode => ({ type: 'table', content: rows.map((content) => ({ type: 'tableRow', content })) });
  const grid = (rows: number, columns: number, prefix: string) =>
    pmTable(Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => pmCell(`${prefix}${r}.${c}`))));

  /** Position of the cell at grid row `r`, column `c` of the document's first table. */
  function cellPos(state: EditorState, r: number, c: number): number {
    const tableNode = state.doc.child(0);
    const map = TableMap.get(tableNode);
    return 1 + map.map[r * map.width + c]!;
  }

  const selectCells = (state: EditorState, from: [number, number], to: [number, number]): EditorState =>
    state.apply(state.tr.setSelection(CellSelection.create(state.doc, cellPos(state, ...from), cellPos(state, ...to))));

  function run(state: EditorState, command: Command): EditorState {
    let next = state;
    expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true);
    return next;
  }

  /** Sends what the editor's binding writes for `state`'s document; the guard must take it without a copy of the document. */
  function write(s: GuardSetup, state: EditorState): void {
    const never = asking(false);
    const verdict = sendChange(s, (doc) => updateYFragment(doc, narrativeFragment(doc), state.doc, { mapping: new Map(), isOMark: new Map() }), never.mayCopy);
    expect(verdict.kind).toBe('apply');
    expect(never.asked()).toBe(0);
  }

  it('merging, splitting, adding and deleting rows, and pasting a table with merged cells, at the full width, pass without a copy', () => {
    const s = guardSetup((doc) => narrativeFragment(doc).insert(0, [new Y.XmlElement('paragraph')]));
    let state = EditorState.create({ doc: Node.fromJSON(schema, { type: 'doc', content: [grid(3, MAX_TABLE_COLUMNS, 'a'), p('Etter')] }) });
    write(s, state);

    state = run(selectCells(state, [0, 0], [1, 0]), mergeCells);
    expect(state.doc.child(0).child(0).child(0).attrs.rowspan).toBe(2);
    write(s, state);
    state = run(selectCells(state, [2, 3], [2, 3]), addRowAfter);
    write(s, state);
    state = run(selectCells(state, [1, 0], [1, 0]), addRowAfter);
    write(s, state);
    state = run(selectCells(state, [0, 5], [0, 7]), mergeCells);
    expect(state.doc.child(0).child(0).child(5).attrs.colspan).toBe(3);
    write(s, state);
    state = run(selectCells(state, [0, 5], [0, 5]), splitCell);
    write(s, state);
    state = run(selectCells(state, [1, 4], [1, 4]), deleteRow);
    write(s, state);

    // A pasted table whose first column's cells span two rows each.
    const pasted = pmTable([
      [pmCell('x', { rowspan: 2 }), ...Array.from({ length: MAX_TABLE_COLUMNS - 1 }, (_, i) => pmCell(`h${i}`))],
      Array.from({ length: MAX_TABLE_COLUMNS - 1 }, (_, i) => pmCell(`r${i}`)),
      [pmCell('y', { rowspan: 2 }), ...Array.from({ length: MAX_TABLE_COLUMNS - 1 }, (_, i) => pmCell(`s${i}`))],
      Array.from({ length: MAX_TABLE_COLUMNS - 1 }, (_, i) => pmCell(`t${i}`)),
    ]);
    state = state.apply(state.tr.insert(state.doc.content.size, Node.fromJSON(schema, pasted)));
    write(s, state);

    // The server holds the editor's tables, each exactly as wide as the grid allows.
    const tables = narrativeFragment(s.server).toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'table');
    expect(tables.map(elementGridWidth)).toEqual([MAX_TABLE_COLUMNS, MAX_TABLE_COLUMNS]);
  });

  it('undoing the deletion of several rows of a table with merged cells passes without a copy', () => {
    const s = guardSetup((doc) => narrativeFragment(doc).insert(0, [new Y.XmlElement('paragraph')]));
    const own = { name: 'editor' };
    const undo = new Y.UndoManager(narrativeFragment(s.client), { trackedOrigins: new Set([own]), captureTimeout: 0 });
    const writeOwn = (state: EditorState): void => {
      const never = asking(false);
      const verdict = sendChange(s, (doc) => doc.transact(() => updateYFragment(doc, narrativeFragment(doc), state.doc, { mapping: new Map(), isOMark: new Map() }), own), never.mayCopy);
      expect(verdict.kind).toBe('apply');
      expect(never.asked()).toBe(0);
    };
    let state = EditorState.create({ doc: Node.fromJSON(schema, { type: 'doc', content: [grid(5, MAX_TABLE_COLUMNS, 'u')] }) });
    state = run(selectCells(state, [0, 0], [1, 0]), mergeCells);
    writeOwn(state);
    state = run(selectCells(state, [2, 3], [3, 3]), deleteRow);
    writeOwn(state);
    // Yjs brings each row back just before its deleted self, in one update.
    for (const step of [() => undo.undo(), () => undo.redo(), () => undo.undo()]) {
      const never = asking(false);
      expect(sendChange(s, step, never.mayCopy).kind).toBe('apply');
      expect(never.asked()).toBe(0);
    }
    expect(firstTable(s.server).length).toBe(5);
    expect(elementGridWidth(firstTable(s.server))).toBe(MAX_TABLE_COLUMNS);
  });

  it('what the editor makes of a table too wide is a row of more cells than the server takes (why the guard refuses the table first)', () => {
    const wide = Node.fromJSON(schema, { type: 'doc', content: [pmTable([Array.from({ length: 10 }, (_, i) => pmCell(`w${i}`, { colspan: 3 })), [pmCell('kort')]])] });
    const fixed = fixTables(EditorState.create({ doc: wide }));
    expect(fixed).toBeDefined();
    const after = fixed!.doc.child(0);
    expect(after.child(1).childCount).toBeGreaterThan(MAX_TABLE_COLUMNS);
  });
});
