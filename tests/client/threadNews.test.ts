import { describe, expect, it } from 'vitest';
import type { Comment, Thread } from '../../shared/comments.js';
import { ANNOUNCED_CHARS, threadNews } from '../../client/src/threads/threadNews.js';

const jd = { username: 'jd', name: 'Redaktør JD', ministry: 'JD' as const };
const koordinator = { username: 'koordinator', name: 'Koordinator', ministry: null };

const comment = (id: string, author: Comment['author'], body: string): Comment => ({ id, author, body, createdAt: '2026-11-28T21:00:00.000Z', editedAt: null });

function thread(id: string, comments: Comment[], resolvedBy: Comment['author'] | null = null): Thread {
  return {
    id,
    roundId: 'r',
    measure: 5,
    anchor: null,
    quote: null,
    detached: false,
    resolved: resolvedBy !== null,
    resolvedBy,
    resolvedAt: resolvedBy ? '2026-11-28T22:00:00.000Z' : null,
    mentions: [],
    waitingFor: [],
    createdAt: '2026-11-28T21:00:00.000Z',
    comments,
  };
}

/** What the threads panel's live region says (politely) about what others did. */
describe('thread news for screen readers', () => {
  const asked = thread('a', [comment('c1', koordinator, '@JD, kan dere legge inn 2011-tallene?')]);

  it('the first list is not news', () => {
    expect(threadNews(null, [asked], 'jd')).toEqual([]);
  });

  it("says others' new comments and resolutions, not one's own", () => {
    const answered = thread('a', [...asked.comments, comment('c2', jd, 'Ja, lagt inn.')]);
    expect(threadNews([asked], [answered], 'koordinator')).toEqual(['Ny kommentar fra Redaktør JD (JD): Ja, lagt inn.']);
    expect(threadNews([asked], [answered], 'jd')).toEqual([]);

    const resolved = thread('a', answered.comments, koordinator);
    expect(threadNews([answered], [resolved], 'jd')).toEqual(['Koordinator markerte en kommentar som løst.']);
    expect(threadNews([answered], [resolved], 'koordinator')).toEqual([]);
  });

  it('a new thread by someone else is news; a long comment is cut', () => {
    const long = 'x'.repeat(ANNOUNCED_CHARS + 50);
    const news = threadNews([], [thread('b', [comment('c9', jd, long)])], 'koordinator');
    expect(news).toHaveLength(1);
    expect(news[0]).toContain('x'.repeat(ANNOUNCED_CHARS));
    expect(news[0]).not.toContain('x'.repeat(ANNOUNCED_CHARS + 1));
  });
});
