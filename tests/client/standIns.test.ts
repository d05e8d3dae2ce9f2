import { describe, expect, it } from 'vitest';
import { deepEqual } from '../../client/src/standIns/deepEqual.js';
import { history, redo, undo } from '../../client/src/standIns/noHistory.js';

describe('the stand-ins vite.config.ts points packages’ imports at', () => {
  it('deepEqual (for Tiptap’s useEditorState) compares what selectors return by content', () => {
    const toolbar = () => ({ tools: [{ active: true, enabled: false }, { active: null, enabled: true }], onLink: false, inTable: true });
    expect(deepEqual(toolbar(), toolbar())).toBe(true);
    expect(deepEqual(toolbar(), { ...toolbar(), inTable: false })).toBe(false);
    expect(deepEqual({ tools: [{ active: true }] }, { tools: [{ active: true }, { active: true }] })).toBe(false);
    expect(deepEqual({ a: 1 }, { b: 1 })).toBe(false);
    expect(deepEqual({ a: undefined }, {})).toBe(false);
    expect(deepEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(deepEqual(NaN, NaN)).toBe(true);
    expect(deepEqual(true, true)).toBe(true);
    expect(deepEqual(null, {})).toBe(false);
    // Anything else is the same only when it is the same object: at worst one more render.
    const date = new Date(0);
    expect(deepEqual(date, date)).toBe(true);
    expect(deepEqual(new Date(0), new Date(0))).toBe(false);
  });

  it('ProseMirror’s history is not there: undo and redo do nothing, turning it on says why', () => {
    expect(() => history()).toThrow(/Yjs/);
    expect(undo({} as never)).toBe(false);
    expect(redo({} as never)).toBe(false);
  });
});
