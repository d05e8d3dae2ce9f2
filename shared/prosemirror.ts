import * as Y from 'yjs';
import { z } from 'zod';

/** A ProseMirror mark as JSON (`{"type":"bold"}`, `{"type":"link","attrs":{"href":...}}`). */
export interface PmMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** A ProseMirror node as JSON, the shape `editor.getJSON()` gives. */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: PmMark[];
}

export const PmMarkSchema = z.object({ type: z.string().min(1), attrs: z.record(z.string(), z.unknown()).optional() });

export const PmNodeSchema: z.ZodType<PmNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(PmNodeSchema).optional(),
    text: z.string().optional(),
    marks: z.array(PmMarkSchema).optional(),
  }),
);

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
      const attrs = value !== null && typeof value === 'object' && Object.keys(value).length > 0 ? (value as Record<string, unknown>) : undefined;
      return attrs ? { type: markType(key), attrs } : { type: markType(key) };
    });
    if (marks.length > 0) node.marks = marks;
    nodes.push(node);
  }
  return nodes;
}

function elementNode(element: Y.XmlElement): PmNode {
  const node: PmNode = { type: element.nodeName };
  const attrs = element.getAttributes() as Record<string, unknown>;
  if (Object.keys(attrs).length > 0) node.attrs = attrs;
  const content = childNodes(element);
  if (content.length > 0) node.content = content;
  return node;
}

function childNodes(parent: Y.XmlElement | Y.XmlFragment): PmNode[] {
  const nodes: PmNode[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) nodes.push(...textNodes(child));
    else if (child instanceof Y.XmlElement) nodes.push(elementNode(child));
  }
  return nodes;
}

/**
 * A narrative fragment as the ProseMirror JSON document Tiptap would give for it (`doc` with
 * block children), read straight from the y-prosemirror encoding: elements are nodes named by
 * their node type with their attributes; text carries its marks as formatting attributes.
 */
export function fragmentToProseMirror(fragment: Y.XmlFragment): PmNode {
  return { type: 'doc', content: childNodes(fragment) };
}
