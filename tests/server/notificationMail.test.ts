import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadSchema, type Thread } from '../../shared/comments.js';
import { NotificationSettingsSchema } from '../../shared/notificationSettings.js';
import { osloDate } from '../../shared/osloTime.js';
import { osloWallTimeToIso } from '../../shared/osloInstant.js';
import { RoundDetailSchema } from '../../shared/round.js';
import { readConfig } from '../../server/config.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { addPeople, notificationsOf } from '../helpers/notifications.js';
import { userCli } from '../helpers/process.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { api, type Target } from '../helpers/session.js';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../helpers/smtp.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
const PUBLIC_URL = 'https://rapport.example.no';
const DAY_MS = 24 * 60 * 60_000;

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

/** Mail to one address, in the order it arrived. */
const mailTo = (smtp: TestSmtp, address: string): ReceivedMail[] => smtp.mails.filter((m) => m.to.includes(address));

describe('notifications by e-mail, through a real SMTP server', () => {
  let smtp: TestSmtp;
  let server: TestServer;
  /** The notification timers' clock: days ahead of the round's deadline, moved by the tests. */
  let now: Date;
  /** An Oslo date well before the deadline, and the next ones. */
  let day: (n: number) => string;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown): void => {
    crashes.push(error);
  };

  beforeAll(async () => {
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    smtp = await startTestSmtp();
    server = await startTestServer({
      smtpUrl: smtp.url,
      mailFrom: 'Samskriv <samskriv@rapport.example.no>',
      publicUrl: PUBLIC_URL,
      notificationCheckIntervalMs: 20,
      notificationClock: () => now,
    });
    const deadline = Date.parse(RoundDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND}`)).json()).deadline);
    day = (n) => osloDate(new Date(deadline - 10 * DAY_MS + n * DAY_MS));
    now = new Date(osloWallTimeToIso(day(0), '05:00'));
    await addPeople(server, [
      { username: 'ola', name: 'Ola Nordmann', ministry: 'JD' },
      { username: 'kari', name: 'Kari Nordmann', ministry: 'HOD' },
      { username: 'per', name: 'Per Leser', role: 'reader' },
    ]);
  });
  afterAll(async () => {
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    await server.stop();
    await smtp.stop();
  });

  it('the account CLI sets and removes the address notifications go to', async () => {
    const addresses = [
      ['ola', 'ola@jd.example.no'],
      ['kari', 'kari@hod.example.no'],
      ['per', 'per@example.no'],
      ['hod', 'hod@hod.example.no'],
    ] as const;
    const set = await Promise.all(addresses.map(([username, address]) => userCli(server.dataDir, ['email', username, address])));
    addresses.forEach(([username, address], i) => {
      expect(set[i], set[i]?.output).toMatchObject({ code: 0 });
      expect(set[i]?.output).toContain(`notifications for ${username} are e-mailed to ${address}`);
    });
    const [none, bad, nobody] = await Promise.all([
      userCli(server.dataDir, ['email', 'hod', '--none']),
      userCli(server.dataDir, ['email', 'jd', 'ikke-en-adresse']),
      userCli(server.dataDir, ['email', 'nobody', 'a@b.no']),
    ]);
    expect(none.code).toBe(0);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('email: ikke-en-adresse is not an e-mail address');
    expect(nobody.code).toBe(2);
    const list = await userCli(server.dataDir, ['list']);
    expect(list.output).toMatch(/ola\teditor\tJD\tactive\tola@jd\.example\.no\tOla Nordmann/);

    const ola = await server.as('ola');
    const settings = NotificationSettingsSchema.parse(await (await api(ola, '/api/me/notification-settings')).json());
    expect(settings).toEqual({ email: 'immediate', address: 'ola@jd.example.no', mailEnabled: true, digestHour: 7 });
  });

  it('mails a notification at once, in bokmål, with a link into the app, to those who want it so', async () => {
    const [ola, per] = await Promise.all([server.as('ola'), server.as('per')]);
    expect((await send(per, 'PUT', '/api/me/notification-settings', { email: 'off' })).status).toBe(200);
    const thread = await startThread(server, 5, '@ola og @per, kan dere se på tallene for 2011? @HOD til orientering.');
    await waitFor(() => mailTo(smtp, 'ola@jd.example.no').length === 1, { what: 'the mail to ola' });
    const [mail] = mailTo(smtp, 'ola@jd.example.no');
    expect(mail).toMatchObject({
      from: 'Samskriv <samskriv@rapport.example.no>',
      subject: 'Samskriv: Koordinator nevnte deg i en kommentar til tiltak 5',
    });
    expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');
    const link = `${PUBLIC_URL}/runder/${ROUND}/tiltak/5#kommentar-${thread.id}`;
    expect(mail!.text).toContain('Hei, Ola Nordmann.');
    expect(mail!.text).toContain('Koordinator nevnte deg i en kommentar til tiltak 5.');
    expect(mail!.text).toContain(`Runde: ${DEFAULT_ROUND.title}`);
    expect(mail!.text).toContain('«@ola og @per, kan dere se på tallene for 2011? @HOD til orientering.»');
    expect(mail!.text).toContain(`Åpne i Samskriv: ${link}`);
    expect(mail!.text).toContain('Du får varsler fra Samskriv på e-post med en gang.');

    // kari (HOD, by the ministry) gets hers; per chose none; hod has no address: one mail each for ola and kari.
    await waitFor(() => mailTo(smtp, 'kari@hod.example.no').length === 1, { what: 'the mail to kari' });
    expect(mailTo(smtp, 'kari@hod.example.no')[0]?.subject).toBe('Samskriv: Koordinator nevnte HOD i en kommentar til tiltak 5');
    expect((await notificationsOf(per)).notifications[0]).toMatchObject({ kind: 'mention', threadId: thread.id });
    expect((await notificationsOf(ola)).notifications[0]).toMatchObject({ kind: 'mention', threadId: thread.id });
    expect(smtp.mails).toHaveLength(2);
  });

  it('gathers a daily reader’s notifications into one digest at the hour, in Oslo time, once a day', async () => {
    const kari = await server.as('kari');
    expect((await send(kari, 'PUT', '/api/me/notification-settings', { email: 'daily' })).status).toBe(200);
    const sent = smtp.mails.length;
    const first = await startThread(server, 11, '@kari: første spørsmål.');
    const status = await send(server, 'PATCH', `/api/rounds/${ROUND}/measures/11`, { status: 'Under forberedelse' });
    expect(status.status).toBe(200);
    await waitFor(async () => (await notificationsOf(kari)).notifications.filter((n) => 'measure' in n && n.measure === 11).length === 2, { what: 'both in the app' });
    // Not yet: 06:59 in Oslo.
    now = new Date(osloWallTimeToIso(day(0), '06:59'));
    await startThread(server, 5, '@ola: en kontroll.');
    await waitFor(() => smtp.mails.length === sent + 1, { what: 'ola’s immediate mail' });
    expect(mailTo(smtp, 'kari@hod.example.no')).toHaveLength(1);

    now = new Date(osloWallTimeToIso(day(0), '07:00'));
    await waitFor(() => mailTo(smtp, 'kari@hod.example.no').length === 2, { what: 'kari’s digest' });
    const digest = mailTo(smtp, 'kari@hod.example.no')[1]!;
    expect(digest.subject).toBe('Samskriv: 2 nye varsler');
    expect(digest.text).toContain('Hei, Kari Nordmann.');
    expect(digest.text).toContain('Du har 2 nye varsler i Samskriv:');
    expect(digest.text).toContain('* Koordinator nevnte deg i en kommentar til tiltak 11');
    expect(digest.text).toContain('«@kari: første spørsmål.»');
    expect(digest.text).toContain(`${PUBLIC_URL}/runder/${ROUND}/tiltak/11#kommentar-${first.id}`);
    expect(digest.text).toContain('* Koordinator endret statusen på tiltak 11 til «Under forberedelse»');
    expect(digest.text).toContain(`${PUBLIC_URL}/runder/${ROUND}/tiltak/11\n`);
    expect(digest.text).toContain('Du får varsler fra Samskriv på e-post samlet én gang om dagen.');
    expect(digest.text.indexOf('første spørsmål')).toBeLessThan(digest.text.indexOf('endret statusen'));
    // ola's were sent at once: no digest for ola.
    expect(mailTo(smtp, 'ola@jd.example.no')).toHaveLength(2);

    // Later the same day: no second digest; the next day's carries only what came since.
    now = new Date(osloWallTimeToIso(day(0), '15:00'));
    await startThread(server, 11, '@kari: andre spørsmål.');
    await waitFor(async () => (await notificationsOf(kari)).notifications.some((n) => n.kind === 'mention' && n.excerpt.includes('andre')), {
      what: 'the second question in the app',
    });
    await startThread(server, 5, '@ola: en kontroll til.');
    await waitFor(() => mailTo(smtp, 'ola@jd.example.no').length === 3, { what: 'ola’s second control mail' });
    expect(mailTo(smtp, 'kari@hod.example.no')).toHaveLength(2);
    now = new Date(osloWallTimeToIso(day(1), '07:00'));
    await waitFor(() => mailTo(smtp, 'kari@hod.example.no').length === 3, { what: 'the next day’s digest' });
    const next = mailTo(smtp, 'kari@hod.example.no')[2]!;
    expect(next.subject).toBe('Samskriv: 1 nytt varsel');
    expect(next.text).toContain('«@kari: andre spørsmål.»');
    expect(next.text).not.toContain('første spørsmål');
  });

  it('a failing SMTP server loses nothing: the notification stays in the app, is logged, and goes once more in the next digest', async () => {
    const ola = await server.as('ola');
    const kari = await server.as('kari');
    smtp.refusing = true;
    const thread = await startThread(server, 5, '@ola: mens e-posten er nede.');
    await waitFor(() => server.logs().some((line) => line.startsWith('e-mail to ola (1 notification) failed')), { what: 'the failure logged' });
    expect((await notificationsOf(ola)).notifications[0]).toMatchObject({ threadId: thread.id, readAt: null });
    smtp.refusing = false;

    // The next digest retries it.
    const before = mailTo(smtp, 'ola@jd.example.no').length;
    now = new Date(osloWallTimeToIso(day(2), '07:00'));
    await waitFor(() => mailTo(smtp, 'ola@jd.example.no').length === before + 1, { what: 'the retry in the digest' });
    const retried = mailTo(smtp, 'ola@jd.example.no').at(-1)!;
    expect(retried.subject).toBe('Samskriv: 1 nytt varsel');
    expect(retried.text).toContain('«@ola: mens e-posten er nede.»');
    expect(retried.text).toContain(`${PUBLIC_URL}/runder/${ROUND}/tiltak/5#kommentar-${thread.id}`);

    // Failing at once and in the next digest, it is given up; the digest after that has only what is new.
    smtp.refusing = true;
    const refusedBefore = smtp.refused;
    await startThread(server, 5, '@ola: nede igjen.');
    await waitFor(() => smtp.refused === refusedBefore + 1, { what: 'the immediate mail refused' });
    await startThread(server, 11, '@kari: også nede.');
    await waitFor(async () => (await notificationsOf(kari)).notifications[0]?.kind === 'mention', { what: 'kari’s mention' });
    now = new Date(osloWallTimeToIso(day(3), '07:00'));
    // The digest tries ola's once more and kari's for the first time: both refused.
    await waitFor(() => smtp.refused === refusedBefore + 3, { what: 'the digest refused' });
    smtp.refusing = false;
    const olaBefore = mailTo(smtp, 'ola@jd.example.no').length;
    now = new Date(osloWallTimeToIso(day(4), '07:00'));
    await waitFor(() => mailTo(smtp, 'kari@hod.example.no').some((m) => m.text.includes('også nede')), { what: 'kari’s second try' });
    expect(mailTo(smtp, 'ola@jd.example.no')).toHaveLength(olaBefore);
    expect((await notificationsOf(ola)).notifications.some((n) => n.kind === 'mention' && n.excerpt === '@ola: nede igjen.')).toBe(true);
    expect(crashes).toEqual([]);
  });
});

/** The real store, with what the notification timers read failing while `failing` says so. */
class FaultyStore extends SqliteStore {
  failing = false;

  override listRounds(...args: Parameters<SqliteStore['listRounds']>) {
    if (this.failing) throw new Error('disk on fire');
    return super.listRounds(...args);
  }
  override digestRan(...args: Parameters<SqliteStore['digestRan']>) {
    if (this.failing) throw new Error('disk on fire');
    return super.digestRan(...args);
  }
}

describe('the notification timers end no process: each logs what failed, and goes on', () => {
  it('deadline reminders and the daily digest', async () => {
    const crashes: unknown[] = [];
    const onCrash = (error: unknown): void => {
      crashes.push(error);
    };
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    const smtp = await startTestSmtp();
    const dataDir = tempDataDir();
    const store = new FaultyStore(dataDir);
    let now = new Date();
    const server = await startTestServer({ store, dataDir, smtpUrl: smtp.url, mailFrom: 'samskriv@example.no', notificationCheckIntervalMs: 20, notificationClock: () => now });
    try {
      await addPeople(server, [{ username: 'ola', name: 'Ola Nordmann', ministry: 'JD', email: 'ola@jd.example.no' }]);
      const ola = await server.as('ola');
      expect((await send(ola, 'PUT', '/api/me/notification-settings', { email: 'daily' })).status).toBe(200);
      const deadline = Date.parse(RoundDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND}`)).json()).deadline);
      const dayBefore = osloDate(new Date(deadline - DAY_MS));
      store.failing = true;
      now = new Date(osloWallTimeToIso(dayBefore, '06:00'));
      await waitFor(() => server.logs().some((line) => line.startsWith('deadline reminder check failed: Error: disk on fire')), { what: 'the reminder failure logged' });
      store.failing = false;
      await waitFor(async () => (await notificationsOf(ola)).notifications.some((n) => n.kind === 'deadline'), { what: 'the reminder once the store answers' });
      store.failing = true;
      now = new Date(osloWallTimeToIso(dayBefore, '07:00'));
      await waitFor(() => server.logs().some((line) => line.startsWith('daily digest check failed: Error: disk on fire')), { what: 'the digest failure logged' });
      store.failing = false;
      await waitFor(() => mailTo(smtp, 'ola@jd.example.no').length === 1, { what: 'the digest once the store answers' });
      expect(mailTo(smtp, 'ola@jd.example.no')[0]?.text).toContain('Fristen nærmer seg: JD har');
      expect(crashes).toEqual([]);
    } finally {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
      await server.stop();
      await smtp.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('e-mail configuration from the environment', () => {
  it('reads SMTP_URL, MAIL_FROM and MAIL_DIGEST_HOUR, refusing what cannot work and naming it', () => {
    expect(readConfig({})).toMatchObject({ mailDigestHour: 7 });
    expect(readConfig({})).not.toHaveProperty('smtpUrl');
    expect(readConfig({ SMTP_URL: 'smtp://u:p@smtp.example.no:587', MAIL_FROM: 'Samskriv <samskriv@dep.no>', MAIL_DIGEST_HOUR: '6' })).toMatchObject({
      smtpUrl: 'smtp://u:p@smtp.example.no:587',
      mailFrom: 'Samskriv <samskriv@dep.no>',
      mailDigestHour: 6,
    });
    expect(() => readConfig({ SMTP_URL: 'smtp://smtp.example.no' })).toThrow(/MAIL_FROM: the sender of notification e-mails is required with SMTP_URL/);
    expect(() => readConfig({ SMTP_URL: 'https://smtp.example.no', MAIL_FROM: 'a@b.no' })).toThrow(/SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => readConfig({ MAIL_DIGEST_HOUR: '24' })).toThrow(/MAIL_DIGEST_HOUR/);
  });
});
