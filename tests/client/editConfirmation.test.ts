import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  CONFIRM_DELAY_MS,
  CONFIRM_RETRY_MS,
  EditConfirmation,
  afterServerAnswer,
  linkStateOf,
  type Clocks,
  type Confirmation,
} from '../../client/src/editor/editConfirmation.js';
import { LIMIT_REFUSAL_PREFIX } from '../../shared/auth.js';

const clocks = (doc: Y.Doc): Clocks => Y.decodeStateVector(Y.encodeStateVector(doc));

/**
 * This browser's copy and the server's stored copy as two Y.Docs; the server's state vector is
 * what `GET /api/documents/:docName/state-vector` would answer. `deliver` stores everything.
 */
function setup({ connected = true }: { connected?: boolean } = {}) {
  const local = new Y.Doc();
  const server = new Y.Doc();
  const text = local.getText('narrative');
  const link = { connected, failing: false };
  let remembered: Uint8Array | null = null;
  const asked: number[] = [];
  const seen: Confirmation[] = [];
  const settled: boolean[] = [];
  const confirmation = new EditConfirmation(
    {
      local: () => clocks(local),
      connected: () => link.connected,
      fetchStored: () => {
        asked.push(Date.now());
        return link.failing ? Promise.reject(new Error('offline')) : Promise.resolve(Y.encodeStateVector(server));
      },
      lastConfirmed: () => (remembered ? Y.decodeStateVector(remembered) : new Map()),
      rememberConfirmed: (stored) => {
        remembered = stored;
      },
      settled: (unsynced) => settled.push(unsynced),
    },
    (status) => seen.push(status),
  );
  const edit = (words: string): void => {
    text.insert(text.length, words);
    confirmation.edited();
  };
  const deliver = (): void => Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
  return { local, server, link, confirmation, edit, deliver, asked, seen, settled, remembered: () => remembered };
}

describe('edit confirmation: the server is asked what it stores, on a moved clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('an edit is unconfirmed at once; the server is asked after a quiet moment, and its answer confirms it', async () => {
    const s = setup();
    s.edit('Tallene for 2011');
    expect(s.confirmation.status).toMatchObject({ unsynced: true, checked: false });
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS - 1);
    expect(s.asked).toHaveLength(0);
    s.deliver();
    await vi.advanceTimersByTimeAsync(1);
    expect(s.asked).toHaveLength(1);
    expect(s.confirmation.status).toEqual({ unsynced: false, checked: true, refused: false, refusedFor: null });
    expect(s.remembered()).not.toBeNull();
    expect(s.settled).toEqual([false]);
  });

  it('typing on postpones the question: one question for a burst of edits', async () => {
    const s = setup();
    for (let i = 0; i < 5; i++) {
      s.edit(`ord ${i} `);
      await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS / 2);
    }
    expect(s.asked).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    expect(s.asked).toHaveLength(1);
  });

  it('while the server lacks an edit it is the server’s own answer (checked), and it is asked again until it has it', async () => {
    const s = setup();
    s.edit('Ikke lagret ennå');
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    expect(s.confirmation.status).toMatchObject({ unsynced: true, checked: true });
    // An answer that lacks the edit is not kept as what the server confirmed.
    expect(s.remembered()).toBeNull();
    await vi.advanceTimersByTimeAsync(CONFIRM_RETRY_MS - 1);
    expect(s.asked).toHaveLength(1);
    s.deliver();
    await vi.advanceTimersByTimeAsync(1);
    expect(s.asked).toHaveLength(2);
    expect(s.confirmation.status).toMatchObject({ unsynced: false, checked: true });
    // Confirmed: nothing more to ask.
    await vi.advanceTimersByTimeAsync(10 * CONFIRM_RETRY_MS);
    expect(s.asked).toHaveLength(2);
  });

  it('a failed question is asked again after the retry pause, and changes nothing meanwhile', async () => {
    const s = setup();
    s.edit('Hei');
    s.link.failing = true;
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    expect(s.confirmation.status).toMatchObject({ unsynced: true, checked: false });
    s.link.failing = false;
    s.deliver();
    await vi.advanceTimersByTimeAsync(CONFIRM_RETRY_MS);
    expect(s.asked).toHaveLength(2);
    expect(s.confirmation.status).toMatchObject({ unsynced: false, checked: true });
  });

  it('offline, the copy is compared with what the server last confirmed, without asking it', async () => {
    const s = setup();
    s.edit('Lagret');
    s.deliver();
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    expect(s.confirmation.status.unsynced).toBe(false);

    s.link.connected = false;
    s.confirmation.checkIn(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.confirmation.status.unsynced).toBe(false);
    s.edit(' og skrevet offline');
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS + 5 * CONFIRM_RETRY_MS);
    expect(s.asked).toHaveLength(1);
    expect(s.confirmation.status.unsynced).toBe(true);
  });

  it('after a reload, kept edits the server never confirmed count as unconfirmed before any connection', async () => {
    const s = setup({ connected: false });
    s.local.getText('narrative').insert(0, 'Fra IndexedDB'); // no `edited()`: loaded, not typed
    s.confirmation.checkIn(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.confirmation.status).toMatchObject({ unsynced: true, checked: false });
  });

  it('a refusal is remembered with its reason while edits are missing, and cleared once the server has them all', async () => {
    const s = setup();
    s.edit('Etter fristen');
    s.confirmation.refused('read-only: the round is frozen');
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    expect(s.confirmation.status).toEqual({ unsynced: true, checked: true, refused: true, refusedFor: 'rights' });
    // A new edit while refused only adds to what the server lacks: still the server's word.
    s.edit(' mer');
    expect(s.confirmation.status).toMatchObject({ unsynced: true, checked: true, refused: true });
    s.deliver();
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS);
    expect(s.confirmation.status).toEqual({ unsynced: false, checked: true, refused: false, refusedFor: null });
  });

  it('a refusal for a limit says limit, not rights', () => {
    const s = setup();
    s.confirmation.refused(`${LIMIT_REFUSAL_PREFIX} too deep`);
    expect(s.confirmation.status.refusedFor).toBe('limit');
  });

  it('stopped, it asks nothing more', async () => {
    const s = setup();
    s.edit('Hei');
    s.confirmation.stop();
    await vi.advanceTimersByTimeAsync(10 * CONFIRM_RETRY_MS);
    expect(s.asked).toHaveLength(0);
  });
});

describe('edit confirmation: the decisions', () => {
  const none: Confirmation = { unsynced: true, checked: false, refused: false, refusedFor: null };

  it('remembers an answer only when it covers what was asked about, and judges by the copy as it is now', () => {
    const local = new Y.Doc();
    local.getText('t').insert(0, 'a');
    const asked = clocks(local);
    const stored = clocks(local);
    local.getText('t').insert(1, 'b'); // typed while the question was under way
    const answer = afterServerAnswer(none, { asked, local: clocks(local), stored });
    expect(answer).toEqual({ remember: true, status: { unsynced: true, checked: true, refused: false, refusedFor: null } });
    expect(afterServerAnswer(none, { asked: clocks(local), local: clocks(local), stored }).remember).toBe(false);
  });

  it('the header’s word for the sync link', () => {
    expect(linkStateOf({ connected: true, synced: true, online: true, failedReconnects: 0 })).toBe('connected');
    expect(linkStateOf({ connected: true, synced: false, online: true, failedReconnects: 0 })).toBe('connecting');
    expect(linkStateOf({ connected: false, synced: false, online: true, failedReconnects: 1 })).toBe('connecting');
    expect(linkStateOf({ connected: false, synced: false, online: true, failedReconnects: 2 })).toBe('offline');
    expect(linkStateOf({ connected: false, synced: false, online: false, failedReconnects: 0 })).toBe('offline');
  });
});
