import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { measureDocName } from '../../shared/documentLayout.js';
import { RoundDetailSchema } from '../../shared/round.js';
import { SnapshotSummarySchema } from '../../shared/snapshot.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { PresenceUserSchema } from '../../shared/awareness.js';
import { connectClient, openRawSocket, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { awarenessFrame } from '../helpers/frames.js';
import { usePostgres } from '../helpers/postgres.js';
import { useRedis } from '../helpers/redis.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { openEventStream } from '../helpers/events.js';
import { openNotificationStream } from '../helpers/notifications.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { takeSnapshot } from '../helpers/snapshots.js';
import { waitFor } from '../helpers/waitFor.js';

const DOC = measureDocName(DEFAULT_ROUND.id, 7);
const pg = usePostgres();
const redis = useRedis();

/** How often `text` appears in `within`. */
const count = (within: string, text: string): number => within.split(text).length - 1;

describe('several instances on one PostgreSQL, through Redis (REDIS_URL)', () => {
  const clients: TestClient[] = [];
  const servers: TestServer[] = [];

  const connect = (target: Target): TestClient => {
    const client = connectClient(target, DOC);
    clients.push(client);
    return client;
  };
  const instance = async (databaseUrl: string, options: { sessionWatchIntervalMs?: number; deadlineCheckIntervalMs?: number; unloadDelayMs?: number } = {}): Promise<TestServer> => {
    const server = await startTestServer({ databaseUrl, redisUrl: redis.server.url, ...options });
    servers.push(server);
    return server;
  };

  type InstanceOptions = Parameters<typeof instance>[1];
  /** Two instances on a new database, a client synced on each (the koordinator's on B). */
  const twoInstances = async (optionsA: InstanceOptions = {}, optionsB: InstanceOptions = optionsA) => {
    const url = await pg.server.createDatabase();
    const a = await instance(url, optionsA);
    const b = await instance(url, optionsB);
    const onA = connect(a);
    const onB = connect(await b.as('koordinator'));
    await Promise.all([synced(onA), synced(onB)]);
    return { url, a, b, onA, onB };
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.stop();
  });

  it('a client on each instance writes the same measure: both see both edits at once, and a restarted instance has them all', async () => {
    const { url, a, b, onA, onB } = await twoInstances();

    typeParagraph(onA, 'Skrevet på instans A.');
    typeParagraph(onB, 'Skrevet på instans B.');
    for (const client of [onA, onB]) {
      await waitFor(() => client.text().includes('Skrevet på instans A.') && client.text().includes('Skrevet på instans B.'), { what: 'both edits on both' });
    }
    expect(onA.text()).toBe(onB.text());

    // The added latency of a relay between instances: typed on A, seen by a client on A and by the one on B.
    const alsoOnA = connect(await a.as('koordinator'));
    await synced(alsoOnA);
    const latency = async (to: TestClient, label: string): Promise<string> => {
      const samples: number[] = [];
      for (let i = 0; i < 20; i++) {
        const text = `${label} ${i} fra A.`;
        const started = performance.now();
        typeParagraph(onA, text);
        await waitFor(() => to.text().includes(text), { intervalMs: 1, what: `edit ${i} on ${label}` });
        samples.push(performance.now() - started);
      }
      samples.sort((x, y) => x - y);
      return `median ${samples[10]!.toFixed(1)} ms, slowest ${samples.at(-1)!.toFixed(1)} ms`;
    };
    const sameInstance = await latency(alsoOnA, 'A');
    const otherInstance = await latency(onB, 'B');
    console.log(`typed on A (20 edits each), seen on A: ${sameInstance}; seen on B: ${otherInstance}`);
    await waitFor(() => alsoOnA.text() === onB.text(), { what: 'all three converge' });

    // Instance A goes away and comes back: nothing is lost, nothing doubled.
    const before = onB.text();
    for (const client of clients.splice(0)) client.destroy();
    await servers.shift()!.stop();
    const again = await instance(url);
    const late = connect(again);
    await synced(late);
    expect(late.text()).toBe(before);
    expect(count(late.text(), 'Skrevet på instans A.')).toBe(1);
    expect(count(late.text(), 'Skrevet på instans B.')).toBe(1);
    const stillOnB = connect(await b.as('koordinator'));
    await synced(stillOnB);
    typeParagraph(late, 'Etter omstart.');
    await waitFor(() => stillOnB.text().includes('Etter omstart.'), { what: 'edit after restart on B' });
  });

  it('Redis going down loses no stored edit nor event: once it is back, each instance catches up by itself', async () => {
    const { a, b, onA, onB } = await twoInstances();
    typeParagraph(onA, 'Før Redis falt.');
    await waitFor(() => onB.text().includes('Før Redis falt.'), { what: 'edit relayed through Redis' });
    const stream = await openEventStream(b, DEFAULT_ROUND.id);
    const hodStream = await openNotificationStream(await b.as('hod'));

    try {
      await waitFor(() => stream.events[0]?.type === 'snapshot' && hodStream.events[0]?.type === 'snapshot', { what: 'both streams on B opened' });
      await redis.server.stop();
      const reader = connect(await a.as('koordinator'));
      await synced(reader);
      typeParagraph(onA, 'Mens Redis var nede.');
      // Stored on A (relayed to A's other client); B cannot hear of it yet.
      await waitFor(() => reader.text().includes('Mens Redis var nede.'), { what: 'edit stored on A' });
      expect(onB.text()).not.toContain('Mens Redis var nede.');
      // A status and a question for HOD, committed on A meanwhile: their events reach no other instance.
      expect((await patchJson(a, `/api/rounds/${DEFAULT_ROUND.id}/measures/7`, { status: 'Gjennomført' })).status).toBe(200);
      const asked = await api(a, `/api/rounds/${DEFAULT_ROUND.id}/measures/7/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: '@HOD: gjelder dette også dere?' }),
      });
      expect(asked.status).toBe(201);
      const threadId = z.object({ id: z.string() }).parse(await asked.json()).id;

      await redis.server.start();
      await waitFor(() => onB.text().includes('Mens Redis var nede.'), { timeoutMs: 20_000, what: 'B caught up after Redis came back' });
      typeParagraph(onB, 'Etter at Redis kom tilbake.');
      await waitFor(() => onA.text().includes('Etter at Redis kom tilbake.'), { timeoutMs: 20_000, what: 'fan-out again' });
      expect(onA.text()).toBe(onB.text());
      // B's streams are told anew what they may have missed, as a stream that reconnects is.
      await waitFor(
        () => stream.events.some((e) => e.type === 'snapshot' && e.measures.find((m) => m.number === 7)?.status === 'Gjennomført'),
        { timeoutMs: 20_000, what: 'the status on B’s round stream' },
      );
      await waitFor(
        () => hodStream.events.some((e) => e.type === 'snapshot' && e.notifications.some((n) => 'threadId' in n && n.threadId === threadId)),
        { timeoutMs: 20_000, what: 'the question on HOD’s stream on B' },
      );
    } finally {
      stream.close();
      hodStream.close();
    }
  });

  it('presence, round events and a sign-out reach the other instance', async () => {
    // Sessions are checked against the database only once a minute: what ends a socket at once is the fan-out.
    const { a, b, onA, onB } = await twoInstances({ sessionWatchIntervalMs: 60_000 });

    // A caret on A shows on B, and is gone from B when A's client leaves.
    const idOnA = onA.doc.clientID;
    onA.provider.awareness.setLocalStateField('user', { name: 'A', color: '#0062ba' });
    await waitFor(() => onB.provider.awareness.getStates().get(idOnA)?.user !== undefined, { what: "A's presence on B" });
    // Its id is that session's on B too: another session there cannot take it over, even with a newer clock.
    const presenceOf = (id: number): string | undefined => PresenceUserSchema.safeParse(onB.provider.awareness.getStates().get(id)?.user).data?.username;
    const intruder = await openRawSocket(await b.as('jd'), DOC);
    try {
      intruder.send(awarenessFrame([{ clientId: idOnA, clock: 1_000, state: { user: { name: 'Ikke A' } } }]));
      intruder.send(awarenessFrame([{ clientId: 4242, clock: 1, state: { user: { name: 'JD' } } }]));
      // Its next frame arrived: the first was handled before it.
      await waitFor(() => presenceOf(4242) === 'jd', { what: "the intruder's own presence" });
      expect(presenceOf(idOnA)).toBe('koordinator');
    } finally {
      intruder.close();
    }
    clients.splice(clients.indexOf(onA), 1);
    onA.destroy();
    await waitFor(() => !onB.provider.awareness.getStates().has(idOnA), { what: "A's presence gone from B" });

    // A change committed on A reaches a stream on B.
    const stream = await openEventStream(b, DEFAULT_ROUND.id);
    try {
      const patched = await patchJson(a, `/api/rounds/${DEFAULT_ROUND.id}/measures/7`, { status: 'Gjennomført' });
      expect(patched.status).toBe(200);
      await waitFor(() => stream.events.some((e) => e.type === 'measure' && e.measure.number === 7 && e.measure.status === 'Gjennomført'), { what: 'event on B' });
    } finally {
      stream.close();
    }

    // Signing out on A closes that session's socket on B at once.
    const session = await b.as('koordinator');
    const signedIn = connect(session);
    await synced(signedIn);
    const closed = new Promise<number>((resolve) => signedIn.provider.ws?.addEventListener('close', (event) => resolve(event.code)));
    expect((await api({ url: a.url, cookie: session.cookie }, '/api/session', { method: 'DELETE' })).status).toBe(204);
    expect(await closed).toBe(4401);
    // The other session on B stays.
    typeParagraph(onB, 'Fortsatt her.');
    await waitFor(() => onB.provider.wsconnected, { what: 'other session still connected' });
  });

  it('a deadline just passed freezes the round once, with one snapshot, however many instances watch it', async () => {
    const url = await pg.server.createDatabase();
    // Both check every few milliseconds: each would freeze the round, were it not for the lock.
    const a = await instance(url, { deadlineCheckIntervalMs: 5 });
    const b = await instance(url, { deadlineCheckIntervalMs: 5 });
    const round = DEFAULT_ROUND.id;
    const stateOn = async (target: Target, roundId: string): Promise<string> =>
      RoundDetailSchema.parse(await (await api(target, `/api/rounds/${roundId}`)).json()).state;
    expect((await patchJson(a, `/api/rounds/${round}`, { deadline: new Date(Date.now() + 300).toISOString() })).status).toBe(200);
    await waitFor(async () => (await stateOn(b, round)) === 'frozen', { what: 'round frozen' });
    // A later round with a deadline just past: once it is frozen, the watches have run again.
    const created = await api(a, '/api/rounds', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Markør', deadline: new Date(Date.now() + 100).toISOString() }),
    });
    expect(created.status).toBe(201);
    const marker = RoundDetailSchema.parse(await created.json());
    await waitFor(async () => (await stateOn(a, marker.id)) === 'frozen', { what: 'marker round frozen' });
    const snapshots = z.array(SnapshotSummarySchema).parse(await (await api(b, `/api/rounds/${round}/snapshots`)).json());
    expect(snapshots.filter((s) => s.reason === 'deadline')).toHaveLength(1);
  });

  it('a snapshot taken on one instance holds what another stored, even before it has heard of it', async () => {
    const { a, b, onA, onB } = await twoInstances();
    await redis.server.stop();
    try {
      const reader = connect(await b.as('koordinator'));
      await synced(reader);
      typeParagraph(onB, 'Lagret på B før øyeblikksbildet.');
      await waitFor(() => reader.text().includes('Lagret på B før øyeblikksbildet.'), { what: 'stored on B' });
      // A's loaded document has not heard of it (Redis is down): the snapshot reads the database.
      expect(onA.text()).not.toContain('Lagret på B før øyeblikksbildet.');
      const { id } = await takeSnapshot(a, DEFAULT_ROUND.id, 'Med B');
      expect(await (await api(a, `/api/snapshots/${id}`)).text()).toContain('Lagret på B før øyeblikksbildet.');
    } finally {
      await redis.server.start();
    }
  });

  it('a document unloaded on one instance loses nothing another holds: loaded again, it has every edit', async () => {
    const { a, b, onA, onB } = await twoInstances({ unloadDelayMs: 10 }, {});
    typeParagraph(onA, 'Før A slapp dokumentet.');
    await waitFor(() => onB.text().includes('Før A slapp dokumentet.'), { what: 'edit on B' });

    clients.splice(clients.indexOf(onA), 1);
    onA.destroy();
    await waitFor(() => a.stats().loaded === 0, { what: 'unloaded on A' });
    typeParagraph(onB, 'Mens A ikke hadde det.');
    const reader = connect(await b.as('koordinator'));
    await waitFor(() => reader.text().includes('Mens A ikke hadde det.'), { what: 'stored on B' });

    const back = connect(await a.as('koordinator'));
    await synced(back);
    expect(back.text()).toBe(onB.text());
    typeParagraph(back, 'A har det igjen.');
    await waitFor(() => onB.text().includes('A har det igjen.'), { what: 'fan-out after the reload' });
  });
});
