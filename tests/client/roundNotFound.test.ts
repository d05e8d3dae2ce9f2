import { describe, expect, it } from 'vitest';
import type { RoundEvent } from '../../shared/api.js';
import type { RoundDetail } from '../../shared/round.js';
import { LiveRound, LiveRoundSet, RoundNotFoundError, type LiveRoundSources, type RoundLink } from '../../client/src/liveRound.js';
import type { LinkState } from '../../client/src/connection.js';

/** Lets every settled promise's callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function detail(id: string, state: RoundDetail['state'] = 'open'): RoundDetail {
  return {
    id,
    title: `Runde ${id}`,
    deadline: '2026-12-12T12:00:00+01:00',
    state,
    frozenAt: null,
    previousRoundId: null,
    planTitle: 'Handlingsplan',
    intro: '',
    measureCount: 0,
    importWarnings: [],
  };
}

/** Rounds the fake server knows; any other id is a 404. Streams are recorded, and can be fed. */
function fakeServer(known: readonly string[], { offline = false } = {}) {
  const streams = new Map<string, { open: boolean; send: (event: RoundEvent) => void }>();
  const sources: LiveRoundSources = {
    fetchRound: (id) => {
      if (offline) return Promise.reject(new TypeError('Failed to fetch'));
      return known.includes(id) ? Promise.resolve(detail(id)) : Promise.reject(new RoundNotFoundError(`no round ${id}`));
    },
    follow: (id, onEvent) => {
      const stream = { open: true, send: onEvent };
      streams.set(id, stream);
      return () => {
        stream.open = false;
      };
    },
    onAuthTrouble: () => () => undefined,
  };
  return { sources, streams };
}

/** A missing round is said to be missing, and never waited for as if the network were down. */
describe('a round the server does not know', () => {
  it('is not found, and its stream is no longer followed', async () => {
    const server = fakeServer([]);
    const live = new LiveRound('finnes-ikke', server.sources);
    live.start();
    expect(server.streams.get('finnes-ikke')?.open).toBe(true);
    await settle();
    expect(live.getSnapshot()).toMatchObject({ notFound: true, round: null });
    expect(server.streams.get('finnes-ikke')?.open).toBe(false);
  });

  it('a round that cannot be read for another reason (offline) is not "not found", and its stream stays', async () => {
    const server = fakeServer([], { offline: true });
    const live = new LiveRound('r', server.sources);
    live.start();
    await settle();
    expect(live.getSnapshot()).toMatchObject({ notFound: false, error: 'Failed to fetch' });
    expect(server.streams.get('r')?.open).toBe(true);
  });

  it('started again once known missing (a remount), it stops following at once', async () => {
    const server = fakeServer([]);
    const live = new LiveRound('x', server.sources);
    const stop = live.start();
    await settle();
    stop();
    live.start();
    expect(server.streams.get('x')?.open).toBe(false);
    expect(live.getSnapshot().notFound).toBe(true);
  });
});

/** The other open rounds an overview follows, each with its own stream and link. */
describe('a set of live rounds', () => {
  function links() {
    const states = new Map<number, LinkState | 'released'>();
    let next = 0;
    const open = (): RoundLink => {
      const id = next++;
      states.set(id, 'connecting');
      return { set: (state) => states.set(id, state), release: () => states.set(id, 'released') };
    };
    return { states, open };
  }

  it('reads and follows each round, passes on every event, and lets go of every stream and link when stopped', async () => {
    const server = fakeServer(['a', 'b']);
    const set = new LiveRoundSet(['a', 'b', 'a'], server.sources);
    const seen: RoundEvent[] = [];
    const link = links();
    let changes = 0;
    set.subscribe(() => changes++);
    const stop = set.start((event) => seen.push(event), link.open);
    await settle();
    expect([...set.getSnapshot().keys()]).toEqual(['a', 'b']);
    expect(set.getSnapshot().get('b')?.round?.title).toBe('Runde b');
    expect(changes).toBeGreaterThan(0);

    const frozen: RoundEvent = { type: 'round', roundId: 'b', round: detail('b', 'frozen') };
    server.streams.get('b')?.send(frozen);
    expect(seen).toEqual([frozen]);
    expect(set.getSnapshot().get('b')?.round?.state).toBe('frozen');

    stop();
    expect([...server.streams.values()].map((s) => s.open)).toEqual([false, false]);
    expect([...link.states.values()]).toEqual(['released', 'released']);
  });

  it('releases the link of a round found missing, so the header does not wait for it', async () => {
    const server = fakeServer(['a']);
    const set = new LiveRoundSet(['a', 'gone'], server.sources);
    const link = links();
    set.start(() => undefined, link.open);
    await settle();
    expect(set.getSnapshot().get('gone')?.notFound).toBe(true);
    expect(link.states.get(1)).toBe('released');
    expect(link.states.get(0)).not.toBe('released');
  });

  it('an empty set follows nothing', () => {
    const server = fakeServer([]);
    const set = new LiveRoundSet([], server.sources);
    set.start(() => undefined, links().open)();
    expect(set.getSnapshot().size).toBe(0);
    expect(server.streams.size).toBe(0);
  });
});
