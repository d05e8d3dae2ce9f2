import { Button, Paragraph } from '@digdir/designsystemet-react';
import { CloudUpload } from 'lucide-react';
import { useConnection } from '../connection.js';
import { tComments } from '../strings/comments.js';
import { tSaving } from '../strings/saving.js';
import type { PendingDelete } from './useMeasureComments.js';

/**
 * This person's deletions in a thread that the server does not have yet: how many comments are
 * gone from it and where that stands; a refused one (the comment is back) says why, with OK.
 */
export function PendingDeletes({ entries, onDismiss }: { entries: readonly PendingDelete[]; onDismiss: (entry: PendingDelete) => void }) {
  const connected = useConnection().state === 'connected';
  const waiting = entries.filter((entry) => entry.state !== 'refused');
  const refused = entries.filter((entry) => entry.state === 'refused');
  return (
    <div aria-live="polite">
      {waiting.length > 0 && (
        <Paragraph data-size="sm" className="thread__pending" data-testid="delete-waiting">
          <CloudUpload aria-hidden="true" size={16} /> {tComments.deleteWaiting(waiting.length)} {connected ? tSaving.sending : tSaving.waiting}
        </Paragraph>
      )}
      {refused.map((entry) => (
        <div key={entry.id} role="alert" className="thread__problem" data-testid="delete-refused">
          <Paragraph data-size="sm">{tComments.deleteRefused(tSaving.refusal[entry.refusal === 'unknownNames' ? 'invalid' : (entry.refusal ?? 'invalid')])}</Paragraph>
          <Button data-size="sm" variant="secondary" onClick={() => onDismiss(entry)}>
            {tSaving.dismiss}
          </Button>
        </div>
      ))}
    </div>
  );
}
