import { randomUUID } from 'node:crypto';
import { anchorDecodes, anchoredText } from '../../shared/anchors.js';
import type { RoundEvent, ThreadChange } from '../../shared/api.js';
import { actorOf, UsernameSchema, type SessionUser } from '../../shared/auth.js';
import { MAX_QUOTE_CHARS, type Anchor, type CommentAuthor, type Thread } from '../../shared/comments.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { mentionsAdded, mentionsOf, mentionTokens, type Mentions } from '../../shared/mentions.js';
import { narrativeFragment } from '../../shared/narrative.js';
import { MAX_COMMENT_CHARS_PER_MEASURE, MAX_COMMENT_CHARS_PER_ROUND, MAX_COMMENTS_PER_THREAD, MAX_THREADS_PER_MEASURE } from '../../shared/limits.js';
import { can } from '../../shared/permissions.js';
import { conflict, forbidden, invalid, unknownMentions } from '../domain/DomainError.js';
import { loadComment, loadMeasure, loadRoundMeasure, loadThread } from '../domain/loaders.js';
import { toSummary } from '../measures/views.js';
import type { Store } from '../store/types.js';
import { threadViews } from '../threads/views.js';
import { userActor, type AuditNote, type Command, type CommandDeps, type Outcome } from './command.js';
import type { AuditKind } from '../../shared/audit.js';

/**
 * Comment threads: who may comment, edit, delete and resolve (`can()` and authorship), the
 * server's stamps (author, time), the anchored passage's quote, and the events that follow.
 * The commands of one aggregate share this file: they share its stamps and its publishing.
 */

function authorOf(user: SessionUser): CommentAuthor {
  return { username: user.username, name: user.name, ministry: user.ministry };
}

/**
 * The thread as stored now, and the events that say so (with the measure's open count when it
 * changed); `change` says what happened and who did it, for those listening (notifications).
 */
async function threadChanged(
  tx: Store,
  deps: CommandDeps,
  threadId: string,
  countChanged: boolean,
  change: ThreadChange | null,
): Promise<Outcome<Thread>> {
  const record = await loadThread(tx, threadId);
  const [thread] = await threadViews(tx, deps.narratives, [record]);
  if (!thread) throw new Error(`thread ${threadId} has no view`);
  const events: RoundEvent[] = [{ type: 'thread', roundId: record.roundId, thread, ...(change ? { change } : {}) }];
  if (countChanged) events.push(await measureEvent(tx, record.roundId, record.measure));
  return { result: thread, events };
}

async function measureEvent(tx: Store, roundId: string, number: number): Promise<RoundEvent> {
  return { type: 'measure', roundId, measure: toSummary(await loadMeasure(tx, roundId, number)) };
}

/** The audit row of a thread change by `user`. */
function note(user: SessionUser, kind: AuditKind, roundId: string, measure: number, id: string, before: unknown, after: unknown): AuditNote {
  return { actor: userActor(user), kind, target: { roundId, measure, id }, before, after };
}

function mayComment(user: SessionUser): void {
  if (!can(actorOf(user), { kind: 'comment' })) throw forbidden('you may not comment');
}

/**
 * A comment's mentions (only those new since `before`, for an edit): each `@name` that is not a
 * ministry must be an enabled account, else the comment is refused naming the unknown ones.
 */
async function checkedMentions(tx: Store, body: string, before?: string): Promise<Mentions> {
  const mentions = before === undefined ? mentionsOf(body) : mentionsAdded(before, body);
  const unknown: string[] = [];
  for (const username of mentions.people) {
    const account = UsernameSchema.safeParse(username).success ? await tx.getUser(username) : null;
    if (!account || account.disabled) unknown.push(username);
  }
  if (unknown.length > 0) {
    const tokens = mentionTokens(body);
    throw unknownMentions(unknown.map((name) => tokens.find((t) => t.username === name)?.written ?? name));
  }
  return mentions;
}

/** A passage as a thread keeps it: at most MAX_QUOTE_CHARS, cut between characters (not inside a surrogate pair), with an ellipsis. */
function quoteOf(passage: string): string {
  if (passage.length <= MAX_QUOTE_CHARS) return passage;
  const cut = /[\uD800-\uDBFF]/.test(passage.charAt(MAX_QUOTE_CHARS - 2)) ? MAX_QUOTE_CHARS - 2 : MAX_QUOTE_CHARS - 1;
  return `${passage.slice(0, cut).trimEnd()}…`;
}

/**
 * Refuses (409) a change that would give a measure more than MAX_THREADS_PER_MEASURE threads (a
 * new thread), its comments more than MAX_COMMENT_CHARS_PER_MEASURE characters together, or its
 * round's more than MAX_COMMENT_CHARS_PER_ROUND (`added`: the characters the change adds; none
 * for an edit that shortens).
 */
async function withinMeasureVolume(tx: Store, roundId: string, measure: number, added: number, newThread: boolean): Promise<void> {
  const volume = await tx.commentVolume(roundId, measure);
  if (newThread && volume.threads >= MAX_THREADS_PER_MEASURE) {
    throw conflict(`threads: measure ${measure} has ${MAX_THREADS_PER_MEASURE} threads, the most a measure may have; reply in one, or delete old ones`, 'threads');
  }
  if (added > 0 && volume.chars + added > MAX_COMMENT_CHARS_PER_MEASURE) {
    throw conflict(
      `body: the comments on measure ${measure} would hold more than ${MAX_COMMENT_CHARS_PER_MEASURE} characters, the most a measure's comments may hold; shorten or delete comments`,
      'body',
    );
  }
  if (added > 0 && volume.roundChars + added > MAX_COMMENT_CHARS_PER_ROUND) {
    throw conflict(
      `body: the comments of the round would hold more than ${MAX_COMMENT_CHARS_PER_ROUND} characters, the most a round's comments may hold; shorten or delete comments`,
      'body',
    );
  }
}

/** `POST …/measures/:number/threads`: a thread, on the whole measure or on a passage (anchor). */
export function startThread(user: SessionUser, roundId: string, number: string, body: string, anchor: Anchor | undefined): Command<Thread> {
  return async (tx, deps) => {
    const { round, measure } = await loadRoundMeasure(tx, roundId, number);
    mayComment(user);
    await withinMeasureVolume(tx, round.id, measure.number, body.length, true);
    const mentions = await checkedMentions(tx, body);
    let quote: string | null = null;
    if (anchor) {
      if (!anchorDecodes(anchor)) throw invalid('anchor', 'not Yjs relative positions');
      const passage = await deps.narratives.read(measureDocName(roundId, measure.number), (doc) => anchoredText(doc, narrativeFragment(doc), anchor), tx);
      if (passage === null) throw invalid('anchor', 'does not cover any text of the narrative');
      quote = quoteOf(passage);
    }
    const at = deps.now().toISOString();
    const id = randomUUID();
    const commentId = randomUUID();
    await tx.createThread(
      { id, roundId, measure: measure.number, anchor: anchor ?? null, quote, createdAt: at },
      { id: commentId, threadId: id, author: authorOf(user), body, createdAt: at, editedAt: null },
    );
    return {
      ...(await threadChanged(tx, deps, id, true, { kind: 'started', by: authorOf(user), commentId, mentions })),
      audit: [note(user, 'thread.start', roundId, measure.number, id, null, { body, quote })],
    };
  };
}

/**
 * `POST /api/threads/:id/comments`: a reply, unless the thread holds MAX_COMMENTS_PER_THREAD
 * already (a 409 on `comments`): every change sends the whole thread to every stream of its round.
 */
export function replyToThread(user: SessionUser, threadId: string, body: string): Command<Thread> {
  return async (tx, deps) => {
    const thread = await loadThread(tx, threadId);
    mayComment(user);
    if (thread.comments.length >= MAX_COMMENTS_PER_THREAD) {
      throw conflict(`comments: the thread holds ${MAX_COMMENTS_PER_THREAD} comments, the most a thread may hold; start a new thread`, 'comments');
    }
    await withinMeasureVolume(tx, thread.roundId, thread.measure, body.length, false);
    const mentions = await checkedMentions(tx, body);
    const commentId = randomUUID();
    await tx.addComment({ id: commentId, threadId, author: authorOf(user), body, createdAt: deps.now().toISOString(), editedAt: null });
    return {
      ...(await threadChanged(tx, deps, threadId, false, { kind: 'replied', by: authorOf(user), commentId, mentions })),
      audit: [note(user, 'comment.add', thread.roundId, thread.measure, commentId, null, { threadId, body })],
    };
  };
}

/** `PATCH /api/comments/:id`: its author rewrites a comment. */
export function editComment(user: SessionUser, commentId: string, body: string): Command<Thread> {
  return async (tx, deps) => {
    const comment = await loadComment(tx, commentId);
    if (comment.author.username !== user.username) throw forbidden('only its author may edit a comment');
    if (body.length > comment.body.length) {
      const thread = await loadThread(tx, comment.threadId);
      await withinMeasureVolume(tx, thread.roundId, thread.measure, body.length - comment.body.length, false);
    }
    // Mentions the comment made already were checked then (and notified): only new ones count.
    const mentions = await checkedMentions(tx, body, comment.body);
    await tx.editComment(commentId, body, deps.now().toISOString());
    const outcome = await threadChanged(tx, deps, comment.threadId, false, { kind: 'edited', by: authorOf(user), commentId, mentions });
    return { ...outcome, audit: [note(user, 'comment.edit', outcome.result.roundId, outcome.result.measure, commentId, { body: comment.body }, { body })] };
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
    const audit = [note(user, 'comment.delete', thread.roundId, thread.measure, commentId, { threadId: thread.id, body: comment.body, author: comment.author.username }, { threadDeleted })];
    if (!threadDeleted) {
      const change: ThreadChange = { kind: 'commentDeleted', by: authorOf(user), commentId };
      return { ...(await threadChanged(tx, deps, thread.id, false, change)), result: undefined, audit };
    }
    return {
      result: undefined,
      audit,
      events: [
        { type: 'threadDeleted', roundId: thread.roundId, measure: thread.measure, threadId: thread.id },
        await measureEvent(tx, thread.roundId, thread.measure),
      ],
    };
  };
}

/** `POST /api/threads/:id/resolve` and `/reopen`: for the measure's ministries, the coordinator and whoever started the thread. */
export function setThreadResolved(user: SessionUser, threadId: string, resolved: boolean): Command<Thread> {
  return async (tx, deps) => {
    const thread = await loadThread(tx, threadId);
    const measure = await loadMeasure(tx, thread.roundId, thread.measure);
    const startedIt = thread.comments[0]?.author.username === user.username;
    if (!can(actorOf(user), { kind: 'resolveThread', ministries: measure.ministries, startedIt })) {
      throw forbidden(`only ${measure.ministries.join(', ')}, the coordinator and whoever started a thread may resolve it on measure ${measure.number}`);
    }
    const changed = thread.resolved !== resolved;
    if (changed) await tx.setResolved(threadId, resolved, resolved ? authorOf(user) : null, resolved ? deps.now().toISOString() : null);
    return {
      ...(await threadChanged(tx, deps, threadId, changed, changed ? { kind: resolved ? 'resolved' : 'reopened', by: authorOf(user) } : null)),
      audit: changed
        ? [note(user, resolved ? 'thread.resolve' : 'thread.reopen', thread.roundId, thread.measure, threadId, { resolved: !resolved }, { resolved })]
        : [],
    };
  };
}
