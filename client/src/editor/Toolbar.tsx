import type { Editor } from '@tiptap/react';
import { useEditorState } from '@tiptap/react';
import { Bold, Heading2, Heading3, Italic, Link, List, ListOrdered, Redo2, Undo2, type LucideIcon } from 'lucide-react';
import { t } from '../strings.js';

interface Tool {
  label: string;
  icon: LucideIcon;
  run: (editor: Editor) => boolean;
  /** Whether the format is on at the selection; tools without one are plain actions. */
  active?: (editor: Editor) => boolean;
  can?: (editor: Editor) => boolean;
  shortcut?: string;
}

const TOOLS: Tool[][] = [
  [
    { label: t.bold, icon: Bold, run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold'), shortcut: 'Ctrl+B' },
    { label: t.italic, icon: Italic, run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic'), shortcut: 'Ctrl+I' },
  ],
  [
    { label: t.heading2, icon: Heading2, run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
    { label: t.heading3, icon: Heading3, run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
  ],
  [
    { label: t.bulletList, icon: List, run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
    { label: t.orderedList, icon: ListOrdered, run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
  ],
  [
    { label: t.undo, icon: Undo2, run: (e) => e.chain().focus().undo().run(), can: (e) => e.can().undo(), shortcut: 'Ctrl+Z' },
    { label: t.redo, icon: Redo2, run: (e) => e.chain().focus().redo().run(), can: (e) => e.can().redo(), shortcut: 'Ctrl+Y' },
  ],
];

/** The toolbar's link button: it opens (or closes) the link field, whose id it names. */
export interface ToolbarLink {
  open: boolean;
  onToggle: () => void;
  fieldId: string;
}

/** Formatting toolbar: real buttons with names, pressed state for formats, grouped; and the link button. */
export function Toolbar({ editor, link }: { editor: Editor; link: ToolbarLink }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      tools: TOOLS.flat().map((tool) => ({ active: tool.active?.(e) ?? null, enabled: tool.can ? tool.can(e) : true })),
      onLink: e.isActive('link'),
    }),
  });
  let index = 0;
  const button = (tool: Tool) => {
    const { active, enabled } = state.tools[index++] ?? { active: null, enabled: true };
    const Icon = tool.icon;
    return (
      <button
        key={tool.label}
        type="button"
        className="toolbar__button"
        aria-label={tool.label}
        title={tool.shortcut ? `${tool.label} (${tool.shortcut})` : tool.label}
        aria-pressed={active === null ? undefined : active}
        aria-disabled={!enabled || undefined}
        onClick={() => enabled && tool.run(editor)}
      >
        <Icon aria-hidden="true" size={18} />
      </button>
    );
  };
  // The link button sits after the lists, before undo and redo.
  const [marks, headings, lists, history] = TOOLS as [Tool[], Tool[], Tool[], Tool[]];
  return (
    <div role="toolbar" aria-label={t.toolbar} className="toolbar">
      {[marks, headings, lists].map((group, g) => (
        <div key={g} className="toolbar__group">
          {group.map(button)}
        </div>
      ))}
      <div className="toolbar__group">
        <button
          type="button"
          className="toolbar__button"
          aria-label={t.link}
          title={`${t.link} (Ctrl+K)`}
          aria-expanded={link.open}
          aria-controls={link.open ? link.fieldId : undefined}
          aria-keyshortcuts="Control+K"
          data-testid="toolbar-link"
          data-active={state.onLink || undefined}
          onMouseDown={(event) => event.preventDefault()}
          onClick={link.onToggle}
        >
          <Link aria-hidden="true" size={18} />
        </button>
      </div>
      <div className="toolbar__group">{history.map(button)}</div>
    </div>
  );
}
