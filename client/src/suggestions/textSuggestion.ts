import { diffChars } from 'diff';
import type { ImportSuggestion } from '../../../shared/plan.js';

/** Where an importer's suggestion stands in the text of its field now. */
export type SuggestionState =
  /** `find` is there once: the suggestion can be applied. */
  | 'pending'
  /** `find` is gone (or left only inside `replace`): applied, by its button or by hand. */
  | 'applied'
  /** `find` is there more than once now: which place was meant is for a person to decide. */
  | 'ambiguous';

type FindReplace = Pick<ImportSuggestion, 'find' | 'replace'>;

/**
 * Where `find` occurs in `text`, leaving out the places where it is part of `replace`: a
 * correction that keeps the damaged text inside it ("1 i forskrift" → "§ 1 i forskrift") counts
 * as applied once made.
 */
export function pendingOccurrences(text: string, { find, replace }: FindReplace): number[] {
  const inside: number[] = [];
  for (let k = replace.indexOf(find); k >= 0; k = replace.indexOf(find, k + 1)) inside.push(k);
  const found: number[] = [];
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + 1)) {
    if (!inside.some((k) => at >= k && text.startsWith(replace, at - k))) found.push(at);
  }
  return found;
}

/** Where the suggestion stands in `text`. */
export function suggestionState(text: string, suggestion: FindReplace): SuggestionState {
  const count = pendingOccurrences(text, suggestion).length;
  return count === 0 ? 'applied' : count === 1 ? 'pending' : 'ambiguous';
}

/** `text` with the suggestion applied, or null unless it is pending (see `suggestionState`). */
export function applyToText(text: string, suggestion: FindReplace): string | null {
  const found = pendingOccurrences(text, suggestion);
  if (found.length !== 1) return null;
  const at = found[0]!;
  return text.slice(0, at) + suggestion.replace + text.slice(at + suggestion.find.length);
}

/** One change inside `find`: at a position of `find`, delete so many characters and insert a text. */
export interface CharEdit {
  at: number;
  deleteCount: number;
  insert: string;
}

/**
 * The characters that turn `find` into `replace` (jsdiff, by code point), as edits in the order
 * of `find`: "( domestic workers )" → "(domestic workers)" deletes two spaces and keeps the rest.
 * In a shared document the characters kept keep their formatting and the comments anchored to them.
 */
export function charEdits(find: string, replace: string): CharEdit[] {
  const edits: CharEdit[] = [];
  let at = 0;
  for (const part of diffChars(find, replace)) {
    if (!part.added && !part.removed) {
      at += part.value.length;
      continue;
    }
    const last = edits[edits.length - 1];
    // A removal and an addition at one place are one replacement.
    const edit = last && last.at + last.deleteCount === at ? last : { at, deleteCount: 0, insert: '' };
    if (edit !== last) edits.push(edit);
    if (part.removed) {
      edit.deleteCount += part.value.length;
      at += part.value.length;
    } else {
      edit.insert += part.value;
    }
  }
  return edits;
}
