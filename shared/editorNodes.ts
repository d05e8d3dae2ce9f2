import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';

/**
 * The narrative's table nodes (`table`, `tableRow`, `tableHeader`, `tableCell`), as the editor
 * has them and as the server builds the editor's schema (restoring a version), so that the two
 * cannot drift apart: without column resizing (widths come from a paste; nobody drags them here).
 */
export const TABLE_EXTENSIONS = [
  Table.configure({ resizable: false, renderWrapper: true, HTMLAttributes: { class: 'narrative-table' } }),
  TableRow,
  TableHeader,
  TableCell,
];
