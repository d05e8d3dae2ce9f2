import { diffArrays } from 'diff';
import * as z from 'zod/mini';
import { MAX_NARRATIVE_DEPTH } from './limits.js';
import { pmToPlainText } from './narrativeBlocks.js';
import { pmDepth } from './prosemirror.js';
import type { ReportContent, ReportMeasure } from './snapshotContent.js';
import { StatusSchema } from './status.js';

/**
 * Word-level comparison of two versions of a report (two snapshots, or a snapshot and the live
 * round): what the coordinator reads to see what changed between rounds or since the deadline.
 */

export const DIFF_KINDS = ['same', 'added', 'removed'] as const;

export const DiffPartSchema = z.object({
  kind: z.enum(DIFF_KINDS),
  text: z.string(),
});
export type DiffPart = z.infer<typeof DiffPartSchema>;

export const MeasureComparisonSchema = z.object({
  number: z.int().check(z.positive()),
  /** The title in `after`, or in `before` when the measure is gone. */
  title: z.string(),
  /** Null on the side where the measure is absent. */
  status: z.object({ before: z.nullable(StatusSchema), after: z.nullable(StatusSchema) }),
  /** Anything differs: presence, title, ministries, status, plan text, or the narrative (text or formatting). */
  changed: z.boolean(),
  /** The narrative's plain text, word by word; all `same` when the text did not change. */
  narrative: z.array(DiffPartSchema),
  /** The plan's own text for the measure, word by word, the same way (empty on a side without it). */
  planText: z.array(DiffPartSchema),
});
export type MeasureComparison = z.infer<typeof MeasureComparisonSchema>;

/**
 * Past this many word edits, jsdiff gives up on the shortest edit script (its `maxEditLength`),
 * so a narrative rewritten from scratch still diffs in milliseconds: the text between the shared
 * start and end is then shown as removed and added whole. The result stays exact either way.
 */
const MAX_EDIT_LENGTH = 1000;

/** Plain text of a ProseMirror document, as every reader gives it. */
export { pmToPlainText };

/**
 * Words and punctuation runs, each with the whitespace after it (and whitespace at the very start
 * on its own); concatenated they give the text back. Whitespace rides with its word so the diff
 * matches words, not the spaces between unrelated ones.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+\s*|[^\p{L}\p{M}\p{N}\s]+\s*|\s+/gu;

function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** The tokens both sides start and end with, and the changed middle as one removal and one addition. */
function wholeChange(before: string[], after: string[]): DiffPart[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return [
    { kind: 'same', text: before.slice(0, start).join('') },
    { kind: 'removed', text: before.slice(start, before.length - end).join('') },
    { kind: 'added', text: after.slice(start, after.length - end).join('') },
    { kind: 'same', text: before.slice(before.length - end).join('') },
  ];
}

/**
 * Word-level diff: the parts, in order, that `before` and `after` share, and what was removed and
 * added. Same + removed parts concatenated give `before`; same + added parts give `after`.
 * Adjacent parts of one kind are merged; within a changed stretch the removed text comes first.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }];
  const beforeTokens = tokenize(before);
  const afterTokens = tokenize(after);
  // jsdiff's diffArrays on our own tokens: its diffWords joins whitespace differently.
  const changes = diffArrays(beforeTokens, afterTokens, { maxEditLength: MAX_EDIT_LENGTH });
  const raw: DiffPart[] = changes
    ? changes.map((change) => ({ kind: change.added ? 'added' : change.removed ? 'removed' : 'same', text: change.value.join('') }))
    : wholeChange(beforeTokens, afterTokens);
  return cleanUp(raw.filter((part) => part.text !== ''));
}

type Stretch = { kind: 'same'; text: string } | { kind: 'change'; removed: string; added: string };

/**
 * Merges runs into readable parts (kept by hand: jsdiff has no semantic cleanup like
 * diff-match-patch's, and it is the part that makes a word diff readable). Shared text that is only whitespace between two changes, or
 * no longer than the changes on both sides of it (the "og" and "i" a rewritten paragraph happens
 * to share with the old one), joins the change around it, as diff-match-patch's semantic cleanup
 * does; what is left is one removed part then one added part per changed stretch.
 */
function cleanUp(raw: DiffPart[]): DiffPart[] {
  let stretches: Stretch[] = [];
  const append = (list: Stretch[], stretch: Stretch): void => {
    const last = list[list.length - 1];
    if (last?.kind === 'same' && stretch.kind === 'same') last.text += stretch.text;
    else if (last?.kind === 'change' && stretch.kind === 'change') {
      last.removed += stretch.removed;
      last.added += stretch.added;
    } else list.push({ ...stretch });
  };
  for (const part of raw) {
    if (part.kind === 'same') append(stretches, { kind: 'same', text: part.text });
    else if (part.kind === 'removed') append(stretches, { kind: 'change', removed: part.text, added: '' });
    else append(stretches, { kind: 'change', removed: '', added: part.text });
  }
  const size = (stretch: Stretch): number => (stretch.kind === 'change' ? Math.max(stretch.removed.length, stretch.added.length) : 0);
  // Each pass can make a change bigger and so swallow the shared text before it: repeat until stable.
  for (let merged = true; merged; ) {
    merged = false;
    const next: Stretch[] = [];
    for (const stretch of stretches) {
      const shared = next[next.length - 1];
      const before = next[next.length - 2];
      if (stretch.kind === 'change' && shared?.kind === 'same' && before?.kind === 'change') {
        const length = shared.text.length;
        if (shared.text.trim() === '' || (length <= size(before) && length <= size(stretch))) {
          next.pop();
          before.removed += shared.text + stretch.removed;
          before.added += shared.text + stretch.added;
          merged = true;
          continue;
        }
      }
      append(next, stretch);
    }
    stretches = next;
  }
  const out: DiffPart[] = [];
  let carry = '';
  for (const stretch of stretches) {
    if (stretch.kind === 'same') {
      out.push({ kind: 'same', text: carry + stretch.text });
      carry = '';
      continue;
    }
    if (carry !== '') out.push({ kind: 'same', text: carry });
    // Whitespace that ends both sides of a replacement is shared: show it as such ("Løpende" → "Gjennomført").
    let { removed, added } = stretch;
    carry = '';
    while (removed !== '' && added !== '' && /\s$/u.test(removed) && removed.at(-1) === added.at(-1)) {
      carry = removed.at(-1)! + carry;
      removed = removed.slice(0, -1);
      added = added.slice(0, -1);
    }
    if (removed !== '') out.push({ kind: 'removed', text: removed });
    if (added !== '') out.push({ kind: 'added', text: added });
  }
  if (carry !== '') out.push({ kind: 'same', text: carry });
  return out;
}

/** JSON with object keys sorted, so equal documents compare equal whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : inner,
  );
}

function measureChanged(before: ReportMeasure | undefined, after: ReportMeasure | undefined, textChanged: boolean): boolean {
  if (!before || !after) return true;
  return (
    textChanged ||
    before.title !== after.title ||
    before.status !== after.status ||
    before.ministries.join() !== after.ministries.join() ||
    (before.planText ?? '') !== (after.planText ?? '') ||
    narrativeKey(before) !== narrativeKey(after)
  );
}

/**
 * What decides whether a narrative changed: its JSON with sorted keys, or its exact Yjs state
 * when the JSON is not readable (nested too deep to serialise, or marked not renderable).
 */
function narrativeKey(measure: ReportMeasure): string {
  if (measure.renderable === false || pmDepth(measure.narrative, MAX_NARRATIVE_DEPTH) > MAX_NARRATIVE_DEPTH) return `yjs:${measure.yjsState}`;
  return canonicalJson(measure.narrative);
}

/** Every measure number present in either report, in number order, with what changed between them. */
export function compareReports(before: ReportContent, after: ReportContent): MeasureComparison[] {
  const beforeByNumber = new Map(before.measures.map((measure) => [measure.number, measure]));
  const afterByNumber = new Map(after.measures.map((measure) => [measure.number, measure]));
  const numbers = [...new Set([...beforeByNumber.keys(), ...afterByNumber.keys()])].sort((x, y) => x - y);
  return numbers.map((number) => {
    const old = beforeByNumber.get(number);
    const current = afterByNumber.get(number);
    const oldText = old ? pmToPlainText(old.narrative) : '';
    const newText = current ? pmToPlainText(current.narrative) : '';
    return {
      number,
      title: current?.title ?? old?.title ?? '',
      status: { before: old?.status ?? null, after: current?.status ?? null },
      changed: measureChanged(old, current, oldText !== newText),
      narrative: diffWords(oldText, newText),
      planText: diffWords(old?.planText ?? '', current?.planText ?? ''),
    };
  });
}
