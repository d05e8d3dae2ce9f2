import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserCopyOf, fetchThreads } from '../../client/src/api.js';
import { combineLinks } from '../../client/src/connection.js';
import { linkStateOf } from '../../client/src/editor/editConfirmation.js';
import { nextToolIndex, ariaShortcut } from '../../client/src/editor/Toolbar.js';
import { BROWSER_COPY_HEADER } from '../../client/src/localData.js';
import { LiveThreads } from '../../client/src/threads/liveThreads.js';

/** An answer to `GET …/threads` as the server gives it, or as the service worker serves its copy. */
function threadsAnswer({ copy }: { copy: boolean }): Response {
  const headers = new Headers({ 'content-type': 'application/json', date: 'Thu, 03 Dec 2026 13:03:00 GMT' });
  if (copy) headers.set(BROWSER_COPY_HEADER, '1');
  return new Response('[]', { status: 200, headers });
}

/** Lets every settled promise's callbacks run. */
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => vi.unstubAllGlobals());

describe('reads from this browser’s copy are told apart from the server’s answers', () => {
  it('an answer the service worker served from its cache is a copy, fetched at its Date; a fresh one is not', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => threadsAnswer({ copy: true })));
    const copied = await fetchThreads('r', 5);
    expect(browserCopyOf(copied)).toEqual({ fetchedAt: '2026-12-03T13:03:00.000Z' });
    vi.stubGlobal('fetch', vi.fn(async () => threadsAnswer({ copy: false })));
    expect(browserCopyOf(await fetchThreads('r', 5))).toBeNull();
  });

  it('a thread list read from the copy says so until a read from the server replaces it', async () => {
    let copy = true;
    vi.stubGlobal('fetch', vi.fn(async () => threadsAnswer({ copy })));
    const list = new LiveThreads(() => fetchThreads('r', 5), () => true);
    list.reload();
    await flush();
    expect(list.getSnapshot().copy).toEqual({ fetchedAt: '2026-12-03T13:03:00.000Z' });
    // The stream connects again: its snapshot reloads the list, from the server this time.
    copy = false;
    list.onRoundEvent({ type: 'snapshot', roundId: 'r', measures: [] });
    await flush();
    expect(list.getSnapshot().copy).toBeNull();
  });
});

describe('connected means the server answers, not that a socket is open', () => {
  it('the header is not connected while open links have had no answer lately', () => {
    const open = { state: 'connected' as const, unsynced: false };
    expect(combineLinks([open], true, true)).toEqual({ state: 'connected', unsynced: false });
    expect(combineLinks([open], true, false)).toEqual({ state: 'connecting', unsynced: false });
    // Nothing open: nothing to be wrong about.
    expect(combineLinks([], true, false)).toEqual({ state: 'connected', unsynced: false });
  });

  it('a synced sync connection whose heartbeat goes unanswered is reconnecting', () => {
    const link = { connected: true, synced: true, online: true, failedReconnects: 0 };
    expect(linkStateOf({ ...link, answered: true })).toBe('connected');
    expect(linkStateOf({ ...link, answered: false })).toBe('connecting');
  });
});

describe('the toolbar is one tab stop with arrows inside', () => {
  it('arrows move and wrap, Home and End go to the ends, other keys are left alone', () => {
    expect(nextToolIndex('ArrowRight', 0, 9)).toBe(1);
    expect(nextToolIndex('ArrowRight', 8, 9)).toBe(0);
    expect(nextToolIndex('ArrowLeft', 0, 9)).toBe(8);
    expect(nextToolIndex('Home', 5, 9)).toBe(0);
    expect(nextToolIndex('End', 2, 9)).toBe(8);
    expect(nextToolIndex('Tab', 2, 9)).toBeNull();
    expect(ariaShortcut('Ctrl+Shift+8')).toBe('Control+Shift+8');
  });
});
