import { describe, expect, it } from 'vitest';
import { NotificationFeed } from '../../client/src/notifications/notificationFeed.js';
import { mention } from '../helpers/mentionNotification.js';

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
