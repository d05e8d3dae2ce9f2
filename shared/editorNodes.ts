import type { Attributes } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';

/** The alignments a cell may render: Tiptap's own (`TableCellAlign`), and justify, which the server takes too (shared/narrativeSchema.ts). */
const CELL_ALIGNMENTS: ReadonlySet<unknown> = new Set(['left', 'right', 'center', 'justify']);

/**
 * A cell's `align` rendered only when it is one of CELL_ALIGNMENTS. Tiptap's renders any value as
 * `text-align: ${align}`, so a stored `left; position: fixed; inset: 0` laid CSS over the whole
 * page. Only rendering changes: the attribute (its default, its parsing) and so the schema stay
 * Tiptap's, here and on the server.
 */
function withSafeAlign<T extends typeof TableCell | typeof TableHeader>(cell: T): T {
  return cell.extend({
    addAttributes() {
      const attributes: Attributes = this.parent?.() ?? {};
      return {
        ...attributes,
        align: {
          ...attributes.align,
          renderHTML: ({ align }: Record<string, unknown>) => (CELL_ALIGNMENTS.has(align) ? { style: `text-align: ${String(align)}` } : {}),
        },
      };
    },
  }) as T;
}

/**
 * The narrative's table nodes (`table`, `tableRow`, `tableHeader`, `tableCell`), as the editor
 * has them and as the server builds the editor's schema (restoring a version), so that the two
 * cannot drift apart: without column resizing (widths come from a paste; nobody drags them here).
 */
export const TABLE_EXTENSIONS = [
  Table.configure({ resizable: false, renderWrapper: true, HTMLAttributes: { class: 'narrative-table' } }),
  TableRow,
  withSafeAlign(TableHeader),
  withSafeAlign(TableCell),
];
