import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { StarterKit } from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { LINK_OPTIONS } from '../../client/src/editor/links.js';
import { TABLE_EXTENSIONS } from '../../shared/editorNodes.js';
import { MAX_COMBINING_RUN } from '../../shared/limits.js';
import {
  attributeProblem,
  combiningRunProblem,
  holdsText,
  isNarrativeNode,
  markAttributeNames,
  markProblem,
  NARRATIVE_MARKS,
  NARRATIVE_NODES,
  nodeAttributeNames,
} from '../../shared/narrativeSchema.js';
import { editorSchema } from '../../server/history/restoreEdit.js';

/**
 * shared/narrativeSchema.ts lists, as plain data, what the editor's ProseMirror schema has: the
 * server's update guard refuses anything else, and the client reads with it. Both are checked
 * here against the real schema (as the server builds it to restore a version, and with the
 * client's link options), name for name, so that neither can drift from the editor.
 */

const sorted = (names: Iterable<string>): string[] => [...names].sort();

const SCHEMAS: [string, () => Schema][] = [
  ["the server's (restoreEdit.ts)", editorSchema],
  ["the client's link options", () => getSchema([StarterKit.configure({ undoRedo: false, link: LINK_OPTIONS }), ...TABLE_EXTENSIONS])],
];

describe.each(SCHEMAS)('the shared narrative schema is the editor schema: %s', (_name, build) => {
  const schema = build();
  /** The document is the narrative fragment and text a Y.XmlText: every other node is a Y.XmlElement. */
  const elements = Object.keys(schema.nodes).filter((name) => name !== schema.topNodeType.name && name !== 'text');

  it('the same nodes, each with the same attributes and the same say on holding text', () => {
    expect(schema.topNodeType.name).toBe('doc');
    expect(sorted(NARRATIVE_NODES)).toEqual(sorted(elements));
    for (const name of elements) {
      const type = schema.nodes[name]!;
      expect(isNarrativeNode(name)).toBe(true);
      expect({ name, attributes: sorted(nodeAttributeNames(name)) }).toEqual({ name, attributes: sorted(Object.keys(type.spec.attrs ?? {})) });
      expect({ name, text: holdsText(name) }).toEqual({ name, text: type.isTextblock });
    }
  });

  it('the same marks, each with the same attributes, each excluding itself (so y-prosemirror names it plainly)', () => {
    expect(sorted(NARRATIVE_MARKS)).toEqual(sorted(Object.keys(schema.marks)));
    for (const [name, type] of Object.entries(schema.marks)) {
      expect({ name, attributes: sorted(markAttributeNames(name)) }).toEqual({ name, attributes: sorted(Object.keys(type.spec.attrs ?? {})) });
      expect({ name, excludesItself: type.excludes(type) }).toEqual({ name, excludesItself: true });
    }
  });

  it("takes every attribute's default, as y-prosemirror writes it", () => {
    for (const name of elements) {
      for (const [key, spec] of Object.entries(schema.nodes[name]!.spec.attrs ?? {})) {
        const value: unknown = (spec as { default?: unknown }).default;
        expect({ name, key, problem: attributeProblem(name, key, value) }).toEqual({ name, key, problem: null });
      }
    }
    for (const [name, type] of Object.entries(schema.marks)) {
      const attrs = type.create(name === 'link' ? { href: 'https://www.regjeringen.no' } : null).attrs;
      expect({ name, problem: markProblem(name, attrs) }).toEqual({ name, problem: null });
    }
  });
});

describe('what the shared narrative schema refuses', () => {
  it('nodes, attributes and values the editor does not have', () => {
    for (const name of ['script', 'img', 'doc', 'text', '', '__proto__', 'constructor', 'toString']) expect(isNarrativeNode(name)).toBe(false);
    expect(holdsText('blockquote')).toBe(false);
    expect(holdsText('constructor')).toBe(false);
    expect(attributeProblem('script', 'src', 'x')).toBe('"script" is not a node the editor has');
    expect(attributeProblem('paragraph', 'textAlign', 'left')).toBe('"textAlign" is not an attribute of paragraph');
    expect(attributeProblem('paragraph', '__proto__', 'left')).toBe('"__proto__" is not an attribute of paragraph');
    for (const colspan of [0, 21, 100_000, 1e6, '1e9', 1.5, null]) expect(attributeProblem('tableCell', 'colspan', colspan)).toMatch(/^tableCell colspan is not/);
    expect(attributeProblem('tableHeader', 'rowspan', 501)).toMatch(/^tableHeader rowspan is not/);
    for (const colwidth of [[-1], [1.5], [10_001], ['100'], Array.from({ length: 21 }, () => 100), 100, {}]) {
      expect(attributeProblem('tableCell', 'colwidth', colwidth)).toMatch(/^tableCell colwidth is not/);
    }
    expect(attributeProblem('tableCell', 'align', 'left; position:fixed; inset:0; z-index:2147483647')).toMatch(/^tableCell align is not/);
    for (const level of [0, 7, '1', 2.5]) expect(attributeProblem('heading', 'level', level)).toMatch(/^heading level is not/);
    for (const start of [Number.NaN, 1e15, '3', 2.5]) expect(attributeProblem('orderedList', 'start', start)).toMatch(/^orderedList start is not/);
    for (const language of ['java script', 'x'.repeat(65), 7]) expect(attributeProblem('codeBlock', 'language', language)).toMatch(/^codeBlock language is not/);
  });

  it('what it takes', () => {
    for (const [node, key, value] of [
      ['tableCell', 'colspan', 20],
      ['tableCell', 'rowspan', 500],
      ['tableCell', 'colwidth', [120, 0]],
      ['tableHeader', 'colwidth', null],
      ['tableCell', 'align', 'justify'],
      ['tableCell', 'align', null],
      ['heading', 'level', 6],
      ['orderedList', 'start', 3],
      ['orderedList', 'start', 0],
      ['orderedList', 'type', 'a'],
      ['codeBlock', 'language', 'typescript'],
    ] as const) {
      expect({ node, key, problem: attributeProblem(node, key, value) }).toEqual({ node, key, problem: null });
    }
  });

  it('marks the editor does not have, and links without a string href', () => {
    expect(markProblem('evilmark', { x: 1 })).toBe('"evilmark" is not a mark the editor has');
    expect(markProblem('bold--aGVsbG8h', {})).toMatch(/is not a mark the editor has$/);
    expect(markProblem('__proto__', {})).toMatch(/is not a mark the editor has$/);
    expect(markProblem('link', {})).toMatch(/^the link mark's href is not/);
    expect(markProblem('link', { href: 42 })).toMatch(/^the link mark's href is not/);
    expect(markProblem('link', { href: 'x'.repeat(2049) })).toMatch(/^the link mark's href is not/);
    expect(markProblem('link', true)).toBe("the link mark's attributes are not an object");
    expect(markProblem('link', { href: 'https://x.no', onclick: 'alert(1)' })).toBe('"onclick" is not an attribute of the link mark');
    expect(markProblem('link', { href: 'https://x.no', target: { a: 1 } })).toMatch(/^the link mark's target is not/);
    expect(markProblem('bold', { x: 1 })).toBe('"x" is not an attribute of the bold mark');
    expect(markProblem('bold', 'yes')).toBe("the bold mark's attributes are not an object");
    // What ends a mark, what y-prosemirror writes, and Quill's `true` for a mark without attributes.
    expect(markProblem('link', null)).toBeNull();
    expect(markProblem('evilmark', null)).toBeNull();
    expect(markProblem('link', { href: 'https://x.no' })).toBeNull();
    expect(markProblem('bold', {})).toBeNull();
    expect(markProblem('italic', true)).toBeNull();
  });

  it('more than MAX_COMBINING_RUN combining marks in a row, anywhere in a text', () => {
    const marks = (n: number) => '\u0301'.repeat(n);
    expect(combiningRunProblem(`e${marks(MAX_COMBINING_RUN)} og a${marks(MAX_COMBINING_RUN)}`)).toBeNull();
    expect(combiningRunProblem(`tekst e${marks(MAX_COMBINING_RUN + 1)}`)).toBe(`more than ${MAX_COMBINING_RUN} combining marks in a row`);
    expect(combiningRunProblem(marks(300_000))).not.toBeNull();
    // Marks outside the first plane count as one each (musical symbol combining stem, U+1D165).
    expect(combiningRunProblem(`x${'\u{1D165}'.repeat(MAX_COMBINING_RUN + 1)}`)).not.toBeNull();
    // Real text: Vietnamese, Devanagari, Tibetan stacks, decomposed Norwegian.
    for (const real of ['Tiếng Việt', 'क्षत्रिय', 'བསྒྲུབས', 'ཧྐྵྨྱཱ', 'blåbærsyltetøy'.normalize('NFD')]) expect(combiningRunProblem(real)).toBeNull();
  });
});
