import { describe, expect, it } from 'vitest';
import { keyboardInset } from '../../client/src/threads/keyboardInset.js';

describe('the new comment sheet stays above an on-screen keyboard', () => {
  it('is lifted by the part of the window the keyboard hides, and not at all without one', () => {
    expect(keyboardInset(844, { height: 844, offsetTop: 0 })).toBe(0);
    expect(keyboardInset(844, { height: 500, offsetTop: 0 })).toBe(344);
    // The visible part scrolled down inside the window (Safari pans it to the focused field).
    expect(keyboardInset(844, { height: 500, offsetTop: 120 })).toBe(224);
  });

  it('never goes below the window, and needs the visual viewport to say anything', () => {
    expect(keyboardInset(844, { height: 900, offsetTop: 0 })).toBe(0);
    expect(keyboardInset(844, null)).toBe(0);
  });
});
