import { connect, type Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiErrorSchema, type RoundEvent } from '../../shared/api.js';
import { MAX_COMMENT_CHARS, ThreadSchema, type Thread } from '../../shared/comments.js';
import { MAX_COMMENTS_PER_THREAD } from '../../shared/limits.js';
import { MAX_EVENT_STREAMS_PER_SESSION, MAX_QUEUED_EVENT_BYTES } from '../../server/routes/events.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { openEventStream, type EventStream } from '../helpers/events.js';
import { openNotificationStream } from '../helpers/notifications.js';
import { api, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
const MEASURE = 8;
const EVENTS = `/api/rounds/${ROUND}/events`;

function post(target: Target, path: string, body: unknown): Promise<Response> {
  return api(target, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function startThread(target: Target, body: string): Promise<Thread> {
  const response = await post(target, `/api/rounds/${ROUND}/measures/${MEASURE}/threads`, { body });
  expect(response.status, await response.clone().text()).toBe(201);
  return ThreadSchema.parse(await response.json());
}

/** The thread's `thread` events a stream has had. */
function threadEvents(stream: EventStream, threadId: string): Extract<RoundEvent, { type: 'thread' }>[] {
  return stream.events.filter((e): e is Extract<RoundEvent, { type: 'thread' }> => e.type === 'thread' && e.thread.id === threadId);
}

/** A gauge of `GET /metrics` (served to localhost without a token). */
async function gauge(target: Target, name: string): Promise<number> {
  const text = await (await fetch(`${target.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (line === undefined) throw new Error(`no ${name} in the metrics`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}
const roundStreams = (target: Target): Promise<number> => gauge(target, 'samskriv_event_stream_clients');
const notificationStreams = (target: Target): Promise<number> => gauge(target, 'samskriv_notification_stream_clients');

/** A client that asks for a stream and never reads a byte of the answer: what it is sent waits on the server. */
function openUnreadStream(target: Target, path: string): Socket {
  const url = new URL(target.url);
  const socket = connect(Number(url.port), url.hostname);
  socket.on('error', () => undefined);
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${target.cookie}\r\nAccept: text/event-stream\r\n\r\n`);
  socket.pause();
  return socket;
}

describe('what a round’s event streams cost the server', () => {
  const server = suiteServer();
  const streams: EventStream<unknown>[] = [];
  const sockets: Socket[] = [];
  let jd: Target;
  let hod: Target;

  beforeAll(async () => {
    [jd, hod] = await Promise.all([server.as('jd'), server.as('hod')]);
  });
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    for (const socket of sockets.splice(0)) socket.destroy();
    vi.restoreAllMocks();
    await waitFor(async () => (await roundStreams(server)) === 0 && (await notificationStreams(server)) === 0, { what: 'every stream gone' });
  });

  async function follow(target: Target): Promise<EventStream> {
    const stream = await openEventStream(target, ROUND);
    streams.push(stream);
    await waitFor(() => stream.events[0]?.type === 'snapshot', { what: 'the snapshot' });
    return stream;
  }

  it('serialises an event once, however many streams follow the round', async () => {
    const followers: EventStream[] = [];
    for (let i = 0; i < 5; i++) followers.push(await follow(i % 2 === 0 ? jd : hod));
    const stringify = vi.spyOn(JSON, 'stringify');
    const thread = await startThread(server, 'Fem lesere av samme hendelse.');
    await waitFor(() => followers.every((stream) => threadEvents(stream, thread.id).length === 1), { what: 'the thread event on every stream' });
    const serialised = stringify.mock.calls.filter(([value]) => {
      const event = value as Partial<RoundEvent> | null;
      return typeof event === 'object' && event?.type === 'thread' && event.thread?.id === thread.id;
    });
    expect(serialised).toHaveLength(1);
  });

  it('ends a stream whose client does not read once what waits for it passes the bound; a stream that reads gets every event', async () => {
    const unread = openUnreadStream(hod, EVENTS);
    sockets.push(unread);
    await waitFor(async () => (await roundStreams(server)) === 1, { what: 'the unread stream open' });
    const reader = await follow(jd);
    const thread = await startThread(server, 'Start på en lang tråd.');
    const body = 'y'.repeat(MAX_COMMENT_CHARS - 10);

    // Each reply sends the whole thread, so what is sent grows fast; without a bound it would all
    // wait in the server's memory for the client that never reads.
    let sent = 0;
    let sentWhenEnded: number | null = null;
    for (let comments = 2; comments <= MAX_COMMENTS_PER_THREAD && sent <= 4 * MAX_QUEUED_EVENT_BYTES; comments++) {
      const response = await post(server, `/api/threads/${thread.id}/comments`, { body });
      expect(response.status).toBe(201);
      // A lower bound of the event's size: the event is this thread and a few fields more.
      sent += Buffer.byteLength(await response.text());
      // The stream that reads keeps up: it has this reply before the next is sent.
      await waitFor(() => threadEvents(reader, thread.id).some((e) => e.thread.comments.length === comments), { what: `reply ${comments} on the read stream` });
      if ((await roundStreams(server)) === 1) {
        sentWhenEnded = sent;
        break;
      }
    }
    expect(sentWhenEnded, 'the unread stream was never ended').not.toBeNull();
    expect(sentWhenEnded).toBeGreaterThan(MAX_QUEUED_EVENT_BYTES);

    // The stream that reads is still there and still hears.
    const more = await post(server, `/api/threads/${thread.id}/comments`, { body: 'Én til.' });
    expect(more.status).toBe(201);
    const last = ThreadSchema.parse(await more.json());
    await waitFor(() => threadEvents(reader, thread.id).some((e) => e.thread.comments.length === last.comments.length), { what: 'the last reply on the read stream' });
    expect(await roundStreams(server)).toBe(1);

    // Once the unread client does read, it gets what had reached its connection, and the end.
    let received = 0;
    let closed = false;
    unread.on('data', (chunk: Buffer) => (received += chunk.byteLength));
    unread.on('close', () => (closed = true));
    unread.resume();
    await waitFor(() => closed, { what: 'the unread stream’s connection ended by the server' });
    expect(received).toBeLessThan(sentWhenEnded ?? 0);
  });

  it('ends the oldest round stream of a session that opens one too many; its other streams and other sessions’ keep hearing', async () => {
    const other = await follow(hod);
    const session = await server.as('jd');
    const own: EventStream[] = [];
    for (let i = 0; i <= MAX_EVENT_STREAMS_PER_SESSION; i++) own.push(await follow(session));
    const [oldest, ...rest] = own;
    let oldestEnded = false;
    void oldest?.ended.then(() => (oldestEnded = true));
    await waitFor(() => oldestEnded, { what: 'the oldest stream ended' });
    await waitFor(async () => (await roundStreams(server)) === MAX_EVENT_STREAMS_PER_SESSION + 1, { what: 'the others still open' });

    const thread = await startThread(server, 'Hører alle fanene dette?');
    await waitFor(() => [other, ...rest].every((stream) => threadEvents(stream, thread.id).length === 1), { what: 'the event on every stream left' });
    expect(oldest && threadEvents(oldest, thread.id)).toEqual([]);
  });

  it('ends the oldest notification stream of a session that opens one too many, and none of its round streams', async () => {
    const session = await server.as('jd');
    const round = await follow(session);
    const own: EventStream<unknown>[] = [];
    for (let i = 0; i <= MAX_EVENT_STREAMS_PER_SESSION; i++) {
      const stream = await openNotificationStream(session);
      streams.push(stream);
      own.push(stream);
      await waitFor(() => stream.events.length > 0, { what: 'the notification snapshot' });
    }
    let oldestEnded = false;
    void own[0]?.ended.then(() => (oldestEnded = true));
    await waitFor(() => oldestEnded, { what: 'the oldest notification stream ended' });
    await waitFor(async () => (await notificationStreams(server)) === MAX_EVENT_STREAMS_PER_SESSION, { what: 'the others still open' });
    expect(await roundStreams(server)).toBe(1);
    expect(round.events[0]?.type).toBe('snapshot');
  });
});

describe('how many comments a thread holds', () => {
  const server = suiteServer();

  it(`refuses a reply to a thread of ${MAX_COMMENTS_PER_THREAD} comments (409, naming why); one deleted makes room again`, async () => {
    const thread = await startThread(server, 'Tråd som fylles opp.');
    let last = thread;
    for (let n = 2; n <= MAX_COMMENTS_PER_THREAD; n++) {
      const response = await post(server, `/api/threads/${thread.id}/comments`, { body: `Svar ${n}.` });
      expect(response.status).toBe(201);
      last = ThreadSchema.parse(await response.json());
    }
    expect(last.comments).toHaveLength(MAX_COMMENTS_PER_THREAD);

    const refused = await post(server, `/api/threads/${thread.id}/comments`, { body: 'Ett til.' });
    expect(refused.status).toBe(409);
    const { error } = ApiErrorSchema.parse(await refused.json());
    expect(error).toMatchObject({ code: 'conflict', field: 'comments' });
    expect(error.message).toContain(`${MAX_COMMENTS_PER_THREAD} comments`);
    const threads = z.array(ThreadSchema).parse(await (await api(server, `/api/rounds/${ROUND}/measures/${MEASURE}/threads`)).json());
    expect(threads.find((t) => t.id === thread.id)?.comments).toHaveLength(MAX_COMMENTS_PER_THREAD);

    const deleted = await api(server, `/api/comments/${last.comments.at(-1)?.id ?? ''}`, { method: 'DELETE' });
    expect(deleted.ok).toBe(true);
    expect((await post(server, `/api/threads/${thread.id}/comments`, { body: 'Nå er det plass.' })).status).toBe(201);
  });
});
