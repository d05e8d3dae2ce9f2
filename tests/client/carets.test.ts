import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { caretDrawable } from '../../client/src/editor/carets.js';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';

describe("remote carets: a state the caret plugin would throw on is not drawn", () => {
  const doc = new Y.Doc();
  const text = new Y.XmlText('Hei');
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [text]);
  doc.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
  const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 1)) as unknown;

  it('draws a cursor of two relative positions, and a state without a cursor', () => {
    expect(caretDrawable({ user: { name: 'Kari', color: '#0062ba' }, cursor: { anchor: position, head: position } }, doc)).toBe(true);
    expect(caretDrawable({ user: { name: 'Kari' } }, doc)).toBe(true);
    expect(caretDrawable({ user: { name: 'Kari' }, cursor: null }, doc)).toBe(true);
  });

  it('skips `{}`, half a cursor, garbage, and positions Yjs cannot resolve', () => {
    // The cursor `{}` a reader once sent made a JD editor throw on every keystroke.
    expect(caretDrawable({ cursor: {} }, doc)).toBe(false);
    expect(caretDrawable({ cursor: { anchor: position } }, doc)).toBe(false);
    expect(caretDrawable({ cursor: { anchor: {}, head: {} } }, doc)).toBe(false);
    expect(caretDrawable({ cursor: 'hei' }, doc)).toBe(false);
    expect(caretDrawable(null, doc)).toBe(false);
    expect(() => Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON({}), doc)).toThrow();
  });
});
