import * as Y from 'yjs';
import { NARRATIVE_FIELD } from './documentLayout.js';
import { MAX_NARRATIVE_DEPTH, MAX_NARRATIVE_NODES, MAX_TABLE_COLUMN_WIDTH, MAX_TABLE_COLUMNS } from './limits.js';
import { blocksText, narrativeBlocks } from './narrativeBlocks.js';
import type { PmMark, PmNode } from './prosemirror.js';

/**
 * The narrative is a Tiptap (ProseMirror) document stored by y-prosemirror in one
 * Y.XmlFragment: each block node is a Y.XmlElement named after the node type
 * (`paragraph`, `heading`, `bulletList`, `listItem`, ...) and text is Y.XmlText carrying its
 * marks as formatting attributes. This file reads it into ProseMirror JSON, the input of the
 * one narrative model (narrativeBlocks.ts) that every reader uses.
 */

/** The narrative fragment of a measure's document. */
export function narrativeFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(NARRATIVE_FIELD);
}

/** A piece of a paragraph's text, a link when it has an `href`. */
export interface TextRun {
  text: string;
  href?: string;
}

/**
 * The attributes of a link mark as the editor's Link extension (Tiptap's, in StarterKit) writes
 * them, so a link made by the server is the same as one made in the editor.
 */
export function linkMarkAttrs(href: string): Record<string, string | null> {
  return { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null };
}

/**
 * Appends paragraphs to a narrative, as Tiptap paragraph nodes: each plain text, or runs of
 * text some of which are links (y-prosemirror keeps a mark as a formatting attribute named after it).
 */
export function appendParagraphs(fragment: Y.XmlFragment, paragraphs: readonly (string | readonly TextRun[])[]): void {
  const elements = paragraphs.map((content) => {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    const runs = typeof content === 'string' ? [{ text: content }] : content;
    let at = 0;
    for (const run of runs) {
      if (run.text === '') continue;
      text.insert(at, run.text, run.href === undefined ? {} : { link: linkMarkAttrs(run.href) });
      at += run.text.length;
    }
    return paragraph;
  });
  fragment.insert(fragment.length, elements);
}

/** Why a narrative cannot be read: nested deeper than MAX_NARRATIVE_DEPTH, or more than MAX_NARRATIVE_NODES nodes. */
export type NarrativeProblem = 'tooDeep' | 'tooLarge';

/** A narrative read as ProseMirror JSON, or the reason it cannot be (then `doc` is an empty document). */
export type NarrativeRead = { doc: PmNode; problem: null } | { doc: PmNode; problem: NarrativeProblem };

type Primitive = string | number | boolean | null;

function isPrimitive(value: unknown): value is Primitive {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * A table cell's column widths as the editor writes them (`colwidth`: one width in CSS pixels,
 * or 0 for none, per column the cell spans), if that is what the value is: at most
 * MAX_TABLE_COLUMNS whole numbers from 0 to MAX_TABLE_COLUMN_WIDTH.
 */
function columnWidths(value: unknown): number[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_TABLE_COLUMNS) return null;
  return value.every((width) => Number.isInteger(width) && (width as number) >= 0 && (width as number) <= MAX_TABLE_COLUMN_WIDTH) ? [...(value as number[])] : null;
}

/**
 * Attributes with plain values only (and a table cell's `colwidth`, a short list of numbers). A
 * client can store any value in an attribute (a Yjs type, nested JSON); what the editor writes
 * is plain, and nothing else is read.
 */
function plainAttributes(value: unknown): Record<string, Primitive | number[]> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const attrs: Record<string, Primitive | number[]> = {};
  let any = false;
  for (const [key, entry] of Object.entries(value)) {
    const kept = isPrimitive(entry) ? entry : key === 'colwidth' ? columnWidths(entry) : null;
    if (kept === null && entry !== null) continue;
    attrs[key] = kept;
    any = true;
  }
  return any ? attrs : undefined;
}

/** y-prosemirror names a mark `type--hash` when one text carries several of that type. */
function markType(attribute: string): string {
  const cut = attribute.indexOf('--');
  return cut < 0 ? attribute : attribute.slice(0, cut);
}

function textNodes(text: Y.XmlText): PmNode[] {
  const nodes: PmNode[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string' || op.insert === '') continue;
    const node: PmNode = { type: 'text', text: op.insert };
    const marks = Object.entries(op.attributes ?? {}).map(([key, value]): PmMark => {
      const attrs = plainAttributes(value);
      return attrs ? { type: markType(key), attrs } : { type: markType(key) };
    });
    if (marks.length > 0) node.marks = marks;
    nodes.push(node);
  }
  return nodes;
}

interface Open {
  node: PmNode;
  /** What the Yjs type holds: elements and texts, and whatever else a client once stored there (skipped). */
  children: unknown[];
  next: number;
  /** Depth of the Yjs type this node was read from (the fragment is 0). */
  depth: number;
}

function append(parent: PmNode, children: PmNode[]): void {
  if (children.length === 0) return;
  (parent.content ??= []).push(...children);
}

/**
 * A narrative fragment as the ProseMirror JSON document Tiptap would give for it, read without
 * recursion and with limits. Our own rather than y-tiptap's `yXmlFragmentToProsemirrorJSON`,
 * which recurses over the fragment and reads attribute values as they are (a client can store a
 * Yjs type or nested JSON there), so stored content could make it throw: a fragment nested deeper than MAX_NARRATIVE_DEPTH or holding more
 * than MAX_NARRATIVE_NODES elements and texts is not read (content stored before the limits
 * existed, or written straight into storage); the caller says so instead of showing it. A child
 * that is neither an element nor a text (a hook, a value, a Y.Map, a Y.Array or a Y.Text a client
 * stored before the server refused them, updateGuard.ts) is not part of the narrative: skipped.
 */
export function readNarrative(fragment: Y.XmlFragment): NarrativeRead {
  const doc: PmNode = { type: 'doc' };
  const stack: Open[] = [{ node: doc, children: fragment.toArray(), next: 0, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const open = stack[stack.length - 1]!;
    // By index: a stored child may itself be `undefined`.
    if (open.next >= open.children.length) {
      stack.pop();
      continue;
    }
    const child = open.children[open.next++];
    if (!(child instanceof Y.XmlElement) && !(child instanceof Y.XmlText)) continue;
    const depth = open.depth + 1;
    if (depth > MAX_NARRATIVE_DEPTH) return { doc: { type: 'doc' }, problem: 'tooDeep' };
    if (++nodes > MAX_NARRATIVE_NODES) return { doc: { type: 'doc' }, problem: 'tooLarge' };
    if (child instanceof Y.XmlText) {
      append(open.node, textNodes(child));
      continue;
    }
    const node: PmNode = { type: child.nodeName };
    const attrs = plainAttributes(child.getAttributes());
    if (attrs) node.attrs = attrs;
    append(open.node, [node]);
    stack.push({ node, children: child.toArray(), next: 0, depth });
  }
  return { doc, problem: null };
}

/** The narrative as ProseMirror JSON; an empty document when it cannot be read (see readNarrative). */
export function fragmentToProseMirror(fragment: Y.XmlFragment): PmNode {
  return readNarrative(fragment).doc;
}

/** Plain text of a narrative: one block per paragraph, heading, list item or code block, a blank line between. */
export function narrativeText(fragment: Y.XmlFragment): string {
  return blocksText(narrativeBlocks(readNarrative(fragment).doc) ?? []);
}

/** True when the narrative holds no visible text. */
export function isNarrativeEmpty(fragment: Y.XmlFragment): boolean {
  return narrativeText(fragment).trim() === '';
}
