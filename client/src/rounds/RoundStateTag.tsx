import { Tag } from '@digdir/designsystemet-react';
import type { RoundState } from '../../../shared/round.js';
import { tRounds } from '../strings/rounds.js';

/** "Åpen" or "Frosset", in words; the colour is a second cue only. */
export function RoundStateTag({ state }: { state: RoundState }) {
  return (
    <Tag data-testid="round-state" data-state={state} data-color={state === 'open' ? 'success' : 'warning'}>
      {tRounds.state[state]}
    </Tag>
  );
}
