import { getSchema } from '@tiptap/core';
import { TableCell, TableHeader } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { LINK_OPTIONS, linkTarget } from '../../client/src/editor/links.js';
import { TABLE_EXTENSIONS } from '../../shared/editorNodes.js';

/**
 * What a document stored before the server checked attributes may hold, as the editor renders it:
 * a link mark without a string address, a cell alignment that is CSS. Rendering must neither throw
 * nor write what it was given into the page.
 */

const schema = getSchema([StarterKit.configure({ undoRedo: false, link: LINK_OPTIONS }), ...TABLE_EXTENSIONS]);

/** The attributes a node or mark renders with (`[tag, attributes, ...]`), without a DOM. */
function renderedAttributes(target: ProseMirrorNode | Mark): Record<string, unknown> {
  const spec = 'isText' in target ? target.type.spec.toDOM!(target) : target.type.spec.toDOM!(target, true);
  return (spec as unknown as [string, Record<string, unknown>])[1];
}

describe('a link mark with no string address', () => {
  it('has no link target, whatever the value', () => {
    for (const value of [undefined, null, 42, {}, ['https://x.no'], true]) expect(linkTarget(value), JSON.stringify(value)).toBeNull();
  });

  it('renders as a link to nothing, without throwing', () => {
    for (const attrs of [{}, { href: 42 }, { href: { toString: 'x' } }, { href: null }]) {
      const mark = schema.mark('link', attrs);
      expect(() => renderedAttributes(mark), JSON.stringify(attrs)).not.toThrow();
      expect(renderedAttributes(mark).href, JSON.stringify(attrs)).toBe('');
    }
  });
});

describe("a table cell's alignment", () => {
  const cell = (type: 'tableCell' | 'tableHeader', align: unknown) => schema.nodes[type]!.create({ align }, schema.nodes.paragraph!.create());

  it('renders left, right, center and justify as text-align', () => {
    for (const type of ['tableCell', 'tableHeader'] as const) {
      for (const align of ['left', 'right', 'center', 'justify']) expect(renderedAttributes(cell(type, align)).style).toBe(`text-align: ${align}`);
      expect(renderedAttributes(cell(type, null)).style).toBeUndefined();
    }
  });

  it('renders nothing for any other value: no CSS of its own reaches the page', () => {
    const injected = 'left; position: fixed; inset: 0; z-index: 2147483647; background: red';
    for (const type of ['tableCell', 'tableHeader'] as const) {
      for (const align of [injected, 'start', 'LEFT', 42, { left: true }, ['left']]) {
        expect(renderedAttributes(cell(type, align)).style, `${type} ${JSON.stringify(align)}`).toBeUndefined();
      }
    }
  });

  it("leaves the schema Tiptap's (the server builds its own from the same extensions)", () => {
    const stock = getSchema([StarterKit.configure({ undoRedo: false }), ...TABLE_EXTENSIONS.slice(0, 2), TableHeader, TableCell]);
    for (const type of ['tableCell', 'tableHeader']) {
      expect(schema.nodes[type]!.spec.attrs).toEqual(stock.nodes[type]!.spec.attrs);
      expect(schema.nodes[type]!.spec.content).toBe(stock.nodes[type]!.spec.content);
    }
  });
});
