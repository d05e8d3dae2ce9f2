import { Button } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { HistoryMark } from '../../../../shared/history.js';
import { formatTime } from '../../format.js';
import { tChangeAuthors } from '../../strings/history.js';
import { markText } from './changeAuthors.js';

/** How many marks show before *Vis n til*. */
const SHOWN_FIRST = 5;

/**
 * Who changed the measure between the two versions, and when: the entries of its history
 * (newest first), each with the person, what kind of change, and the time in Oslo.
 */
export function ChangeAuthors({ marks, roundId, roundTitle }: { marks: readonly HistoryMark[]; roundId: string; roundTitle: (id: string) => string | null }) {
  const [all, setAll] = useState(false);
  if (marks.length === 0) return null;
  const shown = all ? marks : marks.slice(0, SHOWN_FIRST);
  return (
    <div data-testid="change-authors">
      <p className="change__who-heading">
        <strong>{tChangeAuthors.heading}</strong>
      </p>
      <ul className="change__who">
        {shown.map((mark) => (
          <li key={`${mark.roundId}.${mark.id}`} data-testid="change-author" data-kind={mark.kind} data-author={mark.author?.username ?? ''}>
            {markText(mark, roundId, roundTitle)} <time dateTime={mark.to}>{formatTime(mark.to)}</time>
          </li>
        ))}
      </ul>
      {marks.length > shown.length && (
        <Button variant="tertiary" data-size="sm" onClick={() => setAll(true)}>
          {tChangeAuthors.more(marks.length - shown.length)}
        </Button>
      )}
    </div>
  );
}
