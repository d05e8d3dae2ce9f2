import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.js';
import type { FanoutMessage } from '../../server/fanout/Fanout.js';
import { encodeEnvelope } from '../../server/fanout/messages.js';
import { FANOUT_CHANNEL, RedisFanout } from '../../server/fanout/RedisFanout.js';
import { useRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/waitFor.js';

const redis = useRedis();

/** A fan-out that records what it hears. */
function listening(fanout: RedisFanout): { messages: FanoutMessage[]; missed: number } {
  const heard = { messages: [] as FanoutMessage[], missed: 0 };
  fanout.listen({ message: (message) => heard.messages.push(message), missed: () => heard.missed++ });
  return heard;
}

const update = (n: number): FanoutMessage => ({ kind: 'update', docName: 'r.1', update: new Uint8Array([n]), author: 'jd', clients: [n] });

describe('the fan-out between instances (Redis pub/sub)', () => {
  const opened: { close(): Promise<void> }[] = [];
  const open = (pingIntervalMs = 60_000): RedisFanout => {
    const fanout = new RedisFanout(redis.server.url, () => undefined, pingIntervalMs);
    opened.push(fanout);
    return fanout;
  };
  afterEach(async () => {
    for (const fanout of opened.splice(0)) await fanout.close();
  });

  it('each instance hears the others in order, not itself; a gap in one instance\'s numbering, a stranger\'s bytes and a silent instance are told as possibly missed', async () => {
    const a = open(100);
    const b = open(100);
    const heardByA = listening(a);
    const heardByB = listening(b);
    // Both subscribed: each subscription tells of a possible loss once.
    await waitFor(() => heardByA.missed === 1 && heardByB.missed === 1, { what: 'subscribed' });
    await waitFor(() => (a as unknown as { publisher: Redis }).publisher.status === 'ready', { what: 'publisher ready' });

    a.publish(update(1));
    a.publish(update(2));
    await waitFor(() => heardByB.messages.length === 2, { what: 'messages on B' });
    expect(heardByB.messages.map((m) => (m.kind === 'update' ? m.clients[0] : 0))).toEqual([1, 2]);
    expect(heardByA.messages).toHaveLength(0);
    expect(heardByB.missed).toBe(1);

    // Another process skips a number: B hears the message and catches up.
    const raw = new Redis(redis.server.url);
    try {
      const send = (seq: number, message: FanoutMessage | null): Promise<number> => raw.publish(FANOUT_CHANNEL, Buffer.from(encodeEnvelope({ instance: 'other', seq, message })));
      await send(1, update(7));
      await send(3, update(9));
      await waitFor(() => heardByB.missed === 2, { what: 'gap noticed' });
      expect(heardByB.messages).toHaveLength(4);
      await raw.publish(FANOUT_CHANNEL, Buffer.from('not ours'));
      // 'other' now falls silent: after a few pings it counts as gone, once.
      await waitFor(() => heardByB.missed === 3, { what: 'silent instance noticed' });
      expect(heardByB.messages).toHaveLength(4);
      // A, pinging, is not taken for gone: B checks at each of its own pings, five of them here.
      const pingsOfB = (): number => (b as unknown as { pings: number }).pings;
      const from = pingsOfB();
      await waitFor(() => pingsOfB() >= from + 6, { what: 'five of B\'s checks' });
      expect(heardByB.missed).toBe(3);
    } finally {
      raw.disconnect();
    }
  });

  it('a stall of the process (a long GC, a busy machine) does not make a healthy instance look gone', async () => {
    const a = open(100);
    const b = open(100);
    const heardByB = listening(b);
    await waitFor(() => heardByB.missed === 1, { what: 'subscribed' });
    await waitFor(() => (a as unknown as { publisher: Redis }).publisher.status === 'ready', { what: 'publisher ready' });
    a.publish(update(1));
    await waitFor(() => heardByB.messages.length === 1, { what: 'a message on B' });

    // Both stall for ten pings' time (one process here; elsewhere A's pings would wait in B's socket).
    const until = Date.now() + 1_000;
    while (Date.now() < until) {
      // busy, as a long synchronous task keeps the event loop
    }
    // B's first check after the stall has run by the time A's next message arrives.
    a.publish(update(2));
    await waitFor(() => heardByB.messages.length === 2, { what: 'the next message on B' });
    expect(heardByB.missed, 'A taken for gone').toBe(1);
  });

  it('REDIS_URL: a redis:// or rediss:// URL, with DATABASE_URL (SQLite serves one process)', () => {
    const database = 'postgres://samskriv@127.0.0.1:5432/samskriv';
    expect(readConfig({ DATABASE_URL: database, REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(readConfig({ DATABASE_URL: database, REDIS_URL: ' ' }).redisUrl).toBeUndefined();
    expect(() => readConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL: .*DATABASE_URL/);
    expect(() => readConfig({ DATABASE_URL: database, REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL: a redis:\/\/ or rediss:\/\/ URL/);
  });
});
