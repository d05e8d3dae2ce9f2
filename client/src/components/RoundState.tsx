import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import type { RoundDetail } from '../../../shared/round.js';
import { deadlineDistance, formatDeadlineDay } from '../deadline.js';
import { tReady } from '../strings.js';

/** Near the deadline the countdown moves every second; further away, less often. */
function tickMs(remainingMs: number): number {
  if (remainingMs < 2 * 60_000) return 1_000;
  if (remainingMs < 2 * 60 * 60_000) return 15_000;
  return 60_000;
}

/**
 * The time now, for a countdown to `deadline`: read at every render (so a moved deadline is
 * measured from now, not from the last tick), with a re-render as often as the countdown needs.
 */
function useNow(deadline: string): Date {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const remaining = Math.abs(Date.parse(deadline) - Date.now());
    const timer = setTimeout(() => setTick((n) => n + 1), tickMs(remaining));
    return () => clearTimeout(timer);
  }, [deadline, tick]);
  return new Date();
}

/**
 * The deadline in Oslo time with how far away it is: "Frist om 3 dager, fredag 12. desember
 * kl. 12:00". Not a live region: a countdown read aloud every second helps nobody.
 */
export function DeadlineText({ round }: { round: Pick<RoundDetail, 'deadline' | 'state'> }) {
  const now = useNow(round.deadline);
  const distance = deadlineDistance(round.deadline, now);
  const passed = distance.unit === 'now' || distance.past;
  return (
    <span data-testid="round-deadline" data-passed={String(passed)} data-state={round.state} className="round-deadline">
      {tReady.deadlineLead(distance, passed)}
      <time dateTime={round.deadline}>{formatDeadlineDay(round.deadline, now)}</time>
    </span>
  );
}

/** When the round froze, in Oslo time (the deadline, if the server did not say). */
export function frozenWhen(round: RoundDetail): string {
  return formatDeadlineDay(round.frozenAt ?? round.deadline, new Date());
}

/**
 * The banner of a frozen round, in a live region that is there from the start, so that a
 * round freezing while someone is on the page is announced.
 */
export function FrozenBanner({ round, user }: { round: RoundDetail | null; user: SessionUser }) {
  const frozen = round?.state === 'frozen';
  return (
    <div aria-live="polite" className="round-state">
      {round && frozen && (
        <Alert data-color="warning" data-testid="round-frozen" className="round-state__frozen">
          <Heading level={2} data-size="2xs">
            {tReady.frozenTitle}
          </Heading>
          <Paragraph>{tReady.frozenText(frozenWhen(round))}</Paragraph>
          {user.role === 'coordinator' && <Paragraph>{tReady.frozenCoordinator}</Paragraph>}
        </Alert>
      )}
    </div>
  );
}
