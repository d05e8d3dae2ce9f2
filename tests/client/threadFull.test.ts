import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../client/src/api.js';
import { outcomeOf } from '../../client/src/outbox/Outbox.js';
import { tSaving } from '../../client/src/strings/saving.js';
import { commentRefusalText } from '../../client/src/threads/PendingCommentCard.js';
import type { PendingComment } from '../../client/src/threads/useMeasureComments.js';
import { MAX_COMMENTS_PER_THREAD } from '../../shared/limits.js';

const reply = { kind: 'reply', roundId: 'r', number: 8, threadId: 't', body: 'Ett svar til.' } as const;

function refused(outcome: ReturnType<typeof outcomeOf>): PendingComment {
  if (outcome.kind !== 'refused') throw new Error(`not refused: ${outcome.kind}`);
  return { id: 'p', change: reply, madeAt: '2012-02-01T10:00:00.000Z', state: 'refused', attempted: true, refusal: outcome.refusal };
}

describe('a reply to a full thread', () => {
  // The server's answer: 409 conflict on `comments` (server/commands/threads.ts).
  const full = new ApiRequestError(`comments: the thread holds ${MAX_COMMENTS_PER_THREAD} comments`, 409, 'conflict', 'comments');

  it('is refused, not sent again and again, and the refusal says the thread is full', () => {
    const entry = refused(outcomeOf(full, reply));
    expect(commentRefusalText(entry, true)).toBe(`Ble ikke sendt: tråden har nådd grensen på ${MAX_COMMENTS_PER_THREAD} kommentarer. Start en ny kommentar for å skrive mer.`);
  });

  it('says what it said before when the thread is not full', () => {
    const entry = refused(outcomeOf(full, reply));
    expect(commentRefusalText(entry, false)).toBe(`Ble ikke sendt: ${tSaving.refusal.invalid}`);
    const forbidden = refused(outcomeOf(new ApiRequestError('no', 403, 'forbidden', null), reply));
    expect(commentRefusalText(forbidden, true)).toBe(`Ble ikke sendt: ${tSaving.refusal.forbidden}`);
  });
});
