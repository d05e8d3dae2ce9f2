import * as Y from 'yjs';
import type { ImportSuggestion } from '../../../shared/plan.js';
import { charEdits, pendingOccurrences, type SuggestionState } from './textSuggestion.js';

/** Stands for an embedded object in a Y.XmlText, which takes one position as a character does. */
const EMBED = '\uFFFC';

/** Origin of the transaction that applies a suggestion: an edit of this browser's, as typing is. */
export const SUGGESTION_ORIGIN = 'import-suggestion';

type Delta = { insert: unknown; attributes?: Record<string, unknown> }[];

/** A Y.XmlText's characters, at the positions the Y.XmlText itself counts. */
function plainText(text: Y.XmlText): string {
  let plain = '';
  for (const op of text.toDelta() as Delta) plain += typeof op.insert === 'string' ? op.insert : EMBED;
  return plain;
}

/**
 * Every Y.XmlText of a narrative in document order, found without recursion: y-prosemirror keeps
 * a paragraph's (or heading's) text in one Y.XmlText, its marks as formatting attributes.
 */
function textsOf(fragment: Y.XmlFragment): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  const stack: { children: unknown[]; next: number }[] = [{ children: fragment.toArray(), next: 0 }];
  while (stack.length > 0) {
    const open = stack[stack.length - 1]!;
    const child = open.children[open.next++];
    if (child === undefined) {
      stack.pop();
    } else if (child instanceof Y.XmlText) {
      texts.push(child);
    } else if (child instanceof Y.XmlElement) {
      stack.push({ children: child.toArray(), next: 0 });
    }
  }
  return texts;
}

/** Where a suggestion stands in a narrative, and its one place while it is pending. */
export interface NarrativeFinding {
  state: SuggestionState;
  place: { text: Y.XmlText; index: number } | null;
}

/**
 * Looks for the suggestion's `find` in the narrative, inside one Y.XmlText (one paragraph, as
 * the importer promises), leaving out places where it is part of `replace`.
 */
export function findInNarrative(fragment: Y.XmlFragment, suggestion: Pick<ImportSuggestion, 'find' | 'replace'>): NarrativeFinding {
  let place: NarrativeFinding['place'] = null;
  let count = 0;
  for (const text of textsOf(fragment)) {
    const found = pendingOccurrences(plainText(text), suggestion);
    count += found.length;
    if (count > 1) return { state: 'ambiguous', place: null };
    if (found.length === 1) place = { text, index: found[0]! };
  }
  return place ? { state: 'pending', place } : { state: 'applied', place: null };
}

/** The formatting (y-prosemirror's marks) of the character at `index`. */
function formattingAt(text: Y.XmlText, index: number): Record<string, unknown> {
  let at = 0;
  for (const op of text.toDelta() as Delta) {
    at += typeof op.insert === 'string' ? op.insert.length : 1;
    if (index < at) return { ...op.attributes };
  }
  return {};
}

/**
 * Applies a suggestion to the narrative in one transaction, decided on the document as it is
 * then: only the characters that differ change (see `charEdits`), and each text inserted takes
 * the formatting of its place (of the first character it replaces, else of the one it follows
 * inside `find`), so bold stays bold and a link stays a link. Returns false when the suggestion
 * is not pending.
 */
export function applyInNarrative(doc: Y.Doc, fragment: Y.XmlFragment, suggestion: Pick<ImportSuggestion, 'find' | 'replace'>): boolean {
  let applied = false;
  doc.transact(() => {
    const { place } = findInNarrative(fragment, suggestion);
    if (!place) return;
    const { text, index } = place;
    // Formatting is read before anything changes; edits go from the end, so positions hold.
    const edits = charEdits(suggestion.find, suggestion.replace).map((edit) => ({
      ...edit,
      formatting: formattingAt(text, index + (edit.deleteCount > 0 || edit.at === 0 ? edit.at : edit.at - 1)),
    }));
    for (const edit of edits.reverse()) {
      if (edit.deleteCount > 0) text.delete(index + edit.at, edit.deleteCount);
      if (edit.insert !== '') text.insert(index + edit.at, edit.insert, edit.formatting);
    }
    applied = true;
  }, SUGGESTION_ORIGIN);
  return applied;
}
