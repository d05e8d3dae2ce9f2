import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { READ_ONLY_REASON, SessionResponseSchema } from '../../shared/auth.js';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { narrativeText } from '../../shared/narrative.js';
import { startServer } from '../../server/app.js';
import { verifyPassword } from '../../server/auth/passwords.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { closeCode, fetchDoc, openRawSocket, recordingSocket } from '../helpers/clients.js';
import { permissionDeniedReasons, updateFrame } from '../helpers/frames.js';
import { readDatabase } from '../helpers/db.js';
import { startTestServer, tempDataDir, TEST_PASSWORD_COST, type TestServer } from '../helpers/server.js';
import { userCli } from '../helpers/process.js';
import { api, patchJson, signIn, TEST_PASSWORD, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
const JD_DOC = measureDocName(ROUND, 5);

function postSession(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('accounts and sign-in', () => {
  let server: TestServer | null = null;
  const dirs: string[] = [];
  afterEach(async () => {
    await server?.stop();
    server = null;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates the demo accounts; the stored password is not the password, and no log shows it', async () => {
    server = await startTestServer();
    const users = readDatabase(server.dataDir, (db) =>
      db.prepare('SELECT username, role, ministry, password_hash FROM users ORDER BY username').all(),
    ) as { username: string; role: string; ministry: string | null; password_hash: string }[];
    expect(users.map((u) => [u.username, u.role, u.ministry])).toEqual([
      ['ad', 'editor', 'AD'],
      ['bld', 'editor', 'BLD'],
      ['fd', 'editor', 'FD'],
      ['hod', 'editor', 'HOD'],
      ['jd', 'editor', 'JD'],
      ['koordinator', 'coordinator', null],
      ['krd', 'editor', 'KRD'],
      ['ud', 'editor', 'UD'],
    ]);
    for (const user of users) {
      expect(user.password_hash).not.toContain(TEST_PASSWORD);
      expect(user.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(await verifyPassword(TEST_PASSWORD, user.password_hash)).toBe(true);
      expect(await verifyPassword(`${TEST_PASSWORD}x`, user.password_hash)).toBe(false);
    }
    // Every account has its own salt.
    expect(new Set(users.map((u) => u.password_hash)).size).toBe(users.length);
    await postSession(server.url, { username: 'jd', password: 'feil-passord-123' });
    expect(server.logs().join('\n')).not.toContain(TEST_PASSWORD);
    expect(server.logs().join('\n')).not.toContain('feil-passord-123');
    expect(server.logs().join('\n')).toContain('sign-in failed for "jd"');
  });

  it('signs in with an HttpOnly, SameSite=Lax cookie, says who is signed in, and refuses wrong passwords alike', async () => {
    server = await startTestServer();
    const ok = await postSession(server.url, { username: 'hod', password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    const session = SessionResponseSchema.parse(await ok.json());
    expect(session.user).toEqual({ username: 'hod', name: 'Redaktør HOD', ministry: 'HOD', role: 'editor' });
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^samskriv_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    // The database holds only the token's hash.
    const token = /^samskriv_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    const ids = readDatabase(server.dataDir, (db) => db.prepare('SELECT id FROM sessions').all()) as { id: string }[];
    expect(ids.some((row) => row.id === token)).toBe(false);

    const me = await api({ url: server.url, cookie: cookie.split(';')[0] ?? '' }, '/api/session');
    expect(SessionResponseSchema.parse(await me.json()).user.username).toBe('hod');

    const wrong = await postSession(server.url, { username: 'hod', password: 'not-the-password' });
    const unknown = await postSession(server.url, { username: 'nobody', password: 'not-the-password' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const missing = await postSession(server.url, { username: 'hod' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: 'invalid_field', field: 'password' } });
    const extra = await postSession(server.url, { username: 'hod', password: TEST_PASSWORD, role: 'coordinator' });
    expect(await extra.json()).toMatchObject({ error: { code: 'invalid_field', field: 'role' } });
  });

  it('marks the cookie Secure when people reach the server over https (PUBLIC_URL, behind a proxy)', async () => {
    server = await startTestServer({ trustProxy: true, publicUrl: 'https://rapport.example.no' });
    const response = await postSession(server.url, { username: 'jd', password: TEST_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('slows down repeated failures for one account, and for one address', async () => {
    server = await startTestServer({ addressLimits: { freeFailures: 8, baseDelayMs: 60_000, maxDelayMs: 60_000, forgetAfterMs: 60_000 } });
    for (let i = 0; i < 5; i++) {
      expect((await postSession(server.url, { username: 'jd', password: `guess-${i}` })).status).toBe(401);
    }
    // Blocked now, even with the right password, and told for how long.
    const blocked = await postSession(server.url, { username: 'jd', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await blocked.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
    // Other accounts are not locked out by someone guessing at jd's.
    expect((await postSession(server.url, { username: 'hod', password: TEST_PASSWORD })).status).toBe(200);
    // Spraying across accounts from one address trips the address limit.
    for (let i = 0; i < 3; i++) {
      expect((await postSession(server.url, { username: `user${i}`, password: 'guess' })).status).toBe(401);
    }
    expect((await postSession(server.url, { username: 'ud', password: TEST_PASSWORD })).status).toBe(429);
  });

  it('with no DEMO_PASSWORD, generates one, prints it once, and it works', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const logs: string[] = [];
    const first = await startServer({ port: 0, host: '127.0.0.1', dataDir, passwordCost: TEST_PASSWORD_COST, log: (m) => logs.push(m) });
    const password = /with the password (\S+) \(shown only now/.exec(logs.join('\n'))?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect((await postSession(first.url, { username: 'koordinator', password })).status).toBe(200);
    await first.close();
    const again: string[] = [];
    const second = await startServer({ port: 0, host: '127.0.0.1', dataDir, log: (m) => again.push(m) });
    expect(again.join('\n')).not.toContain('demo accounts');
    expect((await postSession(second.url, { username: 'jd', password })).status).toBe(200);
    await second.close();
  });

  it('refuses to start with demo accounts on a non-loopback host unless told', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const start = () =>
      startServer({
        port: 0,
        host: '0.0.0.0',
        publicUrl: 'https://rapport.example.no',
        dataDir,
        demoPassword: TEST_PASSWORD,
        passwordCost: TEST_PASSWORD_COST,
        log: () => {},
      });
    await expect(start()).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 with demo accounts.*SAMSKRIV_ALLOW_DEMO_ACCOUNTS/);
    // Nothing was created by the refused start; on loopback the same directory starts fine.
    expect(readDatabase(dataDir, (db) => db.prepare('SELECT COUNT(*) AS n FROM users').get())).toEqual({ n: 0 });
    const local = await startServer({ port: 0, host: '127.0.0.1', dataDir, demoPassword: TEST_PASSWORD, passwordCost: TEST_PASSWORD_COST, log: () => {} });
    await local.close();
    await expect(start()).rejects.toThrow(/demo accounts \(ad, bld, fd, hod, jd, koordinator, krd, ud\)/);
  });

  it('the user CLI adds a reader, changes roles, resets passwords and disables accounts; open sockets follow', async () => {
    server = await startTestServer({ sessionWatchIntervalMs: 200 });
    const dataDir = server.dataDir;
    const added = await userCli(dataDir, ['add', 'lise', '--name', 'Lise Leser', '--role', 'reader'], 'et-langt-passord-1\n');
    expect(added).toMatchObject({ code: 0 });
    const short = await userCli(dataDir, ['add', 'kort', '--name', 'Kort', '--role', 'reader'], 'kort\n');
    expect(short.code).toBe(2);
    expect(short.output).toContain('at least 12 characters');

    // A reader reads, and cannot write.
    const reader = await signIn(server.url, 'lise', 'et-langt-passord-1');
    expect((await api(reader, `/api/rounds/${ROUND}/measures/5`)).status).toBe(200);
    expect((await patchJson(reader, `/api/rounds/${ROUND}/measures/5`, { status: 'Gjennomført' })).status).toBe(403);

    // Made JD's editor while connected: the socket closes so that it reconnects with the new rights.
    const socket = await openRawSocket(reader, JD_DOC);
    const changed = closeCode(socket);
    expect((await userCli(dataDir, ['role', 'lise', 'editor', '--ministry', 'jd'])).code).toBe(0);
    expect(await changed).toBe(CLOSE_CODES.PERMISSIONS_CHANGED);
    expect((await patchJson(reader, `/api/rounds/${ROUND}/measures/5`, { status: 'Gjennomført' })).status).toBe(200);

    // A new password ends the old sessions; the old password no longer works.
    const again = await openRawSocket(reader, JD_DOC);
    const ended = closeCode(again);
    expect((await userCli(dataDir, ['passwd', 'lise'], 'et-nytt-passord-2\n')).code).toBe(0);
    expect(await ended).toBe(CLOSE_CODES.SESSION_ENDED);
    expect((await postSession(server.url, { username: 'lise', password: 'et-langt-passord-1' })).status).toBe(401);
    const renewed: Target = await signIn(server.url, 'lise', 'et-nytt-passord-2');

    // Disabled: the socket closes, sign-in is refused.
    const third = await openRawSocket(renewed, JD_DOC);
    const disabled = closeCode(third);
    expect((await userCli(dataDir, ['disable', 'lise'])).code).toBe(0);
    expect(await disabled).toBe(CLOSE_CODES.SESSION_ENDED);
    expect((await postSession(server.url, { username: 'lise', password: 'et-nytt-passord-2' })).status).toBe(401);
    expect((await userCli(dataDir, ['list'])).output).toMatch(/lise\teditor\tJD\tdisabled/);
  });

  it('a role the CLI changed holds for the next update of an open socket once the account is read again, before the session watch closes it', async () => {
    server = await startTestServer({ sessionWatchIntervalMs: 60_000 });
    expect((await userCli(server.dataDir, ['add', 'nina', '--name', 'Nina Redaktør', '--role', 'editor', '--ministry', 'jd'], 'et-langt-passord-3\n')).code).toBe(0);
    const nina = await signIn(server.url, 'nina', 'et-langt-passord-3');
    const { socket, frames } = await recordingSocket(nina, JD_DOC);
    const local = new Y.Doc();
    local.on('update', (update: Uint8Array) => socket.send(updateFrame(update)));
    const write = (text: string): void => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      local.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
    };
    const stored = async (): Promise<string> => {
      const doc = await fetchDoc(nina, JD_DOC);
      return narrativeText(doc.getXmlFragment(NARRATIVE_FIELD));
    };

    write('Skrevet som redaktør.');
    await waitFor(async () => (await stored()).includes('Skrevet som redaktør.'), { what: 'the editor’s paragraph stored' });
    // Made a reader from the CLI (another process); the watch would notice only in a minute.
    expect((await userCli(server.dataDir, ['role', 'nina', 'reader'])).code).toBe(0);
    // Any request of the account reads it again.
    expect((await api(nina, '/api/session')).status).toBe(200);
    write('Skrevet som leser.');
    await waitFor(() => permissionDeniedReasons(frames).includes(READ_ONLY_REASON), { what: 'the update refused as read-only' });
    expect(socket.readyState).toBe(socket.OPEN);
    expect(await stored()).not.toContain('Skrevet som leser.');
    socket.close();
  });
});
