import { Editor, getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { LINK_OPTIONS, linkTarget } from '../../client/src/editor/links.js';

describe('a link target from an address as a person writes it', () => {
  it('keeps absolute http, https and mailto addresses', () => {
    expect(linkTarget('https://www.regjeringen.no/no/dep/jd/')).toBe('https://www.regjeringen.no/no/dep/jd/');
    expect(linkTarget('  http://example.no  ')).toBe('http://example.no/');
    expect(linkTarget('mailto:post@jd.dep.no')).toBe('mailto:post@jd.dep.no');
  });

  it('puts https:// before a bare host name and mailto: before an e-mail address', () => {
    expect(linkTarget('www.regjeringen.no')).toBe('https://www.regjeringen.no/');
    expect(linkTarget('regjeringen.no/jd?side=2')).toBe('https://regjeringen.no/jd?side=2');
    expect(linkTarget('post@jd.dep.no')).toBe('mailto:post@jd.dep.no');
  });

  it('refuses every other scheme, relative paths and words', () => {
    for (const address of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'ftp://example.no', 'file:///etc/passwd', 'vbscript:x', '/runder/x', 'tiltak', '', '   ', 'localhost:8080']) {
      expect(linkTarget(address), address).toBeNull();
    }
  });
});

describe('the editor’s Link extension as configured', () => {
  const paragraph = (href: string) => ({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: 'lenke', marks: [{ type: 'link', attrs: { href } }] }] }],
  });

  it('writes the address of an allowed link and drops any other', () => {
    const schema = getSchema([StarterKit.configure({ undoRedo: false, link: LINK_OPTIONS })]);
    // What the mark renders as (`['a', attributes, 0]`), without a DOM.
    const rendered = (href: string): unknown => {
      const mark = schema.nodeFromJSON(paragraph(href)).firstChild!.firstChild!.marks[0]!;
      const spec = mark.type.spec.toDOM!(mark, true) as unknown as [string, Record<string, unknown>];
      return spec[1].href;
    };
    expect(rendered('https://www.regjeringen.no/')).toBe('https://www.regjeringen.no/');
    expect(rendered('mailto:post@jd.dep.no')).toBe('mailto:post@jd.dep.no');
    expect(rendered('javascript:alert(1)')).toBe('');
    expect(rendered('ftp://example.no')).toBe('');
  });

  it('sets a link only to an allowed address', () => {
    const editor = new Editor({ element: null, extensions: [StarterKit.configure({ undoRedo: false, link: LINK_OPTIONS })], content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'lenke' }] }] } });
    editor.commands.setTextSelection({ from: 1, to: 6 });
    expect(editor.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(editor.commands.setLink({ href: 'https://www.regjeringen.no/' })).toBe(true);
    const marks = editor.state.doc.firstChild?.firstChild?.marks ?? [];
    expect(marks.map((mark) => [mark.type.name, mark.attrs.href as unknown])).toEqual([['link', 'https://www.regjeringen.no/']]);
    editor.destroy();
  });
});
