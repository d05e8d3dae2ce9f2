import type { DiffPart } from '../../../shared/diff.js';
import { tRounds } from '../strings/rounds.js';

/** Unchanged text longer than this is shortened to its ends when only the changes are shown. */
const ELIDE_OVER_CHARS = 400;
/** How much unchanged text to keep on each side of a change. */
const CONTEXT_CHARS = 160;

/** Cuts `text` to about `chars` characters from its start (or end), at a word boundary. */
function cut(text: string, chars: number, from: 'start' | 'end'): string {
  if (text.length <= chars) return text;
  if (from === 'start') {
    const slice = text.slice(0, chars);
    const space = slice.search(/\s\S*$/u);
    return space > chars / 2 ? slice.slice(0, space + 1) : slice;
  }
  const slice = text.slice(text.length - chars);
  const space = slice.search(/\s/u);
  return space >= 0 && space < chars / 2 ? slice.slice(space + 1) : slice;
}

/** Whether showing only the changes would shorten anything (else "show the whole text" says nothing). */
export function canShorten(parts: readonly DiffPart[]): boolean {
  return parts.some((part) => part.kind === 'same' && part.text.length > ELIDE_OVER_CHARS) && parts.some((part) => part.kind !== 'same');
}

function Elided() {
  return (
    <span className="diff__elided">
      <span aria-hidden="true"> … </span>
      <span className="visually-hidden"> ({tRounds.elided}) </span>
    </span>
  );
}

/** An unchanged stretch: whole, or only its ends next to the changes around it. */
function Same({ text, first, last, full }: { text: string; first: boolean; last: boolean; full: boolean }) {
  if (full || text.length <= ELIDE_OVER_CHARS) return <span>{text}</span>;
  if (first && last) return <span>{text}</span>;
  return (
    <span>
      {!first && cut(text, CONTEXT_CHARS, 'start')}
      <Elided />
      {!last && cut(text, CONTEXT_CHARS, 'end')}
    </span>
  );
}

/**
 * A narrative's word diff. Added text is `<ins>` (underlined) and removed text `<del>` (struck
 * through), each also said in words for screen readers, so that colour is never the only cue.
 * Without `full`, long unchanged stretches are shortened to the text around the changes.
 */
export function WordDiff({ parts, full }: { parts: readonly DiffPart[]; full: boolean }) {
  return (
    <div className="diff" data-testid="narrative-diff">
      {parts.map((part, i) => {
        if (part.kind === 'same') {
          return <Same key={i} text={part.text} first={i === 0} last={i === parts.length - 1} full={full} />;
        }
        const Tag = part.kind === 'added' ? 'ins' : 'del';
        return (
          <Tag key={i} className={`diff__${part.kind}`} data-kind={part.kind}>
            <span className="visually-hidden">{part.kind === 'added' ? tRounds.added : tRounds.removed}</span>
            {part.text}
            <span className="visually-hidden">{tRounds.changeEnd}</span>
          </Tag>
        );
      })}
    </div>
  );
}
