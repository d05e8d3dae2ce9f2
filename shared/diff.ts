import { z } from 'zod';
import { MAX_NARRATIVE_DEPTH } from './limits.js';
import { pmToPlainText } from './narrativeBlocks.js';
import { pmDepth } from './prosemirror.js';
import type { ReportContent, ReportMeasure } from './snapshot.js';
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
  number: z.number().int().positive(),
  /** The title in `after`, or in `before` when the measure is gone. */
  title: z.string(),
  /** Null on the side where the measure is absent. */
  status: z.object({ before: StatusSchema.nullable(), after: StatusSchema.nullable() }),
  /** Anything differs: presence, title, ministries, status, or the narrative (text or formatting). */
  changed: z.boolean(),
  /** The narrative's plain text, word by word; all `same` when the text did not change. */
  narrative: z.array(DiffPartSchema),
});
export type MeasureComparison = z.infer<typeof MeasureComparisonSchema>;

/**
 * Past this many edit steps in one stretch, the search gives up on the shortest edit script and
 * splits at its furthest progress instead (as git's xdiff does), so a narrative rewritten from
 * scratch still diffs in milliseconds. The result stays exact (it reassembles both sides), only
 * possibly not minimal.
 */
const MAX_EDIT_COST = 1024;

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

type Op = 0 | 1 | 2; // same, removed, added
const SAME: Op = 0;
const REMOVED: Op = 1;
const ADDED: Op = 2;

/**
 * The middle of an edit path from a[aLo..aHi) to b[bLo..bHi) (Myers 1986, linear space), as the
 * point the path passes through; both ranges are non-empty and differ at both ends.
 */
function splitPoint(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number): [number, number] {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const offset = maxD + 1;
  const size = 2 * maxD + 3;
  const forward = new Int32Array(size).fill(-1);
  const backward = new Int32Array(size).fill(-1);
  forward[offset + 1] = 0;
  backward[offset + 1] = 0;
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  // Diagonals that ran off the grid are skipped from then on (as diff-match-patch's bisect does).
  let fStart = 0;
  let fEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  const limit = Math.min(maxD, MAX_EDIT_COST);
  for (let d = 0; d < limit; d++) {
    for (let k = -d + fStart; k <= d - fEnd; k += 2) {
      const i = offset + k;
      let x = k === -d || (k !== d && forward[i - 1]! < forward[i + 1]!) ? forward[i + 1]! : forward[i - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      forward[i] = x;
      if (x > n) fEnd += 2;
      else if (y > m) fStart += 2;
      else if (odd) {
        const j = offset + delta - k;
        if (j >= 0 && j < size && backward[j] !== -1 && x >= n - backward[j]!) return [x, y];
      }
    }
    for (let k = -d + bStart; k <= d - bEnd; k += 2) {
      const i = offset + k;
      let u = k === -d || (k !== d && backward[i - 1]! < backward[i + 1]!) ? backward[i + 1]! : backward[i - 1]! + 1;
      let v = u - k;
      while (u < n && v < m && a[aHi - 1 - u] === b[bHi - 1 - v]) {
        u++;
        v++;
      }
      backward[i] = u;
      if (u > n) bEnd += 2;
      else if (v > m) bStart += 2;
      else if (!odd) {
        const j = offset + delta - k;
        if (j >= 0 && j < size && forward[j] !== -1 && forward[j]! >= n - u) return [n - u, m - v];
      }
    }
  }
  // Too costly: split where the forward search got furthest.
  let best: [number, number] = [0, 0];
  for (let k = -limit; k <= limit; k++) {
    const x = forward[offset + k] ?? -1;
    const y = x - k;
    if (x >= 0 && x <= n && y >= 0 && y <= m && x + y > best[0] + best[1]) best = [x, y];
  }
  return best;
}

/** Edit operations turning a into b, in order. */
function editScript(a: Int32Array, b: Int32Array): Op[] {
  const ops: Op[] = [];
  // Explicit stack (LIFO): a range to diff, or a count of equal tokens to emit after its left part.
  type Task = { kind: 'range'; aLo: number; aHi: number; bLo: number; bHi: number } | { kind: 'same'; count: number };
  const stack: Task[] = [{ kind: 'range', aLo: 0, aHi: a.length, bLo: 0, bHi: b.length }];
  while (stack.length > 0) {
    const task = stack.pop()!;
    if (task.kind === 'same') {
      for (let i = 0; i < task.count; i++) ops.push(SAME);
      continue;
    }
    let { aLo, aHi, bLo, bHi } = task;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      ops.push(SAME);
      aLo++;
      bLo++;
    }
    let suffix = 0;
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
      suffix++;
      aHi--;
      bHi--;
    }
    if (aLo === aHi || bLo === bHi) {
      for (let i = aLo; i < aHi; i++) ops.push(REMOVED);
      for (let i = bLo; i < bHi; i++) ops.push(ADDED);
      for (let i = 0; i < suffix; i++) ops.push(SAME);
      continue;
    }
    const [x, y] = splitPoint(a, aLo, aHi, b, bLo, bHi);
    const n = aHi - aLo;
    const m = bHi - bLo;
    const stuck = (x === 0 && y === 0) || (x === n && y === m);
    if (stuck) {
      // Cannot happen for ranges that differ at both ends; kept so a bug degrades, never loops.
      for (let i = aLo; i < aHi; i++) ops.push(REMOVED);
      for (let i = bLo; i < bHi; i++) ops.push(ADDED);
      for (let i = 0; i < suffix; i++) ops.push(SAME);
      continue;
    }
    stack.push({ kind: 'same', count: suffix });
    stack.push({ kind: 'range', aLo: aLo + x, aHi, bLo: bLo + y, bHi });
    stack.push({ kind: 'range', aLo, aHi: aLo + x, bLo, bHi: bLo + y });
  }
  return ops;
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
  const ids = new Map<string, number>();
  const intern = (tokens: string[]): Int32Array => {
    const out = new Int32Array(tokens.length);
    tokens.forEach((token, i) => {
      let id = ids.get(token);
      if (id === undefined) {
        id = ids.size;
        ids.set(token, id);
      }
      out[i] = id;
    });
    return out;
  };
  const ops = editScript(intern(beforeTokens), intern(afterTokens));

  const raw: DiffPart[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op === SAME) {
      raw.push({ kind: 'same', text: beforeTokens[i++]! });
      j++;
    } else if (op === REMOVED) raw.push({ kind: 'removed', text: beforeTokens[i++]! });
    else raw.push({ kind: 'added', text: afterTokens[j++]! });
  }
  return cleanUp(raw);
}

type Stretch = { kind: 'same'; text: string } | { kind: 'change'; removed: string; added: string };

/**
 * Merges runs into readable parts. Shared text that is only whitespace between two changes, or
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
    };
  });
}
