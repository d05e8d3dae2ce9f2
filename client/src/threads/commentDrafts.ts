import * as z from 'zod/mini';
import { AnchorSchema } from '../../../shared/comments.js';
import { draftsKey } from '../localData.js';

/** A comment being written and not sent: its text and, for a new thread, what it is about. */
const DraftSchema = z.object({
  body: z.string(),
  anchor: z.optional(z.nullable(AnchorSchema)),
  quote: z.optional(z.nullable(z.string())),
});
export type CommentDraft = z.infer<typeof DraftSchema>;

/** Where the form for a new thread on a measure keeps its text. */
export const newThreadDraftKey = (roundId: string, number: number): string => `new:${roundId}.${number}`;
/** Where the reply box of a thread keeps its text. */
export const replyDraftKey = (threadId: string): string => `reply:${threadId}`;
/** Where an edit of one's comment, not saved yet, keeps its text. */
export const editDraftKey = (commentId: string): string => `edit:${commentId}`;

function readAll(username: string): Record<string, CommentDraft> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(draftsKey(username)) ?? '{}');
    if (typeof raw !== 'object' || raw === null) return {};
    const drafts: Record<string, CommentDraft> = {};
    for (const [key, value] of Object.entries(raw)) {
      const parsed = DraftSchema.safeParse(value);
      if (parsed.success) drafts[key] = parsed.data;
    }
    return drafts;
  } catch {
    return {};
  }
}

/** The draft kept under `key` for `username`, if it has any text. */
export function readDraft(username: string, key: string): CommentDraft | null {
  const draft = readAll(username)[key];
  return draft && draft.body.trim() !== '' ? draft : null;
}

/**
 * Keeps (or, with null or no text, forgets) the draft under `key`: comments being written
 * survive leaving the page and reloading it, per account, until sent or cancelled.
 */
export function writeDraft(username: string, key: string, draft: CommentDraft | null): void {
  const drafts = readAll(username);
  if (draft === null || draft.body.trim() === '') {
    if (!(key in drafts)) return;
    delete drafts[key];
  } else drafts[key] = draft;
  try {
    if (Object.keys(drafts).length === 0) localStorage.removeItem(draftsKey(username));
    else localStorage.setItem(draftsKey(username), JSON.stringify(drafts));
  } catch {
    // Storage full or blocked: the draft lives as long as the form.
  }
}
