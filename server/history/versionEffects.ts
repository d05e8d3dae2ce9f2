import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as Y from 'yjs';
import { diffWords } from '../../shared/diff.js';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';

/** Clock ranges `[from, to)` per client id; sorted and merged before they are read. */
class Ranges {
  private readonly byClient = new Map<number, [number, number][]>();
  private sorted = true;

  add(client: number, from: number, to: number): void {
    const list = this.byClient.get(client);
    if (list) list.push([from, to]);
    else this.byClient.set(client, [[from, to]]);
    this.sorted = false;
  }

  /** The client's ranges, disjoint and in clock order. */
  of(client: number): readonly [number, number][] {
    if (!this.sorted) {
      for (const [key, list] of this.byClient) {
        list.sort((a, b) => a[0] - b[0]);
        const merged: [number, number][] = [];
        for (const range of list) {
          const last = merged[merged.length - 1];
          if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
          else merged.push([range[0], range[1]]);
        }
        this.byClient.set(key, merged);
      }
      this.sorted = true;
    }
    return this.byClient.get(client) ?? [];
  }

  /** Index of the first range of the client ending after `clock`. */
  private firstEndingAfter(list: readonly [number, number][], clock: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]![1] <= clock) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  covers(client: number, clock: number): boolean {
    const list = this.of(client);
    const range = list[this.firstEndingAfter(list, clock)];
    return range !== undefined && range[0] <= clock;
  }

  /** Range starts and ends strictly inside `[from, to)`. */
  edgesWithin(client: number, from: number, to: number, into: Set<number>): void {
    const list = this.of(client);
    for (let i = this.firstEndingAfter(list, from); i < list.length; i++) {
      const [start, end] = list[i]!;
      if (start >= to) break;
      if (start > from) into.add(start);
      if (end < to) into.add(end);
    }
  }
}

/**
 * What one version's own updates did to a document: the structs they inserted and the
 * deletions they made. Others may have written meanwhile; only these count as the version's.
 */
export class VersionEffects {
  private readonly inserted = new Ranges();
  private readonly deleted = new Ranges();

  /** Adds one of the version's stored updates. */
  add(update: Uint8Array): void {
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) this.inserted.add(struct.id.client, struct.id.clock, struct.id.clock + struct.length);
    for (const [client, deletions] of ds.clients) for (const { clock, len } of deletions) this.deleted.add(client, clock, clock + len);
  }

  isInserted(client: number, clock: number): boolean {
    return this.inserted.covers(client, clock);
  }

  isDeleted(client: number, clock: number): boolean {
    return this.deleted.covers(client, clock);
  }

  /** Clocks inside `[from, to)` where what the version did to a client's structs may change, in order. */
  cuts(client: number, from: number, to: number): number[] {
    const cuts = new Set<number>();
    this.inserted.edgesWithin(client, from, to, cuts);
    this.deleted.edgesWithin(client, from, to, cuts);
    return [...cuts].sort((a, b) => a - b);
  }
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

function words(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/**
 * Words a version added and removed, counted as the compare page counts them (the word diff,
 * here of each paragraph's text) between the narrative as the version found it and as it left it, where
 * both leave out what others did meanwhile: text others inserted is on both sides, text others
 * deleted on neither. `doc` is the document right after the version's last update, built
 * without garbage collection so that deleted text can still be read, and left unchanged until
 * this resolves; nothing here recurses. Background work: after about `sliceMs` at a time it lets
 * the event loop go first.
 */
export async function versionWords(doc: Y.Doc, effects: VersionEffects, sliceMs: number): Promise<{ wordsAdded: number; wordsRemoved: number }> {
  let until = performance.now() + sliceMs;
  let steps = 0;
  const pause = async (): Promise<void> => {
    if (performance.now() < until) return;
    await yieldToEventLoop();
    until = performance.now() + sliceMs;
  };
  const before: string[] = [''];
  const after: string[] = [''];
  // Each entry: the first item of a list of siblings, and whether each side still includes them.
  const stack: { item: Y.Item | null; before: boolean; after: boolean }[] = [
    { item: (doc.getXmlFragment(NARRATIVE_FIELD) as unknown as { _start: Y.Item | null })._start, before: true, after: true },
  ];
  while (stack.length > 0) {
    if (++steps % 256 === 0) await pause();
    const open = stack[stack.length - 1]!;
    const item = open.item;
    if (item === null) {
      stack.pop();
      continue;
    }
    open.item = item.right;
    const { client, clock } = item.id;
    const content = item.content;
    if (content instanceof Y.ContentType) {
      const inBefore = open.before && !effects.isInserted(client, clock) && (!item.deleted || effects.isDeleted(client, clock));
      const inAfter = open.after && !item.deleted;
      if (!inBefore && !inAfter) continue;
      const type = content.type as unknown as { _start: Y.Item | null };
      if (content.type instanceof Y.XmlText) {
        before.push('');
        after.push('');
      }
      stack.push({ item: type._start, before: inBefore, after: inAfter });
      continue;
    }
    if (!(content instanceof Y.ContentString)) continue;
    // One item may hold text of several updates (Yjs merges neighbours): cut it where the version's effects change.
    const text = content.str;
    let offset = 0;
    for (const cut of [...effects.cuts(client, clock, clock + item.length), clock + item.length]) {
      const piece = text.slice(offset, cut - clock);
      const at = clock + offset;
      offset = cut - clock;
      if (open.before && !effects.isInserted(client, at) && (!item.deleted || effects.isDeleted(client, at))) before[before.length - 1] += piece;
      if (open.after && !item.deleted) after[after.length - 1] += piece;
    }
  }
  // `before[i]` and `after[i]` are one text node on both sides: diffed node by node (Yjs moves no
  // text between nodes), a version of scattered edits in a long narrative costs a diff of each
  // paragraph it touched, not one diff of the whole text with every edit in it.
  let wordsAdded = 0;
  let wordsRemoved = 0;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) continue;
    await pause();
    for (const part of diffWords(before[i]!, after[i]!)) {
      if (part.kind === 'added') wordsAdded += words(part.text);
      if (part.kind === 'removed') wordsRemoved += words(part.text);
    }
  }
  return { wordsAdded, wordsRemoved };
}
