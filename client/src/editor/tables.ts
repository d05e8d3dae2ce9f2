import { Extension, type Editor } from '@tiptap/core';
import { Fragment, Slice, type Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { refuseLocalEdits } from './depthGuard.js';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../../../shared/limits.js';

/**
 * Tables in the narrative: Tiptap's table nodes (`table`, `tableRow`, `tableHeader`,
 * `tableCell`, which the one narrative model reads, shared/narrativeBlocks.ts), kept within the
 * size every reader and the server take (shared/limits.ts), and tables pasted from Word or Google
 * Docs given a header row.
 */

/**
 * Rows and grid columns of a table node, as prosemirror-tables' TableMap counts them (its
 * `findWidth`: the widest row, with the cells of rows above that span down into it), without
 * prosemirror-tables, which loads after the editor (client/src/standIns/tableEditingLater.ts).
 */
export function tableSize(table: PmNode): { rows: number; columns: number } {
  let columns = 0;
  /** Grid columns a row has from cells of rows above it that span down into it, by row index. */
  const spannedInto: number[] = [];
  table.forEach((row, _offset, index) => {
    let width = spannedInto[index] ?? 0;
    row.forEach((cell) => {
      const colspan = Number(cell.attrs.colspan ?? 1);
      const rowspan = Number(cell.attrs.rowspan ?? 1);
      width += colspan;
      for (let below = 1; below < rowspan; below++) spannedInto[index + below] = (spannedInto[index + below] ?? 0) + colspan;
    });
    columns = Math.max(columns, width);
  });
  return { rows: table.childCount, columns };
}

/** The table the selection is in, or null. */
export function selectedTable(editor: Editor): PmNode | null {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === 'table') return node;
  }
  return null;
}

/** Whether any table in the document is larger than MAX_TABLE_ROWS by MAX_TABLE_COLUMNS. */
export function hasOversizedTable(doc: PmNode): boolean {
  let found = false;
  doc.descendants((node) => {
    if (found || node.isTextblock) return false;
    if (node.type.name !== 'table') return true;
    const { rows, columns } = tableSize(node);
    if (rows > MAX_TABLE_ROWS || columns > MAX_TABLE_COLUMNS) found = true;
    // A table in a table's cell is looked at too.
    return !found;
  });
  return found;
}

/**
 * A pasted table's first row as header cells, when the table has none: Word and Google Docs
 * write every cell as `<td>`, even the row of column names, which a table of figures starts with
 * (the "År | Antall ofre"). The toolbar's header row button turns it off again.
 */
export function withHeaderRows(fragment: Fragment): Fragment {
  const nodes: PmNode[] = [];
  fragment.forEach((node) => {
    if (node.type.name === 'table') {
      nodes.push(headerRowTable(node));
      return;
    }
    nodes.push(node.isLeaf || node.isText ? node : node.copy(withHeaderRows(node.content)));
  });
  return Fragment.from(nodes);
}

function headerRowTable(table: PmNode): PmNode {
  const schema = table.type.schema;
  const header = schema.nodes.tableHeader;
  let anyHeader = false;
  table.descendants((node) => {
    if (node.type === header) anyHeader = true;
    return !anyHeader;
  });
  const rows: PmNode[] = [];
  table.forEach((row, _offset, index) => {
    const cells: PmNode[] = [];
    row.forEach((cell) => {
      // The cells' own content may hold tables too.
      const content = withHeaderRows(cell.content);
      const headed = !anyHeader && index === 0 && table.childCount > 1 && header;
      cells.push(headed ? header.create(cell.attrs, content, cell.marks) : cell.copy(content));
    });
    rows.push(row.copy(Fragment.from(cells)));
  });
  return table.copy(Fragment.from(rows));
}

export interface TableGuardOptions {
  /** Called when an edit was not made because it would make a table larger than the limits. */
  onRefused: () => void;
}

/**
 * Keeps this person's tables within MAX_TABLE_ROWS by MAX_TABLE_COLUMNS (a paste of a bigger one,
 * a row added past the last) with a word, as DepthGuard keeps the depth: the server would refuse
 * the update otherwise. Changes from others (through Yjs) pass as they are. And gives a pasted
 * table a header row (withHeaderRows).
 */
export const TableGuard = Extension.create<TableGuardOptions>({
  name: 'tableGuard',
  addOptions() {
    return { onRefused: () => undefined };
  },
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('tableHeaderRows'),
        props: {
          transformPasted: (slice) => new Slice(withHeaderRows(slice.content), slice.openStart, slice.openEnd),
        },
      }),
      // Only an edit that makes an oversized table is refused: one that shrinks a table already
      // too big (stored before the limits) goes through.
      refuseLocalEdits('tableGuard', (tr, state) => hasOversizedTable(tr.doc) && !hasOversizedTable(state.doc), this.options.onRefused),
    ];
  },
});
