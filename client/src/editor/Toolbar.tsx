import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { Bold, Heading2, Heading3, Italic, Link, List, ListOrdered, Redo2, Undo2, type LucideIcon } from 'lucide-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../strings.js';

interface Tool {
  label: string;
  icon: LucideIcon;
  run: (editor: Editor) => boolean;
  /** Whether the format is on at the selection; tools without one are plain actions. */
  active?: (editor: Editor) => boolean;
  can?: (editor: Editor) => boolean;
  /** The keys that do the same in the text: shown in the tooltip (`Ctrl+B`) and as `aria-keyshortcuts` (`Control+B`). */
  shortcut: string;
}

/** The shortcuts are the extensions' own (Tiptap's Mod is Ctrl here; Yjs undo through Collaboration). */
const TOOLS: Tool[][] = [
  [
    { label: t.bold, icon: Bold, run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold'), shortcut: 'Ctrl+B' },
    { label: t.italic, icon: Italic, run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic'), shortcut: 'Ctrl+I' },
  ],
  [
    {
      label: t.heading2,
      icon: Heading2,
      run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
      active: (e) => e.isActive('heading', { level: 2 }),
      shortcut: 'Ctrl+Alt+2',
    },
    {
      label: t.heading3,
      icon: Heading3,
      run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
      active: (e) => e.isActive('heading', { level: 3 }),
      shortcut: 'Ctrl+Alt+3',
    },
  ],
  [
    { label: t.bulletList, icon: List, run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList'), shortcut: 'Ctrl+Shift+8' },
    {
      label: t.orderedList,
      icon: ListOrdered,
      run: (e) => e.chain().focus().toggleOrderedList().run(),
      active: (e) => e.isActive('orderedList'),
      shortcut: 'Ctrl+Shift+7',
    },
  ],
  [
    { label: t.undo, icon: Undo2, run: (e) => e.chain().focus().undo().run(), can: (e) => e.can().undo(), shortcut: 'Ctrl+Z' },
    { label: t.redo, icon: Redo2, run: (e) => e.chain().focus().redo().run(), can: (e) => e.can().redo(), shortcut: 'Ctrl+Y' },
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
 * button; each tooltip names its shortcut. One tab stop (the WAI-ARIA toolbar pattern): Tab
 * reaches the button last used, the arrow keys move between them, Home and End to either end.
 */
export function Toolbar({ editor, link }: { editor: Editor; link: ToolbarLink }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      tools: TOOLS.flat().map((tool) => ({ active: tool.active?.(e) ?? null, enabled: tool.can ? tool.can(e) : true })),
      onLink: e.isActive('link'),
    }),
  });
  const bar = useRef<HTMLDivElement>(null);
  // The one button Tab reaches: the one focused last.
  const [stop, setStop] = useState(0);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const items = Array.from(bar.current?.querySelectorAll<HTMLButtonElement>('[data-toolbar-item]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const next = nextToolIndex(event.key, index, items.length);
    if (next === null) return;
    event.preventDefault();
    items[next]?.focus();
  };

  const item = (position: number) => ({
    'data-toolbar-item': '',
    tabIndex: position === stop ? 0 : -1,
    onFocus: () => setStop(position),
  });
  // The link button sits after the lists, before undo and redo.
  const [marks, headings, lists, history] = TOOLS as [Tool[], Tool[], Tool[], Tool[]];
  const linkPosition = [marks, headings, lists].flat().length;
  let toolIndex = 0;
  const button = (tool: Tool) => {
    const at = toolIndex++;
    const position = at < linkPosition ? at : at + 1;
    const { active, enabled } = state.tools[at] ?? { active: null, enabled: true };
    const Icon = tool.icon;
    return (
      <button
        key={tool.label}
        type="button"
        className="toolbar__button"
        aria-label={tool.label}
        title={`${tool.label} (${tool.shortcut})`}
        aria-keyshortcuts={ariaShortcut(tool.shortcut)}
        aria-pressed={active === null ? undefined : active}
        aria-disabled={!enabled || undefined}
        onClick={() => enabled && tool.run(editor)}
        {...item(position)}
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
        aria-label={t.link}
        title={`${t.link} (${LINK_SHORTCUT})`}
        aria-expanded={link.open}
        aria-controls={link.open ? link.fieldId : undefined}
        aria-keyshortcuts={ariaShortcut(LINK_SHORTCUT)}
        data-testid="toolbar-link"
        data-active={state.onLink || undefined}
        onMouseDown={(event) => event.preventDefault()}
        onClick={link.onToggle}
        {...item(linkPosition)}
      >
        <Link aria-hidden="true" size={18} />
      </button>
    </div>
  );
  const historyGroup = <div className="toolbar__group">{history.map(button)}</div>;
  return (
    <div role="toolbar" aria-label={t.toolbar} aria-orientation="horizontal" className="toolbar" ref={bar} onKeyDown={onKeyDown}>
      {groups}
      {linkButton}
      {historyGroup}
    </div>
  );
}
