import { Button, Details, Heading, Paragraph } from '@digdir/designsystemet-react';
import { CircleCheck, MessageSquarePlus, X } from 'lucide-react';
import { useRef } from 'react';
import type { SessionUser } from '../../../shared/auth.js';
import { StaleNote } from '../components/StaleNote.js';
import { t } from '../strings.js';
import { tComments } from '../strings/comments.js';
import { NewThread } from './NewThread.js';
import { PendingCommentCard } from './PendingCommentCard.js';
import type { ThreadPermissions } from './ThreadCard.js';
import { ThreadList } from './ThreadList.js';
import type { MeasureComments } from './useMeasureComments.js';
import { useThreadsPanel } from './useThreadsPanel.js';

/**
 * The measure's comment threads ("Kommentarer"): open ones first, resolved ones folded away;
 * a new comment on the measure or on the passage chosen in the editor (its text kept in this
 * browser while it is written); this person's comments waiting for the server; live for
 * everyone, and said to be this browser's copy when it is (an offline reload).
 */
export function ThreadsPanel({
  user,
  comments,
  permissions,
  onReturnToText,
}: {
  user: SessionUser;
  comments: MeasureComments;
  permissions: ThreadPermissions;
  /** After a comment on a passage was cancelled: back to the text. */
  onReturnToText: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const measureButton = useRef<HTMLButtonElement>(null);
  const panel = useThreadsPanel(comments, user.username, { heading, measureButton });
  const { threads, failed, draft } = comments;
  const open = threads?.filter((thread) => !thread.resolved) ?? [];
  const resolved = threads?.filter((thread) => thread.resolved) ?? [];
  const list = (shown: typeof open) => (
    <ThreadList
      threads={shown}
      user={user}
      comments={comments}
      permissions={permissions}
      onResolvedChange={panel.onResolvedChange}
      onDeleted={panel.onDeleted}
    />
  );

  return (
    <section aria-labelledby="threads-title" className="threads" data-testid="threads-panel">
      <Heading level={2} data-size="xs" id="threads-title" ref={heading} tabIndex={-1} className="threads__title">
        {tComments.comments}
      </Heading>
      <div aria-live="polite" aria-atomic="true" className="visually-hidden" data-testid="threads-announcement">
        {panel.announcement}
      </div>
      <StaleNote copy={comments.copy ?? null} testId="threads-stale" />
      <div role="status" className="threads__notice-region">
        {panel.notice && (
          <p className="threads__notice" data-testid="threads-notice">
            <CircleCheck aria-hidden="true" size={16} />
            <span>{panel.notice}</span>
            <button type="button" className="threads__notice-close" aria-label={tComments.closeNotice} onClick={panel.closeNotice}>
              <X aria-hidden="true" size={16} />
            </button>
          </p>
        )}
      </div>
      {draft ? (
        <NewThread
          draft={draft}
          initial={comments.draftBody()}
          version={comments.draftVersion}
          onBodyChange={comments.keepDraftBody}
          onSubmit={comments.startDraft}
          onCancel={() => panel.cancelDraft(onReturnToText)}
        />
      ) : (
        <Button
          ref={measureButton}
          variant="secondary"
          data-size="sm"
          data-testid="comment-measure"
          onClick={() => comments.setDraft({ anchor: null, quote: null })}
        >
          <MessageSquarePlus aria-hidden="true" size={16} /> {tComments.commentOnMeasure}
        </Button>
      )}
      {comments.pendingThreads.length > 0 && (
        <ul className="threads__list threads__list--pending">
          {comments.pendingThreads.map((entry) => (
            <li key={entry.id}>
              <PendingCommentCard entry={entry} onBackToForm={() => comments.backToForm(entry)} onDiscard={() => comments.discardPending(entry)} />
            </li>
          ))}
        </ul>
      )}
      {failed && <Paragraph role="alert">{t.threadsLoadFailed}</Paragraph>}
      {threads === null && !failed && <Paragraph>{t.loading}</Paragraph>}
      {threads !== null && open.length === 0 && <Paragraph className="threads__none">{tComments.noThreads}</Paragraph>}
      {open.length > 0 && list(open)}
      {resolved.length > 0 && (
        <Details open={panel.showResolved} onToggle={panel.toggleResolved} data-testid="resolved-threads">
          <Details.Summary>{tComments.resolvedThreads(resolved.length)}</Details.Summary>
          <Details.Content>{list(resolved)}</Details.Content>
        </Details>
      )}
    </section>
  );
}
