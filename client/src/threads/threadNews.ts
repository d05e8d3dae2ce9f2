import type { Thread } from '../../../shared/comments.js';
import { t } from '../strings.js';
import { tComments } from '../strings/comments.js';

/** How much of a comment a screen reader hears in the announcement of a new one. */
export const ANNOUNCED_CHARS = 160;

/**
 * What others did to the threads between two lists, in words: new comments and resolutions by
 * anyone but `username`. Nothing when there was no list before (the first load is not news).
 */
export function threadNews(previous: readonly Thread[] | null, next: readonly Thread[] | null, username: string): string[] {
  if (previous === null || next === null) return [];
  const before = new Map(previous.map((thread) => [thread.id, { comments: new Set(thread.comments.map((c) => c.id)), resolved: thread.resolved }]));
  const news: string[] = [];
  for (const thread of next) {
    const was = before.get(thread.id);
    for (const comment of thread.comments) {
      if (was?.comments.has(comment.id) || comment.author.username === username) continue;
      news.push(tComments.announceComment(t.authorName(comment.author.name, comment.author.ministry), comment.body.slice(0, ANNOUNCED_CHARS)));
    }
    if (was && !was.resolved && thread.resolved && thread.resolvedBy && thread.resolvedBy.username !== username) {
      news.push(tComments.announceResolved(t.authorName(thread.resolvedBy.name, thread.resolvedBy.ministry)));
    }
  }
  return news;
}
