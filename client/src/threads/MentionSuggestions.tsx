import { tMentions } from '../strings/comments.js';
import type { MentionOption } from './mentionQuery.js';

/**
 * The `@` choices under a comment's text box: a listbox whose active option the text box points
 * to (it keeps focus). A click takes an option too, without taking focus from the text box.
 * Under it, for screen readers, how many choices there are and how to take one.
 */
export function MentionSuggestions({
  open,
  options,
  index,
  listId,
  optionId,
  onChoose,
}: {
  open: boolean;
  options: readonly MentionOption[];
  index: number;
  listId: string;
  optionId: (i: number) => string;
  onChoose: (option: MentionOption) => void;
}) {
  return (
    <>
      {open && (
        <ul role="listbox" id={listId} aria-label={tMentions.listLabel} className="mention-list" data-testid="mention-list">
          {options.map((option, i) => (
            <li
              key={`${option.kind}.${option.insert}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === index}
              className="mention-list__option"
              data-testid="mention-option"
              data-insert={option.insert}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onChoose(option)}
            >
              <span className="mention-list__handle">@{option.insert}</span>{' '}
              <span className="mention-list__name">
                {option.kind === 'person' && option.ministry ? `${option.name} (${option.ministry})` : option.name}
              </span>
            </li>
          ))}
        </ul>
      )}
      <span className="ds-sr-only" aria-live="polite">
        {open ? tMentions.suggestions(options.length) : ''}
      </span>
    </>
  );
}
