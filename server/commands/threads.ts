import { randomUUID } from 'node:crypto';
import { anchorDecodes, anchoredText } from '../../shared/anchors.js';
import type { RoundEvent } from '../../shared/api.js';
import { actorOf, type SessionUser } from '../../shared/auth.js';
import type { Anchor, CommentAuthor, Thread } from '../../shared/comments.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { narrativeFragment } from '../../shared/narrative.js';
import { can } from '../../shared/permissions.js';
import { forbidden, invalid } from '../domain/DomainError.js';
import { loadComment, loadMeasure, loadRoundMeasure, loadThread } from '../domain/loaders.js';
import { toSummary } from '../measures/views.js';
import type { Store } from '../store/types.js';
import { threadViews } from '../threads/views.js';
import type { Command, CommandDeps, Outcome } from './command.js';

/**
 * Comment threads: who may comment, edit, delete and resolve (`can()` and authorship), the
 * server's stamps (author, time), the anchored passage's quote, and the events that follow.
 * The commands of one aggregate share this file: they share its stamps and its publishing.
 */

function authorOf(user: SessionUser): CommentAuthor {
  return { username: user.username, name: user.name, ministry: user.ministry };
}

/** The thread as stored now, and the events that say so (with the measure's open count when it changed). */
async function threadChanged(tx: Store, deps: CommandDeps, threadId: string, countChanged: boolean): Promise<Outcome<Thread>> {
  const record = await loadThread(tx, threadId);
  const [thread] = await threadViews(tx, deps.narratives, [record]);
  if (!thread) throw new Error(`thread ${threadId} has no view`);
  const events: RoundEvent[] = [{ type: 'thread', roundId: record.roundId, thread }];
  if (countChanged) events.push(await measureEvent(tx, record.roundId, record.measure));
  return { result: thread, events };
}

async function measureEvent(tx: Store, roundId: string, number: number): Promise<RoundEvent> {
  return { type: 'measure', roundId, measure: toSummary(await loadMeasure(tx, roundId, number)) };
}

function mayComment(user: SessionUser): void {
  if (!can(actorOf(user), { kind: 'comment' })) throw forbidden('you may not comment');
}

/** `POST …/measures/:number/threads`: a thread, on the whole measure or on a passage (anchor). */
export function startThread(user: SessionUser, roundId: string, number: string, body: string, anchor: Anchor | undefined): Command<Thread> {
  return async (tx, deps) => {
    const { measure } = await loadRoundMeasure(tx, roundId, number);
    mayComment(user);
    let quote: string | null = null;
    if (anchor) {
      if (!anchorDecodes(anchor)) throw invalid('anchor', 'not Yjs relative positions');
      quote = await deps.narratives.read(measureDocName(roundId, measure.number), (doc) => anchoredText(doc, narrativeFragment(doc), anchor), tx);
      if (quote === null) throw invalid('anchor', 'does not cover any text of the narrative');
    }
    const at = deps.now().toISOString();
    const id = randomUUID();
    await tx.createThread(
      { id, roundId, measure: measure.number, anchor: anchor ?? null, quote, createdAt: at },
      { id: randomUUID(), threadId: id, author: authorOf(user), body, createdAt: at, editedAt: null },
    );
    return threadChanged(tx, deps, id, true);
  };
}

/** `POST /api/threads/:id/comments`: a reply. */
export function replyToThread(user: SessionUser, threadId: string, body: string): Command<Thread> {
  return async (tx, deps) => {
    await loadThread(tx, threadId);
    mayComment(user);
    await tx.addComment({ id: randomUUID(), threadId, author: authorOf(user), body, createdAt: deps.now().toISOString(), editedAt: null });
    return threadChanged(tx, deps, threadId, false);
  };
}

/** `PATCH /api/comments/:id`: its author rewrites a comment. */
export function editComment(user: SessionUser, commentId: string, body: string): Command<Thread> {
  return async (tx, deps) => {
    const comment = await loadComment(tx, commentId);
    if (comment.author.username !== user.username) throw forbidden('only its author may edit a comment');
    await tx.editComment(commentId, body, deps.now().toISOString());
    return threadChanged(tx, deps, comment.threadId, false);
  };
}

/** `DELETE /api/comments/:id`: its author's, or any for the coordinator; the thread goes with its last comment. */
export function deleteComment(user: SessionUser, commentId: string): Command<void> {
  return async (tx, deps) => {
    const comment = await loadComment(tx, commentId);
    if (comment.author.username !== user.username && !can(actorOf(user), { kind: 'coordinate' })) {
      throw forbidden('only its author or the coordinator may delete a comment');
    }
    const thread = await loadThread(tx, comment.threadId);
    const { threadDeleted } = await tx.deleteComment(commentId);
    if (!threadDeleted) return { ...(await threadChanged(tx, deps, thread.id, false)), result: undefined };
    return {
      result: undefined,
      events: [
        { type: 'threadDeleted', roundId: thread.roundId, measure: thread.measure, threadId: thread.id },
        await measureEvent(tx, thread.roundId, thread.measure),
      ],
    };
  };
}

/** `POST /api/threads/:id/resolve` and `/reopen`: for the measure's ministries and the coordinator. */
export function setThreadResolved(user: SessionUser, threadId: string, resolved: boolean): Command<Thread> {
  return async (tx, deps) => {
    const thread = await loadThread(tx, threadId);
    const measure = await loadMeasure(tx, thread.roundId, thread.measure);
    if (!can(actorOf(user), { kind: 'resolveThread', ministries: measure.ministries })) {
      throw forbidden(`only ${measure.ministries.join(', ')} and the coordinator may resolve threads on measure ${measure.number}`);
    }
    const changed = thread.resolved !== resolved;
    if (changed) await tx.setResolved(threadId, resolved, resolved ? authorOf(user) : null, resolved ? deps.now().toISOString() : null);
    return threadChanged(tx, deps, threadId, changed);
  };
}
