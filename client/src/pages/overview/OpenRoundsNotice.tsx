import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { CalendarClock } from 'lucide-react';
import type { RoundState } from '../../../../shared/round.js';
import type { BrowserCopy } from '../../api.js';
import { StaleNote } from '../../components/StaleNote.js';
import { formatDeadline } from '../../format.js';
import { Link, paths } from '../../router.js';
import { tOverview } from '../../strings.js';
import type { OtherRound } from './useOverview.js';

/**
 * The other rounds that are open, on every overview: starting a new round must not hide one
 * still open. In an open round they are "also open"; in a frozen one they are where people
 * write now. Named from this browser's copy (an offline reload), they say so.
 */
export function OpenRoundsNotice({
  others,
  currentState,
  copy,
}: {
  others: readonly OtherRound[];
  currentState: RoundState | null;
  /** The list of rounds is this browser's copy (an offline reload), fetched then. */
  copy: BrowserCopy | null;
}) {
  if (others.length === 0) return null;
  const frozen = currentState === 'frozen';
  return (
    <section aria-labelledby="open-rounds-title" className="open-rounds" data-testid="open-rounds">
      <Heading level={2} data-size="2xs" id="open-rounds-title" className="open-rounds__title">
        <CalendarClock aria-hidden="true" size={18} />
        {frozen ? tOverview.openRoundsTitle(others.length) : tOverview.otherOpenTitle(others.length)}
      </Heading>
      <Paragraph data-size="sm">{frozen ? tOverview.openRoundsIntro : tOverview.otherOpenIntro}</Paragraph>
      <StaleNote copy={copy} testId="open-rounds-stale" />
      <ul className="open-rounds__list">
        {others.map(({ round }) => (
          <li key={round.id} data-testid="open-round" data-round={round.id}>
            <Link href={paths.overview(round.id)}>{round.title}</Link>
            {', '}
            <time dateTime={round.deadline}>{tOverview.openRoundDeadline(formatDeadline(round.deadline))}</time>
          </li>
        ))}
      </ul>
    </section>
  );
}
