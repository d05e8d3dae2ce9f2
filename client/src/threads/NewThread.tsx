import { t } from '../strings.js';
import { CommentForm } from './CommentForm.js';
import type { ThreadDraft } from './useMeasureComments.js';

/** The form for a new thread, under the passage it is about (none for the whole measure). */
export function NewThread({ draft, onSubmit, onCancel }: { draft: ThreadDraft; onSubmit: (body: string) => Promise<void>; onCancel: () => void }) {
  return (
    <div className="threads__new" data-testid="new-thread">
      {draft.quote !== null && (
        <blockquote className="thread__quote" aria-label={t.quoteLabel}>
          {draft.quote}
        </blockquote>
      )}
      <CommentForm
        key={draft.anchor?.start ?? 'measure'}
        label={draft.anchor ? t.newThreadOnSelection : t.newThreadOnMeasure}
        description={t.commentHint}
        submitLabel={t.send}
        autoFocus
        testId="new-thread-form"
        onSubmit={onSubmit}
        onCancel={onCancel}
      />
    </div>
  );
}
