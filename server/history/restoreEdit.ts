import { getSchema } from '@tiptap/core';
import { Node, type Schema } from '@tiptap/pm/model';
import { StarterKit } from '@tiptap/starter-kit';
import { updateYFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { TABLE_EXTENSIONS } from '../../shared/editorNodes.js';
import { narrativeFragment } from '../../shared/narrative.js';
import type { PmNode } from '../../shared/prosemirror.js';

let builtSchema: Schema | null = null;

/**
 * The editor's document schema: StarterKit's and the tables', as the client's editor has them
 * (the editor's other extensions and StarterKit's options add or change no node or mark).
 * shared/narrativeSchema.ts lists the same as plain data (tests/server/narrativeSchema.test.ts).
 */
export function editorSchema(): Schema {
  builtSchema ??= getSchema([StarterKit.configure({ undoRedo: false }), ...TABLE_EXTENSIONS]);
  return builtSchema;
}

/**
 * The edit that makes a narrative `target` (ProseMirror JSON as the history reads it): y-prosemirror's
 * minimal diff of the document into the Y.XmlFragment, as the editor itself writes a change, so
 * that unchanged paragraphs, and the comment anchors in them, stay. Throws when `target` is not a
 * document the editor's schema allows. `target` comes from readNarrative, bounded in depth, so
 * the binding's recursion over it is bounded too.
 */
export function restoreTo(target: PmNode): (doc: Y.Doc) => void {
  const node = Node.fromJSON(editorSchema(), target);
  node.check();
  return (doc) => updateYFragment(doc, narrativeFragment(doc), node, { mapping: new Map(), isOMark: new Map() });
}
