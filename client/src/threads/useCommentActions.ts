import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Comment } from '../../../shared/comments.js';
import { editComment } from '../api/measure.js';
import type { LiveThreads } from './liveThreads.js';

type Mode = 'show' | 'edit' | 'confirmDelete';

/**
 * Editing and deleting one's comment: which mode it is in (editing from the start when an edit
 * was kept in this browser), and focus to match (the confirm button when asked to confirm; back
 * to "Rediger" after an edit or a cancel). A saved or cancelled edit forgets its kept text.
 */
export function useCommentActions(
  comment: Comment,
  threadId: string,
  store: LiveThreads,
  onDeleted: () => void,
  {
    editButton,
    confirmButton,
    editing,
    forgetEdit,
    deleteThroughOutbox,
  }: {
    editButton: RefObject<HTMLElement | null>;
    confirmButton: RefObject<HTMLElement | null>;
    editing: boolean;
    forgetEdit: () => void;
    /** Keeps the deletion in the outbox (sent now, or once connected): the comment goes at once. */
    deleteThroughOutbox: () => void;
  },
) {
  const [mode, setMode] = useState<Mode>(editing ? 'edit' : 'show');
  const returnFocus = useRef(false);

  useEffect(() => {
    if (mode === 'confirmDelete') confirmButton.current?.focus();
    else if (mode === 'show' && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [mode, confirmButton, editButton]);

  const backToShow = (): void => {
    returnFocus.current = true;
    setMode('show');
  };
  return {
    mode,
    setMode,
    backToShow,
    cancelEdit: (): void => {
      forgetEdit();
      backToShow();
    },
    save: async (body: string): Promise<void> => {
      await store.change(threadId, () => editComment(comment.id, body));
      forgetEdit();
      backToShow();
    },
    remove: (): void => {
      deleteThroughOutbox();
      onDeleted();
    },
  };
}

