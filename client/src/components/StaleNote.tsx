import { Clock } from 'lucide-react';
import { staleLabel } from '../staleness.js';

/**
 * "Kan være utdatert – sist hentet kl. 14:03": beside what is shown from this browser's copy
 * (an offline reload), until it is fresh from the server again. Nothing when `copy` is null.
 */
export function StaleNote({ copy, testId }: { copy: { fetchedAt: string | null } | null; testId: string }) {
  if (copy === null) return null;
  return (
    <p className="stale-note" data-testid={testId}>
      <Clock aria-hidden="true" size={16} /> {staleLabel(copy.fetchedAt)}
    </p>
  );
}
