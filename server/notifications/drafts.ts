import type { RoundEvent } from '../../shared/api.js';
import { MAX_EXCERPT_CHARS } from '../../shared/notifications.js';
import type { NotificationDraft } from '../commands/notifications.js';

/**
 * Who a round event concerns, as notification drafts (the notify command finds the accounts):
 * a new comment's mentions (people by name, then ministries) and, for a reply, everyone else who
 * wrote in the thread; an edit's new mentions; a status changed by someone for the measure's
 * ministries. Whoever caused it is never notified about it. Pure: reads only the event.
 */
export function draftsOf(event: RoundEvent): NotificationDraft[] {
  switch (event.type) {
    case 'thread':
      return threadDrafts(event);
    case 'measure':
      return statusDrafts(event);
    default:
      return [];
  }
}

function threadDrafts(event: Extract<RoundEvent, { type: 'thread' }>): NotificationDraft[] {
  const { change, thread } = event;
  if (!change?.commentId || (change.kind !== 'started' && change.kind !== 'replied' && change.kind !== 'edited')) return [];
  const comment = thread.comments.find((c) => c.id === change.commentId);
  if (!comment) return [];
  const except = change.by.username;
  const about = {
    roundId: event.roundId,
    measure: thread.measure,
    threadId: thread.id,
    commentId: comment.id,
    by: change.by,
    excerpt: excerptOf(comment.body),
  };
  const mentions = change.mentions ?? { ministries: [], people: [] };
  const drafts: NotificationDraft[] = [];
  if (mentions.people.length > 0) drafts.push({ to: { people: mentions.people, ministries: [] }, except, payload: { kind: 'mention', ...about, via: null } });
  for (const code of mentions.ministries) drafts.push({ to: { people: [], ministries: [code] }, except, payload: { kind: 'mention', ...about, via: code } });
  if (change.kind === 'replied') {
    const participants = [...new Set(thread.comments.filter((c) => c.id !== comment.id).map((c) => c.author.username))];
    drafts.push({ to: { people: participants, ministries: [] }, except, payload: { kind: 'reply', ...about } });
  }
  return drafts;
}

function statusDrafts(event: Extract<RoundEvent, { type: 'measure' }>): NotificationDraft[] {
  const { by, previousStatus, measure } = event;
  if (!by || previousStatus === undefined || previousStatus === measure.status) return [];
  return [
    {
      to: { people: [], ministries: measure.ministries },
      except: by.username,
      payload: { kind: 'status', roundId: event.roundId, measure: measure.number, by, from: previousStatus, to: measure.status },
    },
  ];
}

/** A comment as one line, cut at MAX_EXCERPT_CHARS characters (never inside one). */
export function excerptOf(body: string): string {
  const line = body.replace(/\s+/gu, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= MAX_EXCERPT_CHARS ? line : `${chars.slice(0, MAX_EXCERPT_CHARS - 1).join('').trimEnd()}…`;
}
