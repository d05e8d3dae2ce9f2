import type { Authorship, ClientAuthor } from '../../../shared/history.js';
import type { MinistryCode } from '../../../shared/ministries.js';
import * as Y from 'yjs';

/**
 * Who wrote which part of a narrative, from its Yjs items: every character of a Y.XmlText is an
 * item whose id names the client that inserted it, and the server says who introduced each
 * client id (`GET …/authors`). Nothing here changes the document; the editor only paints it.
 */

/** A stretch of text inserted by one client, in ProseMirror positions. */
export interface ClientRun {
  from: number;
  to: number;
  client: number;
}

/** How the editor renders the document now, as far as positions need it. */
export interface RenderedDoc {
  /** The node a Yjs element is rendered as; undefined when it is not rendered (yet). */
  nodeOf(element: Y.XmlElement<never>): { isLeaf: boolean; nodeSize: number } | undefined;
  /** The document's content size. */
  size: number;
  textBetween(from: number, to: number): string;
}

/**
 * The text's runs by client, in document order, at the positions the editor shows them; null
 * when the editor's document is not in step with the Yjs one (a change not rendered yet): the
 * caller tries again. Iterative, so a deeply nested document cannot exhaust the stack.
 */
export function clientRuns(fragment: Y.XmlFragment, rendered: RenderedDoc): ClientRun[] | null {
  const runs: ClientRun[] = [];
  let pos = 0;
  // The next sibling to visit at each open level; the fragment's own level has no tags.
  const stack: (Y.Item | null)[] = [fragment._start];
  while (stack.length > 0) {
    const item = stack[stack.length - 1] ?? null;
    if (item === null) {
      stack.pop();
      if (stack.length > 0) pos += 1; // the element's closing tag
      continue;
    }
    stack[stack.length - 1] = item.right;
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const type = item.content.type;
    if (type instanceof Y.XmlText) {
      for (let n = type._start; n !== null; n = n.right) {
        if (n.deleted || !n.countable) continue;
        if (n.content instanceof Y.ContentString && rendered.textBetween(pos, pos + n.length) !== n.content.str) return null;
        const last = runs[runs.length - 1];
        if (last && last.to === pos && last.client === n.id.client) last.to += n.length;
        else runs.push({ from: pos, to: pos + n.length, client: n.id.client });
        pos += n.length;
      }
    } else if (type instanceof Y.XmlElement) {
      const node = rendered.nodeOf(type as Y.XmlElement<never>);
      if (!node) return null;
      if (node.isLeaf) {
        pos += node.nodeSize;
        continue;
      }
      pos += 1; // the element's opening tag
      stack.push(type._start);
    }
  }
  return pos === rendered.size ? runs : null;
}

/** Someone who wrote part of the text, as the page names them. */
export interface Writer {
  /** One entry of the legend per key: a person, in this round or carried over, or the imported report. */
  key: string;
  username: string | null;
  name: string | null;
  ministry: MinistryCode | null;
  carriedOver: boolean;
  /** The signed-in person. */
  you: boolean;
}

/** Who the signed-in person is, and the client id their edits in this browser carry (not yet known to the server). */
export interface LocalWriter {
  clientId: number;
  username: string;
  name: string;
  ministry: MinistryCode | null;
}

const UNKNOWN: ClientAuthor = { username: null, name: null, ministry: null, carriedOver: false };

/** Who a client id is: the server's answer, else this browser's own id, else unknown (undefined). */
export function writerOf(client: number, authors: Authorship | null, local: LocalWriter | null): Writer | undefined {
  const known = authors?.clients[String(client)];
  const author = known ?? (local && client === local.clientId ? { ...local, carriedOver: false } : undefined);
  if (!author) return undefined;
  const { username, name, ministry, carriedOver } = author;
  const who = username === null ? (known ? 'import' : 'unknown') : `u:${username}`;
  return { key: `${carriedOver ? 'carried' : 'round'}.${who}`, username, name, ministry, carriedOver, you: username !== null && username === local?.username };
}

/** What the page shows for text whose client the server does not know (yet). */
export const UNKNOWN_WRITER: Writer = { key: 'round.unknown', ...UNKNOWN, you: false };

/** A stretch of text by one writer (runs by several clients of one person joined). */
export interface WriterRun {
  from: number;
  to: number;
  writer: Writer;
}

/**
 * The runs by writer, with the client ids nobody has named (to ask the server again) and how
 * many characters each writer has, most first (for the legend).
 */
export function writerRuns(runs: readonly ClientRun[], authors: Authorship | null, local: LocalWriter | null) {
  const out: WriterRun[] = [];
  const unknown = new Set<number>();
  const totals = new Map<string, { writer: Writer; characters: number }>();
  for (const run of runs) {
    let writer = writerOf(run.client, authors, local);
    if (!writer) {
      unknown.add(run.client);
      writer = UNKNOWN_WRITER;
    }
    const last = out[out.length - 1];
    if (last && last.to === run.from && last.writer.key === writer.key) last.to = run.to;
    else out.push({ from: run.from, to: run.to, writer });
    const total = totals.get(writer.key) ?? { writer, characters: 0 };
    total.characters += run.to - run.from;
    totals.set(writer.key, total);
  }
  const legend = [...totals.values()].sort((a, b) => b.characters - a.characters || a.writer.key.localeCompare(b.writer.key));
  return { runs: out, unknown: [...unknown], legend };
}

export type LegendEntry = ReturnType<typeof writerRuns>['legend'][number];

/** A writer's stretch of the text as words, for reading the authorship without colour. */
export interface WrittenPassage {
  writer: Writer;
  text: string;
}

/** Passages longer than this are cut (with …): the list says who, the editor shows the whole. */
const PASSAGE_CHARS = 300;

/**
 * The text in document order as passages by writer: consecutive runs of one writer are one
 * passage (also across paragraphs); at most `max`, each cut at PASSAGE_CHARS.
 */
export function writtenPassages(runs: readonly WriterRun[], textOf: (from: number, to: number) => string, max = 200): WrittenPassage[] {
  const passages: WrittenPassage[] = [];
  for (const run of runs) {
    const text = textOf(run.from, run.to);
    const last = passages[passages.length - 1];
    if (last && last.writer.key === run.writer.key) last.text += ` ${text}`;
    else if (passages.length < max) passages.push({ writer: run.writer, text });
    else break;
  }
  return passages.map((p) => {
    const text = p.text.replace(/\s+/g, ' ').trim();
    return { writer: p.writer, text: text.length > PASSAGE_CHARS ? `${text.slice(0, PASSAGE_CHARS - 1)}…` : text };
  });
}
