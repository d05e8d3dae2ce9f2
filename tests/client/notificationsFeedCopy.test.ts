import { describe, expect, it } from 'vitest';
import type { AppNotification } from '../../shared/notifications.js';
import { NotificationFeed } from '../../client/src/notifications/notificationFeed.js';

const jd = { username: 'jd', name: 'Redaktør JD', ministry: 'JD' as const };

function mention(id: string): AppNotification {
  return {
    kind: 'mention',
    id,
    createdAt: '2026-11-29T10:00:00.000Z',
    readAt: null,
    link: `/runder/r/tiltak/5#kommentar-t${id}`,
    roundId: 'r',
    roundTitle: 'Statusrapport februar 2012',
    measure: 5,
    measureTitle: 'Tiltak om ofre',
    threadId: `t${id}`,
    commentId: `c${id}`,
    by: jd,
    excerpt: '@UD kan dere svare?',
    via: 'UD',
  };
}

describe('the notification feed from this browser’s copy', () => {
  it('says a list read from the copy is that copy, until the stream’s snapshot', () => {
    const feed = new NotificationFeed();
    const copy = { fetchedAt: '2026-11-29T13:03:00.000Z' };
    feed.applyList({ notifications: [mention('a')], unread: 1 }, copy);
    expect(feed.getSnapshot().copy).toEqual(copy);
    expect(feed.getSnapshot().unread).toBe(1);
    feed.apply({ type: 'snapshot', unread: 2, notifications: [mention('b'), mention('a')] });
    expect(feed.getSnapshot().copy).toBeNull();
    expect(feed.getSnapshot().unread).toBe(2);
  });

  it('a list from the server is no copy, and a copy read after the stream’s snapshot changes nothing', () => {
    const feed = new NotificationFeed();
    feed.applyList({ notifications: [mention('a')], unread: 1 });
    expect(feed.getSnapshot().copy).toBeNull();
    const fresh = new NotificationFeed();
    fresh.apply({ type: 'snapshot', unread: 0, notifications: [] });
    fresh.applyList({ notifications: [mention('a')], unread: 1 }, { fetchedAt: null });
    expect(fresh.getSnapshot()).toMatchObject({ copy: null, unread: 0, notifications: [] });
  });

  it('forgets the copy with everything else when another person signs in', () => {
    const feed = new NotificationFeed();
    feed.applyList({ notifications: [mention('a')], unread: 1 }, { fetchedAt: null });
    feed.clear();
    expect(feed.getSnapshot().copy).toBeNull();
  });
});
