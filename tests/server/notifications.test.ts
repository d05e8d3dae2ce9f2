import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../shared/api.js';
import { ThreadSchema, type Thread } from '../../shared/comments.js';
import { MarkReadResponseSchema, type AppNotification } from '../../shared/notifications.js';
import { MentionablesSchema } from '../../shared/mentionables.js';
import { NotificationSettingsSchema } from '../../shared/notificationSettings.js';
import { RoundDetailSchema } from '../../shared/round.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { openEventStream } from '../helpers/events.js';
import { addPeople, notificationsOf, openNotificationStream } from '../helpers/notifications.js';
import { userCli } from '../helpers/process.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { api, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
/** Measure 5 is JD's alone; measure 11 is HOD's alone. */
const JD_MEASURE = 5;

function send(target: Target, method: string, path: string, body?: unknown): Promise<Response> {
  return api(target, path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

async function startThread(target: Target, measure: number, body: string): Promise<Thread> {
  const response = await send(target, 'POST', `/api/rounds/${ROUND}/measures/${measure}/threads`, { body });
  expect(response.status, await response.clone().text()).toBe(201);
  return ThreadSchema.parse(await response.json());
}

async function reply(target: Target, threadId: string, body: string): Promise<Thread> {
  const response = await send(target, 'POST', `/api/threads/${threadId}/comments`, { body });
  expect(response.status, await response.clone().text()).toBe(201);
  return ThreadSchema.parse(await response.json());
}

/** Notifications about a thread. */
const onThread =
  (threadId: string) =>
  (n: AppNotification): boolean =>
    'threadId' in n && n.threadId === threadId;

/** The people of these tests: besides the demo accounts, some whose usernames can be mentioned. */
const PEOPLE = [
  { username: 'ola', name: 'Ola Nordmann', ministry: 'JD' as const },
  { username: 'kari', name: 'Kari Nordmann', ministry: 'HOD' as const },
  { username: 'per', name: 'Per Leser', role: 'reader' as const },
  { username: 'vakt', name: 'Vakt', role: 'reader' as const },
  { username: 'borte', name: 'Borte Bort', ministry: 'UD' as const },
];

describe('mentions and notifications in the app', () => {
  let server: TestServer;
  let as: Record<'jd' | 'hod' | 'ola' | 'kari' | 'per' | 'vakt', Target>;

  /**
   * Notifications are made one at a time, in the order things happened: once a mention of
   * `vakt` made after them has arrived, every notification before it has been made too.
   */
  async function settled(): Promise<void> {
    const before = (await notificationsOf(as.vakt)).notifications.length;
    await startThread(server, 1, '@vakt: kontroll.');
    await waitFor(async () => (await notificationsOf(as.vakt)).notifications.length > before, { what: 'the control notification' });
  }

  async function latest(target: Target): Promise<AppNotification[]> {
    return (await notificationsOf(target)).notifications;
  }

  beforeAll(async () => {
    server = await startTestServer();
    await addPeople(server, PEOPLE);
    const disable = await userCli(server.dataDir, ['disable', 'borte']);
    expect(disable.code).toBe(0);
    const [jd, hod, ola, kari, per, vakt] = await Promise.all(['jd', 'hod', 'ola', 'kari', 'per', 'vakt'].map((u) => server.as(u)));
    as = { jd: jd!, hod: hod!, ola: ola!, kari: kari!, per: per!, vakt: vakt! };
  });
  afterAll(async () => {
    await server.stop();
  });

  it('lists whom a comment can mention: the round’s ministries and the enabled people that @username names', async () => {
    const response = await api(as.per, `/api/rounds/${ROUND}/mentionables`);
    expect(response.status).toBe(200);
    const mentionables = MentionablesSchema.parse(await response.json());
    expect(mentionables.ministries.map((m) => m.code)).toEqual(['UD', 'JD', 'BLD', 'FD', 'HOD', 'AD', 'KRD']);
    expect(mentionables.ministries.find((m) => m.code === 'JD')?.name).toBe('Justis- og beredskapsdepartementet');
    expect(mentionables.people).toEqual([
      { username: 'kari', name: 'Kari Nordmann', ministry: 'HOD' },
      { username: 'koordinator', name: 'Koordinator', ministry: null },
      { username: 'ola', name: 'Ola Nordmann', ministry: 'JD' },
      { username: 'per', name: 'Per Leser', ministry: null },
      { username: 'vakt', name: 'Vakt', ministry: null },
    ]);
    expect((await api(as.per, '/api/rounds/nope/mentionables')).status).toBe(404);
  });

  it('refuses a comment that mentions someone who is neither a ministry nor a person, naming the field and the names', async () => {
    const threads = `/api/rounds/${ROUND}/measures/${JD_MEASURE}/threads`;
    const before = ((await (await api(server, threads)).json()) as unknown[]).length;
    const refused = await send(server, 'POST', threads, { body: '@UDD og @Ukjent, og @JD: se her. @ola' });
    expect(refused.status).toBe(400);
    const error = ApiErrorSchema.parse(await refused.json()).error;
    expect(error).toMatchObject({ code: 'invalid_field', field: 'body', unknown: ['UDD', 'Ukjent'] });
    expect(error.message).toBe('body: unknown mentions @UDD, @Ukjent: neither a ministry nor a person in Samskriv');
    // A disabled account mentions nobody either.
    const disabled = await send(server, 'POST', threads, { body: 'Spør @borte.' });
    expect(ApiErrorSchema.parse(await disabled.json()).error).toMatchObject({ field: 'body', unknown: ['borte'] });
    expect(((await (await api(server, threads)).json()) as unknown[]).length).toBe(before);

    const thread = await startThread(as.ola, JD_MEASURE, 'Utkast til @KRD og @kari.');
    const badReply = await send(as.per, 'POST', `/api/threads/${thread.id}/comments`, { body: 'Og @nobody?' });
    expect(ApiErrorSchema.parse(await badReply.json()).error).toMatchObject({ code: 'invalid_field', field: 'body', unknown: ['nobody'] });
    const comment = thread.comments[0]!;
    const badEdit = await send(as.ola, 'PATCH', `/api/comments/${comment.id}`, { body: 'Utkast til @KRD, @kari og @Feil.' });
    expect(ApiErrorSchema.parse(await badEdit.json()).error).toMatchObject({ field: 'body', unknown: ['Feil'] });
    // Keeping the mentions it had is fine.
    expect((await send(as.ola, 'PATCH', `/api/comments/${comment.id}`, { body: 'Utkast (rettet) til @KRD og @kari.' })).status).toBe(200);
  });

  it('a mention reaches the person named and every account of the ministry named, live and in the list; never its author', async () => {
    const olaStream = await openNotificationStream(as.ola);
    await waitFor(() => olaStream.events[0]?.type === 'snapshot', { what: 'the snapshot first' });
    const unreadBefore = (await notificationsOf(as.ola)).unread;

    const thread = await startThread(server, JD_MEASURE, '@ola og @HOD: stemmer tallene for 2011?\nSe tabell 3.');
    const comment = thread.comments[0]!;
    await waitFor(() => olaStream.events.some((e) => e.type === 'notification' && onThread(thread.id)(e.notification)), {
      what: 'the mention on ola’s stream',
    });
    const event = olaStream.events.find((e) => e.type === 'notification' && onThread(thread.id)(e.notification));
    expect(event).toMatchObject({ type: 'notification', unread: unreadBefore + 1 });

    const [mention] = await latest(as.ola);
    expect(mention).toEqual({
      id: expect.any(String) as string,
      kind: 'mention',
      roundId: ROUND,
      roundTitle: DEFAULT_ROUND.title,
      measure: JD_MEASURE,
      measureTitle: expect.stringMatching(/\S/) as string,
      threadId: thread.id,
      commentId: comment.id,
      by: { username: 'koordinator', name: 'Koordinator', ministry: null },
      excerpt: '@ola og @HOD: stemmer tallene for 2011? Se tabell 3.',
      via: null,
      createdAt: expect.any(String) as string,
      readAt: null,
      link: `/runder/${ROUND}/tiltak/${JD_MEASURE}#kommentar-${thread.id}`,
    });
    expect(event?.type === 'notification' ? event.notification : null).toEqual(mention);
    for (const person of [as.hod, as.kari]) {
      await waitFor(async () => (await latest(person)).some(onThread(thread.id)), { what: 'the ministry’s mention' });
      expect((await latest(person)).find(onThread(thread.id))).toMatchObject({ kind: 'mention', via: 'HOD' });
    }
    await settled();
    // JD was not mentioned (ola was, by name: once); the author hears nothing of their own comment.
    expect((await latest(as.jd)).some(onThread(thread.id))).toBe(false);
    expect((await latest(as.ola)).filter(onThread(thread.id))).toHaveLength(1);
    expect((await latest(server)).some(onThread(thread.id))).toBe(false);
    olaStream.close();
  });

  it('a person named and in a ministry named hears once, by name; an edit notifies only those it adds', async () => {
    const thread = await startThread(as.kari, 11, '@ola og @JD, se her.');
    await waitFor(async () => (await latest(as.jd)).some(onThread(thread.id)), { what: 'JD’s mention' });
    const comment = thread.comments[0]!;
    const edited = await send(as.kari, 'PATCH', `/api/comments/${comment.id}`, { body: '@ola og @JD, se her. Også @per og @UD.' });
    expect(edited.status).toBe(200);
    await waitFor(async () => (await latest(as.per)).some(onThread(thread.id)), { what: 'per’s mention from the edit' });
    await settled();
    expect((await latest(as.ola)).filter(onThread(thread.id))).toMatchObject([{ kind: 'mention', via: null }]);
    expect((await latest(as.jd)).filter(onThread(thread.id))).toMatchObject([{ kind: 'mention', via: 'JD' }]);
    expect((await latest(as.per)).filter(onThread(thread.id))).toMatchObject([
      { kind: 'mention', via: null, excerpt: '@ola og @JD, se her. Også @per og @UD.' },
    ]);
  });

  it('a reply reaches everyone else who wrote in the thread (once, a mention first), not its author', async () => {
    const thread = await startThread(as.ola, JD_MEASURE, 'Jeg har lagt inn tallene.');
    await reply(as.per, thread.id, 'Takk, ser bra ut.');
    await waitFor(async () => (await latest(as.ola)).some((n) => n.kind === 'reply' && n.threadId === thread.id), { what: 'the reply to ola' });
    const answered = await reply(as.kari, thread.id, 'Enig med @per.');
    await waitFor(async () => (await latest(as.ola)).filter(onThread(thread.id)).length === 2, { what: 'kari’s reply to ola' });
    await settled();
    const last = answered.comments.at(-1)!;
    expect((await latest(as.ola)).filter(onThread(thread.id))).toMatchObject([
      { kind: 'reply', by: { username: 'kari' }, commentId: last.id, excerpt: 'Enig med @per.' },
      { kind: 'reply', by: { username: 'per' } },
    ]);
    // per wrote in the thread and is named: one notification, the mention.
    expect((await latest(as.per)).filter(onThread(thread.id))).toMatchObject([{ kind: 'mention', via: null, commentId: last.id }]);
    expect((await latest(as.kari)).some(onThread(thread.id))).toBe(false);
    // Its first author answers: the others hear it, the author does not hear their own reply.
    await reply(as.ola, thread.id, 'Bra, da er vi ferdige. @JD til orientering.');
    await waitFor(async () => (await latest(as.kari)).some(onThread(thread.id)), { what: 'ola’s reply to kari' });
    await settled();
    expect((await latest(as.per)).filter(onThread(thread.id)).map((n) => n.kind)).toEqual(['reply', 'mention']);
    expect((await latest(as.jd)).filter(onThread(thread.id))).toMatchObject([{ kind: 'mention', via: 'JD' }]);
    // Resolving is not a reply.
    expect((await send(as.jd, 'POST', `/api/threads/${thread.id}/resolve`)).status).toBe(200);
    await settled();
    expect((await latest(as.ola)).filter(onThread(thread.id))).toHaveLength(2);
  });

  it('a status changed by someone else reaches the measure’s ministries; the stream says who changed it and from what', async () => {
    const stream = await openEventStream(as.per, ROUND);
    await waitFor(() => stream.events[0]?.type === 'snapshot', { what: 'the round snapshot' });
    const path = `/api/rounds/${ROUND}/measures/${JD_MEASURE}`;
    const before = ((await (await api(server, path)).json()) as { status: string }).status;
    const to = before === 'Gjennomført' ? 'Løpende' : 'Gjennomført';
    expect((await send(server, 'PATCH', path, { status: to })).status).toBe(200);
    await waitFor(() => stream.events.some((e) => e.type === 'measure' && e.previousStatus !== undefined), { what: 'the measure event' });
    expect(stream.events.find((e) => e.type === 'measure' && e.previousStatus !== undefined)).toMatchObject({
      type: 'measure',
      measure: { number: JD_MEASURE, status: to },
      previousStatus: before,
      by: { username: 'koordinator', name: 'Koordinator', ministry: null },
    });
    for (const person of [as.jd, as.ola]) {
      await waitFor(async () => (await latest(person))[0]?.kind === 'status', { what: 'the status notification' });
      expect((await latest(person))[0]).toMatchObject({
        kind: 'status',
        measure: JD_MEASURE,
        from: before,
        to,
        by: { username: 'koordinator' },
        link: `/runder/${ROUND}/tiltak/${JD_MEASURE}`,
      });
    }
    // By one of its own: the others of the ministry hear it, not the one who changed it.
    expect((await send(as.jd, 'PATCH', path, { status: before })).status).toBe(200);
    await waitFor(async () => (await latest(as.ola)).filter((n) => n.kind === 'status').length === 2, { what: 'jd’s change to ola' });
    // The same status again, or another field: nothing to say.
    expect((await send(as.jd, 'PATCH', path, { status: before })).status).toBe(200);
    expect((await send(server, 'PATCH', path, { title: 'Ny tittel på tiltak 5' })).status).toBe(200);
    await settled();
    expect((await latest(as.jd)).filter((n) => n.kind === 'status')).toHaveLength(1);
    expect((await latest(as.ola)).filter((n) => n.kind === 'status')).toHaveLength(2);
    expect((await latest(as.kari)).some((n) => n.kind === 'status')).toBe(false);
    stream.close();
  });

  it('marks some or all read, live on every stream of the person; only their own', async () => {
    const stream = await openNotificationStream(as.ola);
    await waitFor(() => stream.events[0]?.type === 'snapshot', { what: 'snapshot' });
    const snapshot = stream.events[0];
    const list = await notificationsOf(as.ola);
    expect(snapshot).toEqual({ type: 'snapshot', ...list });
    expect(list.unread).toBeGreaterThan(1);
    const [first] = list.notifications;
    const kariOwn = (await latest(as.kari))[0]!;

    const marked = await send(as.ola, 'POST', '/api/notifications/read', { ids: [first!.id, kariOwn.id, 'nope'] });
    expect(marked.status).toBe(200);
    expect(MarkReadResponseSchema.parse(await marked.json())).toEqual({ read: [first!.id], unread: list.unread - 1 });
    await waitFor(() => stream.events.some((e) => e.type === 'read'), { what: 'the read event' });
    expect(stream.events.find((e) => e.type === 'read')).toEqual({ type: 'read', ids: [first!.id], unread: list.unread - 1 });
    expect((await latest(as.kari))[0]?.readAt).toBeNull();
    expect((await latest(as.ola))[0]?.readAt).toEqual(expect.any(String));

    const all = MarkReadResponseSchema.parse(await (await send(as.ola, 'POST', '/api/notifications/read', { all: true })).json());
    expect(all.unread).toBe(0);
    expect(all.read).toHaveLength(list.unread - 1);
    expect((await notificationsOf(as.ola)).unread).toBe(0);
    for (const bad of [{}, { ids: [] }, { all: false }, { ids: ['x'], all: true }, { ids: ['x'], everything: true }]) {
      const refused = await send(as.ola, 'POST', '/api/notifications/read', bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    stream.close();
  });

  it('keeps each person’s choice of e-mail; without SMTP nothing is mailed', async () => {
    const read = async (target: Target) => NotificationSettingsSchema.parse(await (await api(target, '/api/me/notification-settings')).json());
    expect(await read(as.kari)).toEqual({ email: 'immediate', address: null, mailEnabled: false, digestHour: 7 });
    const put = await send(as.kari, 'PUT', '/api/me/notification-settings', { email: 'daily' });
    expect(put.status).toBe(200);
    expect(NotificationSettingsSchema.parse(await put.json())).toMatchObject({ email: 'daily' });
    expect(await read(as.kari)).toMatchObject({ email: 'daily' });
    expect(await read(as.ola)).toMatchObject({ email: 'immediate' });
    const refused = await send(as.kari, 'PUT', '/api/me/notification-settings', { email: 'weekly' });
    expect(refused.status).toBe(400);
    expect(ApiErrorSchema.parse(await refused.json()).error).toMatchObject({ code: 'invalid_field', field: 'email' });
    expect((await send(as.kari, 'PUT', '/api/me/notification-settings', { email: 'off', address: 'x@y.no' })).status).toBe(400);
    expect((await api({ url: server.url, cookie: '' }, '/api/me/notification-settings')).status).toBe(401);
  });

  it('the live stream ends with the session', async () => {
    const session = await server.as('ola');
    const stream = await openNotificationStream(session);
    await waitFor(() => stream.events[0]?.type === 'snapshot', { what: 'snapshot' });
    expect((await send(session, 'DELETE', '/api/session')).status).toBe(204);
    await stream.ended;
    expect((await api(session, '/api/notifications/events')).status).toBe(401);
    expect((await api(session, '/api/notifications')).status).toBe(401);
  });
});

describe('deadline reminders', () => {
  let server: TestServer;
  let deadline: number;
  let now = new Date();

  beforeAll(async () => {
    server = await startTestServer({ notificationCheckIntervalMs: 20, notificationClock: () => now });
    await addPeople(server, [{ username: 'ola', name: 'Ola Nordmann', ministry: 'JD' }]);
    deadline = Date.parse(RoundDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND}`)).json()).deadline);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('48 and 24 hours before, once each, each ministry hears of the measures it has not marked ready', async () => {
    const [jd, ola, hod] = await Promise.all([server.as('jd'), server.as('ola'), server.as('hod')]);
    const measures = (await (await api(server, `/api/rounds/${ROUND}/measures`)).json()) as { number: number; ministries: string[] }[];
    const jdMeasures = measures.filter((m) => m.ministries.includes('JD')).map((m) => m.number);
    expect(jdMeasures.length).toBeGreaterThan(1);
    expect((await send(jd, 'PUT', `/api/rounds/${ROUND}/measures/${jdMeasures[0]}/ready`, { ready: true })).status).toBe(200);
    const deadlines = async (target: Target) => (await notificationsOf(target)).notifications.filter((n) => n.kind === 'deadline');

    now = new Date(deadline - 47 * 60 * 60_000);
    await waitFor(async () => (await deadlines(ola)).length === 1, { what: 'the 48-hour reminder' });
    const [first] = await deadlines(ola);
    expect(first).toMatchObject({
      kind: 'deadline',
      roundId: ROUND,
      roundTitle: DEFAULT_ROUND.title,
      hoursBefore: 48,
      ministry: 'JD',
      measures: jdMeasures.slice(1),
      link: `/runder/${ROUND}`,
      createdAt: now.toISOString(),
    });
    expect(Date.parse(first!.kind === 'deadline' ? first!.deadline : '')).toBe(deadline);
    expect(await deadlines(jd)).toMatchObject([{ hoursBefore: 48, ministry: 'JD' }]);
    expect(await deadlines(hod)).toMatchObject([{ hoursBefore: 48, ministry: 'HOD' }]);
    // The coordinator has no ministry of its own to remind.
    expect(await deadlines(server)).toEqual([]);

    now = new Date(deadline - 23 * 60 * 60_000);
    await waitFor(async () => (await deadlines(ola)).length === 2, { what: 'the 24-hour reminder' });
    expect((await deadlines(ola)).map((n) => (n.kind === 'deadline' ? n.hoursBefore : null))).toEqual([24, 48]);
    // A moved deadline is reminded of anew; the ticks before it repeated nothing.
    const moved = new Date(deadline + 24 * 60 * 60_000).toISOString();
    now = new Date(deadline - 60_000);
    expect((await send(server, 'PATCH', `/api/rounds/${ROUND}`, { deadline: moved })).status).toBe(200);
    await waitFor(async () => (await deadlines(ola)).length === 3, { what: 'the reminder of the moved deadline' });
    const all = await deadlines(ola);
    expect(all.map((n) => (n.kind === 'deadline' ? [n.hoursBefore, Date.parse(n.deadline)] : null))).toEqual([
      [48, Date.parse(moved)],
      [24, deadline],
      [48, deadline],
    ]);
  });
});
