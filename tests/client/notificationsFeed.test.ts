import { describe, expect, it } from 'vitest';
import { NotificationFeed } from '../../client/src/notifications/notificationFeed.js';
import { notificationHeadline, notificationSummary } from '../../client/src/notifications/notificationText.js';
import { mention } from '../helpers/mentionNotification.js';

describe('the notification feed', () => {
  it('takes the snapshot, puts a new one first, and counts as the server says', () => {
    const feed = new NotificationFeed();
    let heard = 0;
    feed.subscribe(() => heard++);
    expect(feed.getSnapshot().notifications).toBeNull();
    feed.apply({ type: 'snapshot', unread: 1, notifications: [mention('a')] });
    feed.apply({ type: 'notification', unread: 2, notification: mention('b') });
    const now = feed.getSnapshot();
    expect(now.notifications?.map((n) => n.id)).toEqual(['b', 'a']);
    expect(now.unread).toBe(2);
    expect(now.arrived?.id).toBe('b');
    expect(heard).toBe(2);
  });

  it('marks read by the answer or by the event, whichever comes first, without counting twice', () => {
    const feed = new NotificationFeed();
    feed.apply({ type: 'snapshot', unread: 2, notifications: [mention('b'), mention('a')] });
    feed.applyReadAnswer({ read: ['a'], unread: 1 }, '2026-11-29T10:05:00.000Z');
    expect(feed.getSnapshot().unread).toBe(1);
    expect(feed.getSnapshot().notifications?.find((n) => n.id === 'a')?.readAt).toBe('2026-11-29T10:05:00.000Z');
    // The stream's event for the same marking: nothing more to count.
    feed.apply({ type: 'read', unread: 1, ids: ['a'] });
    expect(feed.getSnapshot().unread).toBe(1);

    // The event first, then the answer (and meanwhile a new one arrived): the answer changes nothing.
    feed.apply({ type: 'read', unread: 0, ids: ['b'] });
    feed.apply({ type: 'notification', unread: 1, notification: mention('c') });
    feed.applyReadAnswer({ read: ['b'], unread: 0 });
    expect(feed.getSnapshot().unread).toBe(1);
    expect(feed.getSnapshot().notifications?.map((n) => n.readAt === null)).toEqual([true, false, false]);
  });

  it('takes a list read over HTTP only while the stream has given none', () => {
    const feed = new NotificationFeed();
    feed.applyList({ unread: 1, notifications: [mention('a')] });
    expect(feed.getSnapshot().unread).toBe(1);
    feed.apply({ type: 'snapshot', unread: 0, notifications: [] });
    feed.applyList({ unread: 1, notifications: [mention('a')] });
    expect(feed.getSnapshot().notifications).toEqual([]);
  });
});

describe('what a notification says', () => {
  it('names who did what, and the measure', () => {
    expect(notificationHeadline(mention('a'))).toBe('Redaktør JD (JD) nevnte UD');
    expect(notificationHeadline(mention('a', null, null))).toBe('Redaktør JD (JD) nevnte deg');
    expect(notificationSummary(mention('a'))).toBe('Redaktør JD (JD) nevnte UD – Tiltak 5: Tiltak om ofre');
    expect(
      notificationHeadline({
        kind: 'deadline',
        id: 'd',
        createdAt: '2026-11-29T10:00:00.000Z',
        readAt: null,
        link: '/runder/r',
        roundId: 'r',
        roundTitle: 'R',
        deadline: '2026-12-12T12:00:00+01:00',
        hoursBefore: 24,
        ministry: 'JD',
        measures: [3, 5, 9],
      }),
    ).toBe('Fristen er om 24 timer, og JD har ikke meldt klar på tiltakene 3, 5 og 9');
  });
});
