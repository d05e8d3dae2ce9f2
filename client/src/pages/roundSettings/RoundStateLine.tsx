import { Paragraph } from '@digdir/designsystemet-react';
import type { Ref } from 'react';
import type { RoundDetail } from '../../../../shared/round.js';
import { formatDeadline } from '../../format.js';
import { RoundStateTag } from '../../rounds/RoundStateTag.js';
import { tRounds } from '../../strings/rounds.js';

/** Open or frozen, the deadline, and what that means for the editors. */
export function RoundStateLine({ round, stateRef }: { round: RoundDetail; stateRef: Ref<HTMLDivElement> }) {
  return (
    <div ref={stateRef} tabIndex={-1} aria-live="polite" className="round-status-line" data-testid="round-state-line" data-state={round.state}>
      <Paragraph>
        <RoundStateTag state={round.state} /> {tRounds.deadline}: <time dateTime={round.deadline}>{formatDeadline(round.deadline)}</time>
        {round.state === 'frozen' && round.frozenAt && <> · {tRounds.frozenSince(formatDeadline(round.frozenAt))}</>}
      </Paragraph>
      <Paragraph>{round.state === 'open' ? tRounds.roundIsOpen : tRounds.roundIsFrozen}</Paragraph>
    </div>
  );
}
