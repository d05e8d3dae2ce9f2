import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import {
  BetweenHorizontalEnd,
  BetweenVerticalEnd,
  Bold,
  Grid2x2X,
  Heading2,
  Heading3,
  Italic,
  Link,
  List,
  ListOrdered,
  PanelTop,
  Redo2,
  Table,
  TableColumnsSplit,
  TableRowsSplit,
  Undo2,
  type LucideIcon,
} from 'lucide-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../../../shared/limits.js';
import { tMeasure } from '../strings/measure.js';
import { selectedTable, tableSize } from './tables.js';

interface Tool {
  label: string;
  icon: LucideIcon;
  run: (editor: Editor) => boolean;
  /** Whether the format is on at the selection; tools without one are plain actions. */
  active?: (editor: Editor) => boolean;
  can?: (editor: Editor) => boolean;
  /** The keys that do the same in the text: shown in the tooltip (`Ctrl+B`) and as `aria-keyshortcuts` (`Control+B`). */
  shortcut?: string;
  /** Shown only while the caret is in a table (the row and column tools), so the bar stays short. */
  inTable?: boolean;
}

/** The size of the table the selection is in, or null outside a table. */
const tableAt = (e: Editor): { rows: number; columns: number } | null => {
  const table = selectedTable(e);
  return table ? tableSize(table) : null;
};

/** Whether the first row of the table the selection is in is all header cells. */
function headerRowOn(e: Editor): boolean {
  const table = selectedTable(e);
  const first = table?.firstChild;
  if (!first || first.childCount === 0) return false;
  let all = true;
  first.forEach((cell) => {
    if (cell.type.name !== 'tableHeader') all = false;
  });
  return all;
}

/** The shortcuts are the extensions' own (Tiptap's Mod is Ctrl here; Yjs undo through Collaboration). */
const TOOLS: Tool[][] = [
  [
    { label: tMeasure.bold, icon: Bold, run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold'), shortcut: 'Ctrl+B' },
    { label: tMeasure.italic, icon: Italic, run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic'), shortcut: 'Ctrl+I' },
  ],
  [
    {
      label: tMeasure.heading2,
      icon: Heading2,
      run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
      active: (e) => e.isActive('heading', { level: 2 }),
      shortcut: 'Ctrl+Alt+2',
    },
    {
      label: tMeasure.heading3,
      icon: Heading3,
      run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
      active: (e) => e.isActive('heading', { level: 3 }),
      shortcut: 'Ctrl+Alt+3',
    },
  ],
  [
    { label: tMeasure.bulletList, icon: List, run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList'), shortcut: 'Ctrl+Shift+8' },
    {
      label: tMeasure.orderedList,
      icon: ListOrdered,
      run: (e) => e.chain().focus().toggleOrderedList().run(),
      active: (e) => e.isActive('orderedList'),
      shortcut: 'Ctrl+Shift+7',
    },
  ],
  [
    // A new table has a header row; tables are not put inside tables.
    {
      label: tMeasure.insertTable,
      icon: Table,
      run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      can: (e) => tableAt(e) === null && e.can().insertTable({ rows: 3, cols: 3, withHeaderRow: true }),
    },
    {
      inTable: true, label: tMeasure.addTableRow,
      icon: BetweenHorizontalEnd,
      run: (e) => e.chain().focus().addRowAfter().run(),
      can: (e) => (tableAt(e)?.rows ?? MAX_TABLE_ROWS) < MAX_TABLE_ROWS && e.can().addRowAfter(),
    },
    {
      inTable: true, label: tMeasure.addTableColumn,
      icon: BetweenVerticalEnd,
      run: (e) => e.chain().focus().addColumnAfter().run(),
      can: (e) => (tableAt(e)?.columns ?? MAX_TABLE_COLUMNS) < MAX_TABLE_COLUMNS && e.can().addColumnAfter(),
    },
    { inTable: true, label: tMeasure.deleteTableRow, icon: TableRowsSplit, run: (e) => e.chain().focus().deleteRow().run(), can: (e) => tableAt(e) !== null && e.can().deleteRow() },
    {
      inTable: true, label: tMeasure.deleteTableColumn,
      icon: TableColumnsSplit,
      run: (e) => e.chain().focus().deleteColumn().run(),
      can: (e) => tableAt(e) !== null && e.can().deleteColumn(),
    },
    {
      inTable: true, label: tMeasure.tableHeaderRow,
      icon: PanelTop,
      run: (e) => e.chain().focus().toggleHeaderRow().run(),
      active: (e) => tableAt(e) !== null && headerRowOn(e),
      can: (e) => tableAt(e) !== null && e.can().toggleHeaderRow(),
    },
    { inTable: true, label: tMeasure.deleteTable, icon: Grid2x2X, run: (e) => e.chain().focus().deleteTable().run(), can: (e) => tableAt(e) !== null && e.can().deleteTable() },
  ],
  [
    { label: tMeasure.undo, icon: Undo2, run: (e) => e.chain().focus().undo().run(), can: (e) => e.can().undo(), shortcut: 'Ctrl+Z' },
    { label: tMeasure.redo, icon: Redo2, run: (e) => e.chain().focus().redo().run(), can: (e) => e.can().redo(), shortcut: 'Ctrl+Y' },
  ],
];

const LINK_SHORTCUT = 'Ctrl+K';

/** `Ctrl+Shift+8` as `aria-keyshortcuts` says it: `Control+Shift+8`. */
export const ariaShortcut = (shortcut: string): string => shortcut.replace(/^Ctrl\b/, 'Control');

/** Where the arrow keys take focus in a toolbar of `count` items (WAI-ARIA toolbar: wraps around; Home and End). */
export function nextToolIndex(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The toolbar's link button: it opens (or closes) the link field, whose id it names. */
export interface ToolbarLink {
  open: boolean;
  onToggle: () => void;
  fieldId: string;
}

/**
 * Formatting toolbar: real buttons with names, pressed state for formats, grouped; the link
 * button; the table button, and the row and column tools while the caret is in a table; each
 * tooltip names its shortcut, where there is one. One tab stop (the WAI-ARIA toolbar pattern): Tab
 * reaches the button last used, the arrow keys move between them, Home and End to either end.
 */
export function Toolbar({ editor, link }: { editor: Editor; link: ToolbarLink }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      tools: TOOLS.flat().map((tool) => ({ active: tool.active?.(e) ?? null, enabled: tool.can ? tool.can(e) : true })),
      onLink: e.isActive('link'),
      inTable: selectedTable(e) !== null,
    }),
  });
  const bar = useRef<HTMLDivElement>(null);
  // The one button Tab reaches: the one focused last (by name: the table tools come and go).
  const [stop, setStop] = useState<string>(TOOLS[0]![0]!.label);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const items = Array.from(bar.current?.querySelectorAll<HTMLButtonElement>('[data-toolbar-item]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const next = nextToolIndex(event.key, index, items.length);
    if (next === null) return;
    event.preventDefault();
    items[next]?.focus();
  };

  // The link button sits after the lists, before the table tools and undo and redo.
  const [marks, headings, lists, tables, history] = TOOLS as [Tool[], Tool[], Tool[], Tool[], Tool[]];
  const shownTables = tables.filter((tool) => !tool.inTable || state.inTable);
  const shown = [...marks, ...headings, ...lists, tMeasure.link, ...shownTables, ...history].map((entry) => (typeof entry === 'string' ? entry : entry.label));
  // A stop on a tool no longer shown (a table tool, once the caret left the table) falls back to the first.
  const tabStop = shown.includes(stop) ? stop : shown[0];
  const item = (name: string) => ({
    'data-toolbar-item': '',
    tabIndex: name === tabStop ? 0 : -1,
    onFocus: () => setStop(name),
  });
  const toolIndex = new Map(TOOLS.flat().map((tool, index) => [tool, index]));
  const button = (tool: Tool) => {
    const { active, enabled } = state.tools[toolIndex.get(tool) ?? -1] ?? { active: null, enabled: true };
    const Icon = tool.icon;
    return (
      <button
        key={tool.label}
        type="button"
        className="toolbar__button"
        aria-label={tool.label}
        title={tool.shortcut ? `${tool.label} (${tool.shortcut})` : tool.label}
        aria-keyshortcuts={tool.shortcut ? ariaShortcut(tool.shortcut) : undefined}
        aria-pressed={active === null ? undefined : active}
        aria-disabled={!enabled || undefined}
        onClick={() => enabled && tool.run(editor)}
        {...item(tool.label)}
      >
        <Icon aria-hidden="true" size={18} />
      </button>
    );
  };
  const groups = [marks, headings, lists].map((group, g) => (
    <div key={g} className="toolbar__group">
      {group.map(button)}
    </div>
  ));
  const linkButton = (
    <div className="toolbar__group">
      <button
        type="button"
        className="toolbar__button"
        aria-label={tMeasure.link}
        title={`${tMeasure.link} (${LINK_SHORTCUT})`}
        aria-expanded={link.open}
        aria-controls={link.open ? link.fieldId : undefined}
        aria-keyshortcuts={ariaShortcut(LINK_SHORTCUT)}
        data-testid="toolbar-link"
        data-active={state.onLink || undefined}
        onMouseDown={(event) => event.preventDefault()}
        onClick={link.onToggle}
        {...item(tMeasure.link)}
      >
        <Link aria-hidden="true" size={18} />
      </button>
    </div>
  );
  const tableGroup = (
    <div className="toolbar__group" data-testid="toolbar-tables">
      {shownTables.map(button)}
    </div>
  );
  const historyGroup = <div className="toolbar__group">{history.map(button)}</div>;
  return (
    <div role="toolbar" aria-label={tMeasure.toolbar} aria-orientation="horizontal" className="toolbar" ref={bar} onKeyDown={onKeyDown}>
      {groups}
      {linkButton}
      {tableGroup}
      {historyGroup}
    </div>
  );
}
