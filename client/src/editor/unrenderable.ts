import * as Y from 'yjs';
import { attributeProblem, holdsText, isNarrativeNode, markProblem } from '../../../shared/narrativeSchema.js';

/**
 * Whether y-prosemirror's binding cannot render `item` (live) as the editor's schema has it
 * (shared/narrativeSchema.ts), judged from the item and its parent alone:
 * - in the fragment or an element, a child that is neither an element nor a text, an element
 *   whose name is no node, a text where no text goes (in the fragment, in a list or a table);
 * - an element's attribute that its node does not have, or with a value it may not hold (a
 *   `colspan` of 21 or 1e6, an `align` that is CSS);
 * - in a text, anything but characters and formatting, and formatting that is no mark or has
 *   attributes the mark may not have (a link without a string `href`).
 * The binding throws on the first kind, deletes the element or the whole text on an unknown node
 * or mark (as the edit of the person who opened the page), and renders the rest, breaking the
 * table code or the page. Loaded apart from the measure page's code (foreignChildren.ts).
 */
export function unrenderable(item: Y.Item, fragment: Y.XmlFragment): boolean {
  const parent: unknown = item.parent;
  const content = item.content;
  if (parent instanceof Y.XmlText) {
    const holder: unknown = parent.parent;
    if (holder !== fragment && !(holder instanceof Y.XmlElement)) return false;
    if (item.parentSub !== null || content instanceof Y.ContentString) return false;
    return !(content instanceof Y.ContentFormat) || markProblem(content.key, content.value) !== null;
  }
  if (parent !== fragment && !(parent instanceof Y.XmlElement)) return false;
  if (item.parentSub !== null) {
    // An attribute (as Yjs reads it: the last value); one of an element that goes anyway is left.
    if (!(parent instanceof Y.XmlElement) || !isNarrativeNode(parent.nodeName)) return false;
    return attributeProblem(parent.nodeName, item.parentSub, content.getContent()[item.length - 1]) !== null;
  }
  const type: unknown = content instanceof Y.ContentType ? content.type : null;
  if (type instanceof Y.XmlElement) return !isNarrativeNode(type.nodeName);
  if (type instanceof Y.XmlText) return !(parent instanceof Y.XmlElement && holdsText(parent.nodeName));
  return true;
}
