import { getSchema } from '@tiptap/core';
import { Node as PmNode } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import type { Authorship } from '../../shared/history.js';
import { clientRuns, writerRuns, writtenPassages, type ClientRun, type LocalWriter } from '../../client/src/history/authorship.js';
import { writerClass, writerName, writerPassageTitle } from '../../client/src/history/writerWords.js';

const schema = getSchema([StarterKit.configure({ undoRedo: false })]);

/** How a y-tiptap mapping renders an element (it types its nodes as any). */
const nodeOfMapping =
  (mapping: Map<unknown, unknown>) =>
  (element: Y.XmlElement<never>): PmNode | undefined => {
    const node: unknown = mapping.get(element);
    return node instanceof PmNode ? node : undefined;
  };

/** A Y.Doc whose client id is fixed, so runs can be named by it. */
function docOf(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** Sends everything `from` has that `to` lacks. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function paragraph(doc: Y.Doc, text: string, at?: number): Y.XmlText {
  const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
  const element = new Y.XmlElement('paragraph');
  const content = new Y.XmlText(text);
  element.insert(0, [content]);
  fragment.insert(at ?? fragment.length, [element]);
  return content;
}

/** The runs as the editor would render the document, and the text of each run. */
function runsOf(doc: Y.Doc): { runs: ClientRun[] | null; texts: string[] } {
  const fragment = doc.getXmlFragment(NARRATIVE_FIELD);
  const { doc: pm, mapping } = initProseMirrorDoc(fragment, schema);
  const runs = clientRuns(fragment, {
    nodeOf: nodeOfMapping(mapping),
    size: pm.content.size,
    textBetween: (from, to) => (to <= pm.content.size ? pm.textBetween(from, to) : ''),
  });
  return { runs, texts: runs?.map((run) => pm.textBetween(run.from, run.to)) ?? [] };
}

describe('who wrote which part of the narrative, from its Yjs items', () => {
  it('names each stretch of text by the client that inserted it, at the editor’s positions, also inside lists and around line breaks', () => {
    const ola = docOf(1);
    const kari = docOf(2);
    const first = paragraph(ola, 'Ola skrev dette.');
    sync(ola, kari);
    // Kari writes in the middle of Ola's sentence and adds a list with a line break in it.
    const karisCopy = (kari.getXmlFragment(NARRATIVE_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    karisCopy.insert(3, ' og Kari');
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    const inner = new Y.XmlElement('paragraph');
    const before = new Y.XmlText('Punkt');
    const hardBreak = new Y.XmlElement('hardBreak');
    const after = new Y.XmlText('neste linje');
    inner.insert(0, [before, hardBreak, after]);
    item.insert(0, [inner]);
    list.insert(0, [item]);
    kari.getXmlFragment(NARRATIVE_FIELD).insert(1, [list]);
    sync(kari, ola);
    // Ola deletes a word of his own: deleted items are not text any more.
    first.delete(first.length - 7, 6);

    const { runs, texts } = runsOf(ola);
    expect(runs?.map((run) => run.client)).toEqual([1, 2, 1, 2, 2]);
    expect(texts).toEqual(['Ola', ' og Kari', ' skrev.', 'Punkt', 'neste linje']);
  });

  it('answers null when the editor’s document is not the Yjs one (a change not rendered yet)', () => {
    const ola = docOf(1);
    paragraph(ola, 'Først.');
    const fragment = ola.getXmlFragment(NARRATIVE_FIELD);
    const { doc: pm, mapping } = initProseMirrorDoc(fragment, schema);
    paragraph(ola, 'Så kom dette.');
    const nodeOf = nodeOfMapping(mapping);
    expect(clientRuns(fragment, { nodeOf, size: pm.content.size, textBetween: (a, b) => pm.textBetween(a, Math.min(b, pm.content.size)) })).toBeNull();
    // Same size, other text: still not in step.
    const same = docOf(3);
    paragraph(same, 'Først.');
    const rendered = initProseMirrorDoc(same.getXmlFragment(NARRATIVE_FIELD), schema);
    const other = schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Andre.' }] }] });
    expect(
      clientRuns(same.getXmlFragment(NARRATIVE_FIELD), {
        nodeOf: nodeOfMapping(rendered.mapping),
        size: other.content.size,
        textBetween: (a, b) => other.textBetween(a, b),
      }),
    ).toBeNull();
  });

  it('joins a person’s clients, tells carried-over text and the imported report apart, and lists the ids nobody named', () => {
    const authors: Authorship = {
      clients: {
        '1': { username: 'ola', name: 'Ola Nordmann', ministry: 'JD', carriedOver: false },
        '2': { username: 'ola', name: 'Ola Nordmann', ministry: 'JD', carriedOver: false },
        '3': { username: 'ola', name: 'Ola Nordmann', ministry: 'JD', carriedOver: true },
        '4': { username: null, name: null, ministry: null, carriedOver: true },
      },
    };
    const local: LocalWriter = { clientId: 9, username: 'kari', name: 'Kari', ministry: 'BLD' };
    const runs: ClientRun[] = [
      { from: 1, to: 5, client: 1 },
      { from: 5, to: 8, client: 2 },
      { from: 8, to: 10, client: 3 },
      { from: 12, to: 20, client: 4 },
      { from: 20, to: 22, client: 9 },
      { from: 22, to: 23, client: 77 },
    ];
    const painted = writerRuns(runs, authors, local);
    expect(painted.runs.map((r) => [r.from, r.to, r.writer.key])).toEqual([
      [1, 8, 'round.u:ola'],
      [8, 10, 'carried.u:ola'],
      [12, 20, 'carried.import'],
      [20, 22, 'round.u:kari'],
      [22, 23, 'round.unknown'],
    ]);
    expect(painted.unknown).toEqual([77]);
    expect(painted.legend.map((entry) => [entry.writer.key, entry.characters])).toEqual([
      ['carried.import', 8],
      ['round.u:ola', 7],
      ['carried.u:ola', 2],
      ['round.u:kari', 2],
      ['round.unknown', 1],
    ]);
    const [ola, olaBefore, imported, kari, unknown] = painted.runs.map((r) => r.writer);
    expect(writerName(ola!)).toBe('Ola Nordmann (JD)');
    expect(writerPassageTitle(olaBefore!)).toBe('Fra forrige runde – skrevet av Ola Nordmann (JD)');
    expect(writerName(imported!)).toBe('Den importerte rapporten');
    expect(kari!.you).toBe(true);
    expect(writerName(unknown!)).toBe('Ukjent');
    expect(writerClass(ola!)).toBe('authored authored--jd');
    expect(writerClass(olaBefore!)).toBe('authored authored--jd authored--carried');
    expect(writerClass(imported!)).toBe('authored authored--imported authored--carried');
    expect(writerClass(unknown!)).toBe('authored authored--unknown');

    // In words, in document order: one passage per stretch of one writer, across paragraphs too.
    const text = 'abcdefghijklmnopqrstuvw';
    const passages = writtenPassages(painted.runs, (from, to) => text.slice(from, to));
    expect(passages.map((p) => [p.writer.key, p.text])).toEqual([
      ['round.u:ola', 'bcdefgh'],
      ['carried.u:ola', 'ij'],
      ['carried.import', 'mnopqrst'],
      ['round.u:kari', 'uv'],
      ['round.unknown', 'w'],
    ]);
    const split = writtenPassages([{ from: 0, to: 3, writer: ola! }, { from: 5, to: 8, writer: ola! }], (from, to) => text.slice(from, to), 1);
    expect(split).toEqual([{ writer: ola, text: 'abc fgh' }]);
    expect(writtenPassages([{ from: 0, to: 400, writer: ola! }], () => 'x'.repeat(400))[0]!.text).toHaveLength(300);
  });
});
