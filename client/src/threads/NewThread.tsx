import { tComments } from '../strings/comments.js';
import { tMeasure } from '../strings/measure.js';
import { CommentForm } from './CommentForm.js';
import type { ThreadDraft } from './useMeasureComments.js';

/**
 * The form for a new thread, under the passage it is about (none for the whole measure). Its
 * text is kept in this browser as it is written (`initial`, `onBodyChange`).
 */
export function NewThread({
  draft,
  initial,
  version,
  onBodyChange,
  onSubmit,
  onCancel,
}: {
  draft: ThreadDraft;
  initial: string;
  /** Starts the form again from `initial` when it changes. */
  version: number;
  onBodyChange: (body: string) => void;
  onSubmit: (body: string) => Promise<void>;
  onCancel: () => void;
}) {
  return (
    <div className="threads__new" data-testid="new-thread">
      {draft.quote !== null && (
        <blockquote className="thread__quote" aria-label={tComments.quoteLabel}>
          {draft.quote}
        </blockquote>
      )}
      <CommentForm
        key={`${draft.anchor?.start ?? 'measure'}.${version}`}
        label={draft.anchor ? tMeasure.newThreadOnSelection : tComments.newThreadOnMeasure}
        description={tComments.commentHint}
        submitLabel={tComments.send}
        initial={initial}
        onBodyChange={onBodyChange}
        autoFocus
        testId="new-thread-form"
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    </div>
  );
}
