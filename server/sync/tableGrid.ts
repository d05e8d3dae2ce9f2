import * as Y from 'yjs';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../../shared/limits.js';

/**
 * A span as the editor takes it: a whole number within the table limits, else 1 (the browser
 * deletes any other value from its copy before the editor renders it, client/src/editor/unrenderable.ts).
 */
export function spanValue(value: unknown, most: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= most ? value : 1;
}

/**
 * Grid columns of a table's widest row, as prosemirror-tables' TableMap counts them (its
 * `findWidth`): each row's cells' colspans, plus those of cells in rows above that span down into
 * it. The editor pads every narrower row with cells up to that width (`fixTables`), so a table
 * wider than MAX_TABLE_COLUMNS would have every editor that opens it send rows of more cells than
 * the server takes. The order of cells within a row does not matter; that of rows does. Fed row
 * by row, cell by cell (`nextRow`, `cell`), without keeping the cells.
 */
export class GridWidth {
  /** Colspans spanning down into each row, as differences from the row before. */
  private readonly spilled: number[];
  private row = -1;
  private spanning = 0;
  private current = 0;
  private widest = 0;
  /** Whether a cell spans more than one row (then the rows' order matters). */
  spansRows = false;

  constructor(private readonly rows: number) {
    this.spilled = new Array<number>(rows + 1).fill(0);
  }

  nextRow(): void {
    this.widest = Math.max(this.widest, this.current);
    this.row++;
    this.spanning += this.spilled[this.row] ?? 0;
    this.current = this.spanning;
  }

  cell(colspan: number, rowspan: number): void {
    this.current += colspan;
    if (rowspan <= 1) return;
    this.spansRows = true;
    const end = Math.min(this.row + rowspan, this.rows);
    this.spilled[this.row + 1] = (this.spilled[this.row + 1] ?? 0) + colspan;
    this.spilled[end] = (this.spilled[end] ?? 0) - colspan;
  }

  get width(): number {
    return Math.max(this.widest, this.current);
  }
}

/** The grid width of a table of a document (its rows and their cells, as the document has them). */
export function elementGridWidth(table: Y.XmlElement): number {
  const rows = table.toArray().filter((row): row is Y.XmlElement => row instanceof Y.XmlElement);
  const grid = new GridWidth(rows.length);
  for (const row of rows) {
    grid.nextRow();
    for (const cell of row.toArray()) {
      if (!(cell instanceof Y.XmlElement)) continue;
      const attributes = cell.getAttributes() as Record<string, unknown>;
      grid.cell(spanValue(attributes.colspan, MAX_TABLE_COLUMNS), spanValue(attributes.rowspan, MAX_TABLE_ROWS));
    }
  }
  return grid.width;
}
