import { HIGHLIGHT_CLASS } from '../editor/commentHighlights.js';

/** The sticky bar above the text (toolbar, *Kommenter*): a passage under it is out of sight too. */
const STICKY_BAR_SELECTOR = '.narrative-editor__bar';

/** The passage a new comment is about, as the editor marks it while the comment is written. */
export const draftPassage = (): HTMLElement[] => Array.from(document.querySelectorAll<HTMLElement>(`.${HIGHLIGHT_CLASS}--pending`));

/**
 * Scrolls the window so that the passage being commented is seen between the sticky bar above
 * the text and the sheet at the bottom (`sheetTop`, px from the window's top); nothing when it
 * already is. Returns false while the editor has not marked the passage yet.
 */
export function revealPassage(sheetTop: number): boolean {
  const parts = draftPassage();
  if (parts.length === 0) return false;
  const rects = parts.map((part) => part.getBoundingClientRect());
  const top = Math.min(...rects.map((r) => r.top));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  const bar = document.querySelector(STICKY_BAR_SELECTOR)?.getBoundingClientRect();
  const above = Math.max(0, bar && bar.bottom > 0 && bar.top <= 1 ? bar.bottom : 0);
  if (top >= above && bottom <= sheetTop) return true;
  // Centred in the room left; a passage taller than that shows from its start.
  const room = sheetTop - above;
  const target = above + Math.max(0, (room - (bottom - top)) / 2);
  window.scrollBy({ top: top - target, behavior: 'instant' });
  return true;
}
