import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { browserCopyOf, fetchNotifications, followNotifications, markNotificationsRead } from '../api.js';
import { whenSignedIn } from '../session.js';
import { NotificationFeed, type FeedSnapshot } from './notificationFeed.js';

/** First wait before reopening the stream the server refused while the session is valid. */
const RETRY_MS = 3_000;
/** Longest such wait: refusals in a row double it up to this. */
const MAX_RETRY_MS = 60_000;

/** When the server refused the stream: reopen once someone is signed in (at once after a new sign-in). */
function reopenWhenSignedIn(reopen: () => void, refusals: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pause = Math.min(RETRY_MS * 2 ** Math.max(0, refusals - 1), MAX_RETRY_MS);
  const cancel = whenSignedIn((already) => {
    timer = setTimeout(reopen, already ? pause : 0);
  });
  return () => {
    cancel();
    if (timer) clearTimeout(timer);
  };
}

interface Followed {
  feed: NotificationFeed;
  /** Components showing the feed now; the stream is open while there are any. */
  users: number;
  stop: (() => void) | null;
}

/** One feed (and one stream) per person, shared by the header and the notifications page. */
const feeds = new Map<string, Followed>();

function followedOf(username: string): Followed {
  let followed = feeds.get(username);
  if (!followed) {
    followed = { feed: new NotificationFeed(), users: 0, stop: null };
    feeds.set(username, followed);
  }
  return followed;
}

/** Opens the person's stream while someone shows it; returns the release, and the last release closes it. */
function retain(username: string): () => void {
  const followed = followedOf(username);
  followed.users++;
  if (!followed.stop) {
    const feed = followed.feed;
    const stopStream = followNotifications((event) => feed.apply(event), reopenWhenSignedIn);
    // Offline, the stream does not open: the last list this browser was given is better than
    // nothing, said to be that copy until the stream's snapshot.
    const abort = new AbortController();
    fetchNotifications(abort.signal).then(
      (list) => feed.applyList(list, browserCopyOf(list)),
      () => undefined,
    );
    followed.stop = () => {
      abort.abort();
      stopStream();
    };
  }
  return () => {
    if (--followed.users > 0) return;
    followed.stop?.();
    followed.stop = null;
    followed.feed.clear();
  };
}

export interface NotificationsView extends FeedSnapshot {
  /** Marks these read; throws when the server did not take it. */
  markRead: (ids: string[]) => Promise<void>;
  markAllRead: () => Promise<void>;
}

/**
 * The signed-in person's notifications, live from the server's stream (`GET
 * /api/notifications/events`), while any component shows them; the person's last one to go
 * closes the stream and forgets them.
 */
export function useNotifications(username: string): NotificationsView {
  const { feed } = followedOf(username);
  useEffect(() => retain(username), [username]);
  const snapshot = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  const markRead = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      feed.applyReadAnswer(await markNotificationsRead({ ids }));
    },
    [feed],
  );
  const markAllRead = useCallback(async () => {
    feed.applyReadAnswer(await markNotificationsRead({ all: true }));
  }, [feed]);
  return { ...snapshot, markRead, markAllRead };
}
