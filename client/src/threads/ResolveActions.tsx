import { Button, Paragraph } from '@digdir/designsystemet-react';
import { CircleCheck, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import type { Thread } from '../../../shared/comments.js';
import { setThreadResolved } from '../api/measure.js';
import { tComments } from '../strings/comments.js';
import { commentErrorText } from './CommentForm.js';
import type { LiveThreads } from './liveThreads.js';

/** "Marker som løst" or "Gjenåpne", for those the rule allows, and what went wrong. */
export function ResolveActions({ thread, store, onResolvedChange }: { thread: Thread; store: LiveThreads; onResolvedChange: (thread: Thread) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      onResolvedChange(await store.change(thread.id, () => setThreadResolved(thread.id, !thread.resolved)));
    } catch (error) {
      setProblem(commentErrorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className="thread__actions">
        <Button
          variant="secondary"
          data-size="sm"
          data-testid={thread.resolved ? 'reopen-thread' : 'resolve-thread'}
          aria-disabled={busy || undefined}
          onClick={() => void toggle()}
        >
          {thread.resolved ? <RotateCcw aria-hidden="true" size={16} /> : <CircleCheck aria-hidden="true" size={16} />}
          {thread.resolved ? tComments.reopen : tComments.resolve}
        </Button>
      </div>
      {problem && (
        <Paragraph role="alert" data-size="sm" className="thread__problem">
          {problem}
        </Paragraph>
      )}
    </>
  );
}
