import { afterEach, describe, expect, it } from 'vitest';
import type { RoundEvent } from '../../shared/api.js';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { ThreadSchema } from '../../shared/comments.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { RoundDetailSchema } from '../../shared/round.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { openEventStream, type EventStream } from '../helpers/events.js';
import { usePostgres } from '../helpers/postgres.js';
import { useRedis } from '../helpers/redis.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
const MEASURE = 7;
const DOC = measureDocName(ROUND, MEASURE);
/** Well under the session watch's interval below: only the fan-out can be this quick. */
const PROMPTLY_MS = 5_000;
const pg = usePostgres();
const redis = useRedis();

const postJson = (target: Target, path: string, body: unknown): Promise<Response> =>
  api(target, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The thread events of one thread a stream received, as `kind: comment count`. */
const threadChanges = (events: readonly RoundEvent[], threadId: string): string[] =>
  events.flatMap((e) => (e.type === 'thread' && e.thread.id === threadId ? [`${e.change?.kind}: ${e.thread.comments.length}`] : []));

describe('several instances: round and thread events and sign-outs fan out through Redis', () => {
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];
  const streams: EventStream[] = [];
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.stop();
  });

  /** Two instances on a new database; sessions are checked against it only once a minute. */
  const twoInstances = async (): Promise<{ a: TestServer; b: TestServer }> => {
    const url = await pg.server.createDatabase();
    const options = { databaseUrl: url, redisUrl: redis.server.url, sessionWatchIntervalMs: 60_000 };
    const a = await startTestServer(options);
    servers.push(a);
    const b = await startTestServer(options);
    servers.push(b);
    return { a, b };
  };
  const stream = async (target: Target): Promise<EventStream> => {
    const opened = await openEventStream(target, ROUND);
    streams.push(opened);
    await waitFor(() => opened.events[0]?.type === 'snapshot', { what: 'the stream’s first snapshot' });
    return opened;
  };

  it('a thread started, answered and resolved on A, and a deadline moved there, reach a stream on B as events, in order', async () => {
    const { a, b } = await twoInstances();
    const onB = await stream(await b.as('hod'));

    const started = await postJson(a, `/api/rounds/${ROUND}/measures/${MEASURE}/threads`, { body: 'Startet på instans A.' });
    expect(started.status).toBe(201);
    const threadId = ThreadSchema.parse(await started.json()).id;
    await waitFor(() => threadChanges(onB.events, threadId).length === 1, { what: 'the new thread on B' });
    const first = onB.events.find((e) => e.type === 'thread' && e.thread.id === threadId);
    expect(first?.type === 'thread' && first.thread.comments.map((c) => c.body)).toEqual(['Startet på instans A.']);

    const replied = await postJson(await a.as('jd'), `/api/threads/${threadId}/comments`, { body: 'Svar fra JD, også på A.' });
    expect(replied.status).toBe(201);
    await waitFor(() => threadChanges(onB.events, threadId).length === 2, { what: 'the reply on B' });
    expect((await api(a, `/api/threads/${threadId}/resolve`, { method: 'POST' })).status).toBe(200);
    await waitFor(() => threadChanges(onB.events, threadId).length === 3, { what: 'the resolution on B' });
    expect(threadChanges(onB.events, threadId)).toEqual(['started: 1', 'replied: 2', 'resolved: 2']);
    const last = onB.events.findLast((e) => e.type === 'thread');
    expect(last?.type === 'thread' && last.thread.resolved && last.thread.comments.at(-1)?.body).toBe('Svar fra JD, også på A.');

    // The coordinator moves the deadline on A: B's stream hears of the round as it is now.
    const current = RoundDetailSchema.parse(await (await api(a, `/api/rounds/${ROUND}`)).json());
    const deadline = new Date(Date.parse(current.deadline) + 7 * 24 * 3_600_000).toISOString();
    expect((await patchJson(a, `/api/rounds/${ROUND}`, { deadline })).status).toBe(200);
    const moved = await waitFor(() => onB.events.find((e) => e.type === 'round' && Date.parse(e.round.deadline) === Date.parse(deadline)), {
      what: 'the new deadline on B',
    });
    expect(moved.type === 'round' && moved.round.id).toBe(ROUND);
  });

  it('signing out on A ends that session’s socket and event stream on B at once; another session there stays', async () => {
    const { a, b } = await twoInstances();
    const leaving = await b.as('koordinator');
    const staying = await b.as('koordinator');
    const socket = connectClient(leaving, DOC);
    const stays = connectClient(staying, DOC);
    const onA = connectClient(a, DOC);
    clients.push(socket, stays, onA);
    await Promise.all([synced(socket), synced(stays), synced(onA)]);
    const leavingStream = await stream(leaving);
    const stayingStream = await stream(staying);
    let closeCode: number | null = null;
    socket.provider.ws?.addEventListener('close', (event) => (closeCode = event.code));
    let streamEnded = false;
    void leavingStream.ended.then(() => (streamEnded = true));

    expect((await api({ url: a.url, cookie: leaving.cookie }, '/api/session', { method: 'DELETE' })).status).toBe(204);
    await waitFor(() => closeCode !== null && streamEnded, { timeoutMs: PROMPTLY_MS, what: 'the signed-out session’s socket and stream on B closed' });
    expect(closeCode).toBe(CLOSE_CODES.SESSION_ENDED);

    // The other session on B still edits, and its stream still hears what A commits.
    typeParagraph(stays, 'Fortsatt tilkoblet på B.');
    await waitFor(() => onA.text().includes('Fortsatt tilkoblet på B.'), { what: 'the other session’s edit on A' });
    expect((await patchJson(a, `/api/rounds/${ROUND}/measures/${MEASURE}`, { status: 'Gjennomført' })).status).toBe(200);
    await waitFor(() => stayingStream.events.some((e) => e.type === 'measure' && e.measure.status === 'Gjennomført'), { what: 'the other stream still open' });
  });
});
