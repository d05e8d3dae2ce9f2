import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { tooDeepForNarrative } from '../../client/src/editor/depthGuard.js';
import { MAX_NARRATIVE_DEPTH } from '../../shared/limits.js';
import type { PmNode } from '../../shared/prosemirror.js';

const schema = getSchema([StarterKit]);

/** A paragraph of text inside `quotes` blockquotes, as JSON. */
function quoted(quotes: number): PmNode {
  let node: PmNode = { type: 'paragraph', content: [{ type: 'text', text: 'innerst' }] };
  for (let i = 0; i < quotes; i++) node = { type: 'blockquote', content: [node] };
  return { type: 'doc', content: [node] };
}

describe('the editor keeps edits within the depth the server accepts', () => {
  it('counts depth as Yjs types: each node one level, the text of a block one more', () => {
    // quotes + paragraph + text: the deepest the server takes, and one more.
    expect(tooDeepForNarrative(schema.nodeFromJSON(quoted(MAX_NARRATIVE_DEPTH - 2)))).toBe(false);
    expect(tooDeepForNarrative(schema.nodeFromJSON(quoted(MAX_NARRATIVE_DEPTH - 1)))).toBe(true);
  });

  it('walks a document far deeper than the limit (as deep as ProseMirror itself builds one)', () => {
    expect(tooDeepForNarrative(schema.nodeFromJSON(quoted(1_000)))).toBe(true);
  });
});
