import { randomUUID } from 'node:crypto';
import { anchorDecodes, anchoredText } from '../../shared/anchors.js';
import { actorOf, type SessionUser } from '../../shared/auth.js';
import { mentionsIn, waitingFor, type Anchor, type CommentAuthor, type Thread } from '../../shared/comments.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { narrativeFragment } from '../../shared/narrative.js';
import { can } from '../../shared/permissions.js';
import { ServiceError } from '../http/serviceError.js';
import type { RoundEventHub } from '../live/RoundEventHub.js';
import { toSummary } from '../measures/views.js';
import type { MeasureRecord, Store, ThreadRecord } from '../store/types.js';
import type { Narratives } from '../sync/narratives.js';

function authorOf(user: SessionUser): CommentAuthor {
  return { username: user.username, name: user.name, ministry: user.ministry };
}

/**
 * Comment threads: the rules (who may comment, edit, delete, resolve), the server's stamps
 * (author, time), the anchored passage's quote, and live events. Every change is stored
 * before it is published.
 */
export class ThreadService {
  constructor(
    private readonly store: Store,
    private readonly narratives: Narratives,
    private readonly hub: RoundEventHub,
  ) {}

  /** Threads of one measure, or of a whole round, with whether each anchored passage still exists. */
  async list(roundId: string, measure?: number): Promise<Thread[]> {
    return this.views(await this.store.listThreads(roundId, measure));
  }

  /** Views of stored threads; each measure's narrative is read once, and only for anchored threads. */
  private async views(records: readonly ThreadRecord[]): Promise<Thread[]> {
    const anchoredByDoc = new Map<string, ThreadRecord[]>();
    for (const record of records) {
      if (record.anchor === null) continue;
      const docName = measureDocName(record.roundId, record.measure);
      anchoredByDoc.set(docName, [...(anchoredByDoc.get(docName) ?? []), record]);
    }
    const detached = new Set<string>();
    for (const [docName, anchored] of anchoredByDoc) {
      await this.narratives.read(docName, (doc) => {
        const fragment = narrativeFragment(doc);
        for (const t of anchored) if (t.anchor && anchoredText(doc, fragment, t.anchor) === null) detached.add(t.id);
      });
    }
    return records.map((r) => this.view(r, detached.has(r.id)));
  }

  async start(user: SessionUser, measure: MeasureRecord, body: string, anchor: Anchor | undefined): Promise<Thread> {
    if (!can(actorOf(user), { kind: 'comment' })) throw new ServiceError('forbidden', 'you may not comment');
    let quote: string | null = null;
    if (anchor) {
      if (!anchorDecodes(anchor)) throw new ServiceError('invalid', 'anchor: not Yjs relative positions', 'anchor');
      quote = await this.narratives.read(measureDocName(measure.roundId, measure.number), (doc) =>
        anchoredText(doc, narrativeFragment(doc), anchor),
      );
      if (quote === null) throw new ServiceError('invalid', 'anchor: does not cover any text of the narrative', 'anchor');
    }
    const now = new Date().toISOString();
    const id = randomUUID();
    await this.store.createThread(
      { id, roundId: measure.roundId, measure: measure.number, anchor: anchor ?? null, quote, createdAt: now },
      { id: randomUUID(), threadId: id, author: authorOf(user), body, createdAt: now, editedAt: null },
    );
    return this.publish(id, true);
  }

  async reply(user: SessionUser, threadId: string, body: string): Promise<Thread> {
    await this.thread(threadId);
    if (!can(actorOf(user), { kind: 'comment' })) throw new ServiceError('forbidden', 'you may not comment');
    const now = new Date().toISOString();
    await this.store.addComment({ id: randomUUID(), threadId, author: authorOf(user), body, createdAt: now, editedAt: null });
    return this.publish(threadId, false);
  }

  async edit(user: SessionUser, commentId: string, body: string): Promise<Thread> {
    const comment = await this.store.getComment(commentId);
    if (!comment) throw new ServiceError('not_found', `no comment ${commentId}`);
    if (comment.author.username !== user.username) throw new ServiceError('forbidden', 'only its author may edit a comment');
    await this.store.editComment(commentId, body, new Date().toISOString());
    return this.publish(comment.threadId, false);
  }

  /** Deletes a comment (its author's, or any for the coordinator); the thread goes with its last comment. */
  async remove(user: SessionUser, commentId: string): Promise<void> {
    const comment = await this.store.getComment(commentId);
    if (!comment) throw new ServiceError('not_found', `no comment ${commentId}`);
    if (comment.author.username !== user.username && !can(actorOf(user), { kind: 'coordinate' })) {
      throw new ServiceError('forbidden', 'only its author or the coordinator may delete a comment');
    }
    const thread = await this.thread(comment.threadId);
    const { threadDeleted } = await this.store.deleteComment(commentId);
    if (!threadDeleted) {
      await this.publish(thread.id, false);
      return;
    }
    this.hub.publish({ type: 'threadDeleted', roundId: thread.roundId, measure: thread.measure, threadId: thread.id });
    await this.publishMeasure(thread.roundId, thread.measure);
  }

  async setResolved(user: SessionUser, threadId: string, resolved: boolean): Promise<Thread> {
    const thread = await this.thread(threadId);
    const measure = await this.store.getMeasure(thread.roundId, thread.measure);
    if (!measure) throw new ServiceError('not_found', `no measure ${thread.measure}`);
    if (!can(actorOf(user), { kind: 'resolveThread', ministries: measure.ministries })) {
      throw new ServiceError('forbidden', `only ${measure.ministries.join(', ')} and the coordinator may resolve threads on measure ${measure.number}`);
    }
    if (thread.resolved !== resolved) {
      await this.store.setResolved(threadId, resolved, resolved ? authorOf(user) : null, resolved ? new Date().toISOString() : null);
    }
    return this.publish(threadId, thread.resolved !== resolved);
  }

  /** The stored thread; not_found when there is none. */
  async thread(threadId: string): Promise<ThreadRecord> {
    const thread = await this.store.getThread(threadId);
    if (!thread) throw new ServiceError('not_found', `no thread ${threadId}`);
    return thread;
  }

  /** Publishes the thread as stored now (and the measure's open count when it changed); returns it. */
  private async publish(threadId: string, countChanged: boolean): Promise<Thread> {
    const record = await this.thread(threadId);
    const [thread] = await this.views([record]);
    if (!thread) throw new ServiceError('not_found', `no thread ${threadId}`);
    this.hub.publish({ type: 'thread', roundId: record.roundId, thread });
    if (countChanged) await this.publishMeasure(record.roundId, record.measure);
    return thread;
  }

  private async publishMeasure(roundId: string, number: number): Promise<void> {
    const measure = await this.store.getMeasure(roundId, number);
    if (measure) this.hub.publish({ type: 'measure', roundId, measure: toSummary(measure) });
  }

  private view(record: ThreadRecord, detached: boolean): Thread {
    const mentions = [...new Set(record.comments.flatMap((c) => mentionsIn(c.body)))];
    return {
      id: record.id,
      roundId: record.roundId,
      measure: record.measure,
      anchor: record.anchor,
      quote: record.quote,
      detached,
      resolved: record.resolved,
      resolvedBy: record.resolvedBy,
      resolvedAt: record.resolvedAt,
      mentions,
      waitingFor: waitingFor(record.comments, record.resolved),
      createdAt: record.createdAt,
      comments: record.comments.map((c) => ({ id: c.id, author: c.author, body: c.body, createdAt: c.createdAt, editedAt: c.editedAt })),
    };
  }
}
