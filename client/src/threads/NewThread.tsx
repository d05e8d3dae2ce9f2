import { X } from 'lucide-react';
import { useEffect, useId, useRef, type KeyboardEvent, type RefObject } from 'react';
import { tComments } from '../strings/comments.js';
import { tMeasure } from '../strings/measure.js';
import { tNewThreadSheet } from '../strings/newThreadSheet.js';
import { CommentForm } from './CommentForm.js';
import { keyboardInset } from './keyboardInset.js';
import { revealPassage } from './revealPassage.js';
import { useNarrowScreen } from './useNarrowScreen.js';
import type { ThreadDraft } from './useMeasureComments.js';
import './newThreadSheet.css';

/** How many frames to wait for the editor to mark the passage before giving up on showing it. */
const REVEAL_FRAMES = 30;

/**
 * Keeps the passage in sight above the sheet: once the editor has marked it (a frame or a few
 * after the form opens), and again when the sheet's height changes (the text grows, a problem
 * shows, the phone turns).
 */
function useRevealAbove(sheet: RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    const element = sheet.current;
    if (!active || !element) return;
    let frame = 0;
    let tries = 0;
    const reveal = (): void => {
      if (revealPassage(element.getBoundingClientRect().top) || ++tries >= REVEAL_FRAMES) return;
      frame = requestAnimationFrame(reveal);
    };
    reveal();
    let height = element.offsetHeight;
    const resized = new ResizeObserver(() => {
      if (element.offsetHeight === height) return;
      height = element.offsetHeight;
      revealPassage(element.getBoundingClientRect().top);
    });
    resized.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      resized.disconnect();
    };
  }, [sheet, active]);
}

/**
 * Lifts the sheet above an on-screen keyboard (which hides the bottom of the window rather than
 * shrinking it) and keeps it to part of what is left, then shows the passage above it again.
 */
function useAboveKeyboard(sheet: RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    const element = sheet.current;
    const visible = window.visualViewport;
    if (!active || !element || !visible) return;
    const place = (): void => {
      element.style.setProperty('--new-thread-sheet-bottom', `${keyboardInset(window.innerHeight, visible)}px`);
      element.style.setProperty('--new-thread-sheet-max-height', `${Math.round(visible.height * 0.55)}px`);
    };
    const moved = (): void => {
      place();
      revealPassage(element.getBoundingClientRect().top);
    };
    place();
    visible.addEventListener('resize', moved);
    visible.addEventListener('scroll', place);
    return () => {
      visible.removeEventListener('resize', moved);
      visible.removeEventListener('scroll', place);
      element.style.removeProperty('--new-thread-sheet-bottom');
      element.style.removeProperty('--new-thread-sheet-max-height');
    };
  }, [sheet, active]);
}

/**
 * The form for a new thread, under the passage it is about (none for the whole measure). Its
 * text is kept in this browser as it is written (`initial`, `onBodyChange`). On a narrow screen,
 * where the panel is below the whole text, it is a sheet at the bottom of the window instead
 * (a non-modal dialog: the passage stays in sight and readable above it), with the quoted
 * passage and a close button; Escape anywhere in it cancels, and focus goes back as on *Avbryt*.
 */
export function NewThread({
  draft,
  initial,
  version,
  onBodyChange,
  onSubmit,
  onCancel,
}: {
  draft: ThreadDraft;
  initial: string;
  /** Starts the form again from `initial` when it changes. */
  version: number;
  onBodyChange: (body: string) => void;
  onSubmit: (body: string) => Promise<void>;
  onCancel: () => void;
}) {
  const narrow = useNarrowScreen();
  const sheet = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useAboveKeyboard(sheet, narrow);
  useRevealAbove(sheet, narrow && draft.anchor !== null);

  // The text box's own Escape (or the mention list's) has done its part already.
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    onCancel();
  };
  const sheetProps = narrow ? { role: 'dialog', 'aria-labelledby': titleId, onKeyDown, 'data-sheet': true } : {};

  return (
    <div ref={sheet} className={narrow ? 'threads__new new-thread-sheet' : 'threads__new'} data-testid="new-thread" {...sheetProps}>
      {narrow && (
        <div className="new-thread-sheet__head">
          <p className="new-thread-sheet__title" id={titleId}>
            {tNewThreadSheet.title}
          </p>
          <button type="button" className="new-thread-sheet__close" aria-label={tNewThreadSheet.close} onClick={onCancel} data-testid="new-thread-close">
            <X aria-hidden="true" size={20} />
          </button>
        </div>
      )}
      {draft.quote !== null && (
        <blockquote className="thread__quote" aria-label={tComments.quoteLabel}>
          {draft.quote}
        </blockquote>
      )}
      <CommentForm
        key={`${draft.anchor?.start ?? 'measure'}.${version}`}
        label={draft.anchor ? tMeasure.newThreadOnSelection : tComments.newThreadOnMeasure}
        description={tComments.commentHint}
        submitLabel={tComments.send}
        initial={initial}
        onBodyChange={onBodyChange}
        autoFocus
        testId="new-thread-form"
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    </div>
  );
}
