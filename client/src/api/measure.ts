import { StateVectorResponseSchema } from '../../../shared/stateVector.js';
import { CommentBodyRequestSchema, ThreadSchema } from '../../../shared/comments.js';
import { MeasureDetailSchema } from '../../../shared/measure.js';
import { MentionablesSchema } from '../../../shared/mentionables.js';
import { errorOf, jsonBody, request, roundPath, send, threadPath } from '../api.js';

// The calls only the measure page makes (it loads separately): the overview does not download
// them, nor the schemas they parse with.

export const fetchMeasure = (roundId: string, number: number, signal?: AbortSignal) =>
  request(`${roundPath(roundId)}/measures/${number}`, MeasureDetailSchema, { signal });

export const setThreadResolved = (threadId: string, resolved: boolean) =>
  request(`${threadPath(threadId)}/${resolved ? 'resolve' : 'reopen'}`, ThreadSchema, { method: 'POST' });

/** Deletes a comment (204); the thread goes with its last comment. */
export async function deleteComment(commentId: string): Promise<void> {
  const response = await send(`/api/comments/${encodeURIComponent(commentId)}`, { method: 'DELETE' });
  if (!response.ok) throw await errorOf(response);
}

export const editComment = (commentId: string, body: string) =>
  request(`/api/comments/${encodeURIComponent(commentId)}`, ThreadSchema, {
    method: 'PATCH',
    ...jsonBody(CommentBodyRequestSchema.parse({ body })),
  });

/** What the server has stored of a document, as a decoded-ready state vector. */
export async function fetchStoredStateVector(docName: string): Promise<Uint8Array> {
  const { stateVector } = await request(
    `/api/documents/${encodeURIComponent(docName)}/state-vector`,
    StateVectorResponseSchema,
    { cache: 'no-store' },
  );
  return Uint8Array.from(atob(stateVector), (c) => c.charCodeAt(0));
}

/** Whom a comment in the round can mention (`@` autocomplete): its ministries and the people. */
export const fetchMentionables = (roundId: string, signal?: AbortSignal) =>
  request(`${roundPath(roundId)}/mentionables`, MentionablesSchema, { signal });
