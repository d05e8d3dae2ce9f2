import * as z from 'zod/mini';

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMark(value: unknown): value is PmMark {
  return isRecord(value) && typeof value.type === 'string' && value.type !== '' && (value.attrs === undefined || isRecord(value.attrs));
}

/**
 * Whether a value has the shape of a ProseMirror node, checked without recursion: stored
 * content may be nested deeper than the call stack allows (it was written before the depth
 * limit existed), and checking it must not throw.
 */
export function isPmNode(value: unknown): value is PmNode {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isRecord(node) || typeof node.type !== 'string' || node.type === '') return false;
    if (node.attrs !== undefined && !isRecord(node.attrs)) return false;
    if (node.text !== undefined && typeof node.text !== 'string') return false;
    if (node.marks !== undefined && !(Array.isArray(node.marks) && node.marks.every(isMark))) return false;
    if (node.content !== undefined) {
      if (!Array.isArray(node.content)) return false;
      for (const child of node.content) pending.push(child);
    }
  }
  return true;
}

/** A ProseMirror node, validated iteratively (see isPmNode). */
export const PmNodeSchema = z.custom<PmNode>(isPmNode, { message: 'not a ProseMirror document' });

/** The deepest nesting below `node` (its children are at depth 1), counted without recursion; stops once past `limit`. */
export function pmDepth(node: PmNode, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: [PmNode, number][] = [[node, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of current.content ?? []) pending.push([child, depth + 1]);
  }
  return deepest;
}
