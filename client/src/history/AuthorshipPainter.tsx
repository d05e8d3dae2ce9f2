import { useEffect } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import type { CollabSession } from '../editor/collabSession.js';
import type { LegendEntry, WrittenPassage } from './authorship.js';
import { useAuthorship } from './useAuthorship.js';

/** What *Vis hvem som skrev hva* shows beside the painted text. */
export interface AuthorshipShown {
  legend: LegendEntry[] | null;
  passages: WrittenPassage[];
  loading: boolean;
  failed: boolean;
}

/**
 * While mounted, reads who wrote what and paints the editor's text by writer (useAuthorship),
 * telling AuthorshipToggle what to show: the part of *Vis hvem som skrev hva* that loads when the
 * switch is first turned on. Unmounted (the switch off), the text is plain again.
 */
export default function AuthorshipPainter({
  roundId,
  number,
  session,
  user,
  onShown,
}: {
  roundId: string;
  number: number;
  session: CollabSession | null;
  user: SessionUser;
  onShown: (shown: AuthorshipShown) => void;
}) {
  const { legend, passages, loading, failed } = useAuthorship({ enabled: true, roundId, number, session, user });
  useEffect(() => onShown({ legend, passages, loading, failed }), [onShown, legend, passages, loading, failed]);
  return null;
}
