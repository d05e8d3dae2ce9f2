import type { Editor } from '@tiptap/core';
import { Plugin, PluginKey, type Command, type EditorState } from '@tiptap/pm/state';
import type * as Tables from '@tiptap/pm/tables';

/**
 * What Tiptap's table extension imports from prosemirror-tables (vite.config.ts points its import
 * here), backed by prosemirror-tables once loadTableEditing() has loaded it. The table nodes
 * themselves are Tiptap's and need none of it: a document with tables shows, and text is written
 * in its cells, without it. What it does is edit tables as tables (cell selections, Tab to the
 * next cell, rows and columns added and removed, tables kept rectangular), about a twentieth of
 * the editor's download, so the measure page shows without it and the editor loads it right after
 * (TableEditingLater). Until then the table commands answer that they cannot (the toolbar's row and
 * column buttons are unavailable for that moment) and tables edit as nested blocks.
 */
let tables: typeof Tables | null = null;
let loading: Promise<typeof Tables> | null = null;

/** Loads prosemirror-tables (once); resolves when the functions below answer with it. */
export function loadTableEditing(): Promise<typeof Tables> {
  loading ??= import('@tiptap/pm/tables').then(
    (module) => (tables = module),
    (error: unknown) => {
      // Offline before the first visit cached it: try again with the next editor.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** A command that does what prosemirror-tables' does once it is loaded, and nothing before. */
const later =
  (command: (loaded: typeof Tables) => Command): Command =>
  (state, dispatch, view) =>
    tables ? command(tables)(state, dispatch, view) : false;

export const addColumnAfter = later((t) => t.addColumnAfter);
export const addColumnBefore = later((t) => t.addColumnBefore);
export const addRowAfter = later((t) => t.addRowAfter);
export const addRowBefore = later((t) => t.addRowBefore);
export const deleteColumn = later((t) => t.deleteColumn);
export const deleteRow = later((t) => t.deleteRow);
export const deleteTable = later((t) => t.deleteTable);
export const mergeCells = later((t) => t.mergeCells);
export const splitCell = later((t) => t.splitCell);
export const toggleHeaderCell = later((t) => t.toggleHeaderCell);
export const goToNextCell = (direction: Tables.Direction): Command => later((t) => t.goToNextCell(direction));
export const setCellAttr = (name: string, value: unknown): Command => later((t) => t.setCellAttr(name, value));
export const toggleHeader = (type: Tables.ToggleHeaderType, options?: Parameters<typeof Tables.toggleHeader>[1]): Command =>
  later((t) => t.toggleHeader(type, options));

export const fixTables = (state: EditorState, oldState?: EditorState) => tables?.fixTables(state, oldState);

/**
 * prosemirror-tables' CellSelection, for `instanceof` and `create`: nothing is one before it is
 * loaded, since only its table editing plugin makes them.
 */
export class CellSelection {
  static [Symbol.hasInstance](value: unknown): boolean {
    return tables !== null && value instanceof tables.CellSelection;
  }

  static create(...args: Parameters<typeof Tables.CellSelection.create>): Tables.CellSelection {
    if (!tables) throw new Error('prosemirror-tables is not loaded yet');
    return tables.CellSelection.create(...args);
  }
}

/** Column resizing by dragging, which the narrative's tables do not have (`resizable: false`). */
export function columnResizing(...args: Parameters<typeof Tables.columnResizing>): Plugin {
  if (!tables) throw new Error('prosemirror-tables is not loaded yet');
  return tables.columnResizing(...args);
}

/** Stands where prosemirror-tables' table editing plugin goes until TableEditingLater puts it there. */
const waitingKey = new PluginKey<Tables.TableEditingOptions>('tableEditingLater');

/** The table editing plugin: prosemirror-tables' own once loaded, a stand-in that keeps its place before. */
export function tableEditing(options?: Tables.TableEditingOptions): Plugin {
  if (tables) return tables.tableEditing(options);
  return new Plugin({ key: waitingKey, state: { init: () => options ?? {}, apply: (_tr, value) => value } });
}

/**
 * Puts prosemirror-tables' table editing plugin in its stand-in's place in `editor`, once loaded,
 * and lets what shows the table commands (the toolbar) look again.
 */
export async function startTableEditing(editor: Editor): Promise<void> {
  const loaded = await loadTableEditing();
  if (editor.isDestroyed) return;
  const waiting = editor.state.plugins.find((plugin) => plugin.spec.key === waitingKey);
  if (!waiting) return;
  const options = waitingKey.getState(editor.state);
  editor.registerPlugin(loaded.tableEditing(options), (plugin, plugins) => plugins.map((p) => (p === waiting ? plugin : p)));
  editor.view.dispatch(editor.state.tr.setMeta('tableEditingLoaded', true).setMeta('addToHistory', false));
}
