import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Mentionables } from '../../../shared/mentionables.js';
import { insertMention, mentionOptions, mentionQueryAt, type MentionOption } from './mentionQuery.js';

/**
 * `@` autocomplete for a text box, after the WAI-ARIA combobox pattern's list autocomplete:
 * focus stays in the text box, which points at the list (`aria-controls`) and its active option
 * (`aria-activedescendant`); ArrowDown and ArrowUp move through the choices, Enter or Tab takes
 * one, Escape closes the list and leaves the text as it is. The text box keeps its own role: it
 * holds several lines, which a combobox does not.
 */
export function useMentionAutocomplete({
  body,
  setBody,
  box,
  mentionables,
}: {
  body: string;
  setBody: (next: string) => void;
  box: RefObject<HTMLTextAreaElement | null>;
  mentionables: Mentionables | null;
}) {
  const listId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  /** The query Escape closed the list for; typing on opens it again. */
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState<{ key: string; index: number }>({ key: '', index: 0 });
  /** Where the caret goes once the chosen mention is in the text. */
  const placeCaret = useRef<number | null>(null);

  const query = caret === null ? null : mentionQueryAt(body, caret);
  const key = query ? `${query.start}:${query.query}` : '';
  const options: MentionOption[] = query && mentionables ? mentionOptions(mentionables, query.query) : [];
  const open = focused && query !== null && options.length > 0 && dismissed !== key;
  const index = active.key === key ? Math.min(active.index, options.length - 1) : 0;
  const optionId = (i: number): string => `${listId}-${i}`;

  useLayoutEffect(() => {
    const at = placeCaret.current;
    if (at === null || !box.current) return;
    placeCaret.current = null;
    box.current.setSelectionRange(at, at);
    setCaret(at);
  }, [body, box]);

  useLayoutEffect(() => {
    if (open) document.getElementById(optionId(index))?.scrollIntoView?.({ block: 'nearest' });
  });

  const choose = (option: MentionOption): void => {
    if (!query) return;
    const next = insertMention(body, query, option.insert);
    placeCaret.current = next.caret;
    setBody(next.text);
  };

  /** Handles the list's keys while it is open; true when the key was its. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.altKey || event.ctrlKey || event.metaKey) return false;
    const move = (to: number): void => setActive({ key, index: (to + options.length) % options.length });
    switch (event.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'Enter':
      case 'Tab': {
        const option = options[index];
        if (option) choose(option);
        break;
      }
      case 'Escape':
        setDismissed(key);
        break;
      default:
        return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  };

  const track = (element: HTMLTextAreaElement): void => setCaret(element.selectionStart === element.selectionEnd ? element.selectionStart : null);

  return {
    open,
    options,
    index,
    listId,
    optionId,
    choose,
    onKeyDown,
    /** Spread on the text box. */
    boxProps: {
      'aria-autocomplete': 'list' as const,
      'aria-controls': open ? listId : undefined,
      'aria-activedescendant': open ? optionId(index) : undefined,
      onSelect: (event: { currentTarget: HTMLTextAreaElement }) => track(event.currentTarget),
      onFocus: (event: { currentTarget: HTMLTextAreaElement }) => {
        setFocused(true);
        track(event.currentTarget);
      },
      onBlur: () => setFocused(false),
    },
    /** Call from the text box's onChange. */
    track,
  };
}
