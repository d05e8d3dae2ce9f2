import { Button, Paragraph } from '@digdir/designsystemet-react';
import { CircleCheck, CloudUpload, RotateCcw } from 'lucide-react';
import type { Thread } from '../../../shared/comments.js';
import { useConnection } from '../connection.js';
import { tComments } from '../strings/comments.js';
import { tSaving } from '../strings/saving.js';
import type { PendingResolve } from './useMeasureComments.js';

/**
 * "Marker som løst" or "Gjenåpne", for those the rule allows. The change goes through the
 * outbox: the thread shows it at once, and until the server has it says so (waiting for the
 * connection, on its way); a refused one says why, and the thread is as the server has it.
 */
export function ResolveActions({
  thread,
  pending,
  onResolve,
  onDismiss,
}: {
  /** The thread as shown: with this person's change not yet saved. */
  thread: Thread;
  pending: PendingResolve | undefined;
  onResolve: (resolved: boolean) => void;
  onDismiss: (entry: PendingResolve) => void;
}) {
  const connected = useConnection().state === 'connected';
  const refused = pending?.state === 'refused' ? pending : undefined;
  const waiting = pending && !refused ? pending : undefined;
  return (
    <>
      <div className="thread__actions">
        <Button
          variant="secondary"
          data-size="sm"
          data-testid={thread.resolved ? 'reopen-thread' : 'resolve-thread'}
          onClick={() => onResolve(!thread.resolved)}
        >
          {thread.resolved ? <RotateCcw aria-hidden="true" size={16} /> : <CircleCheck aria-hidden="true" size={16} />}
          {thread.resolved ? tComments.reopen : tComments.resolve}
        </Button>
      </div>
      <div aria-live="polite">
        {waiting && (
          <Paragraph data-size="sm" className="thread__pending" data-testid="resolve-waiting" data-state={waiting.state}>
            <CloudUpload aria-hidden="true" size={16} />{' '}
            {waiting.change.value ? tComments.resolveWaiting : tComments.reopenWaiting} {connected ? tSaving.sending : tSaving.waiting}
          </Paragraph>
        )}
        {refused && (
          <div role="alert" className="thread__problem" data-testid="resolve-refused">
            <Paragraph data-size="sm">
              {tComments.resolveRefused(refused.change.value, tSaving.refusal[refused.refusal === 'unknownNames' ? 'invalid' : (refused.refusal ?? 'invalid')])}
            </Paragraph>
            <Button data-size="sm" variant="secondary" onClick={() => onDismiss(refused)}>
              {tSaving.dismiss}
            </Button>
          </div>
        )}
      </div>
    </>
  );
}
