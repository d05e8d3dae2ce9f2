import Database from 'better-sqlite3';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { AuditPageSchema, type AuditEntry, type AuditKind, type AuditQuery } from '../../shared/audit.js';
import { ThreadSchema } from '../../shared/comments.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { SnapshotSummarySchema } from '../../shared/snapshot.js';
import { AuditRetention } from '../../server/audit/AuditRetention.js';
import { Commands } from '../../server/commands/command.js';
import { identifyPerson } from '../../server/commands/identities.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { DATABASE_FILE, SqliteStore } from '../../server/store/sqliteStore.js';
import type { NewAuditEntry, Store } from '../../server/store/types.js';
import { connectClient, synced, typeParagraph } from '../helpers/clients.js';
import { postRestore, versionsOf } from '../helpers/history.js';
import { userCli } from '../helpers/process.js';
import { startTestServer, TEST_PASSWORD, tempDataDir, type TestServer } from '../helpers/server.js';
import { api, patchJson, signIn, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
const MEASURE = `/api/rounds/${ROUND}/measures/5`;

const COMMANDS_DIR = fileURLToPath(new URL('../../server/commands/', import.meta.url));

/** Exports of server/commands/** that are not commands: the runner and what commands share. */
const NOT_COMMANDS = ['Commands', 'quietly', 'userActor', 'recordSnapshot', 'dueReminder'];

/**
 * Commands that write no audit row, and why: none changes what the report says or who may do
 * what. Every other command has a case in `CASES` below.
 */
const WRITES_NO_ROW: Record<string, string> = {
  notify: 'stores the notifications a change already on record causes, after its commit',
  remindDeadlines: 'deadline reminders: notifications, and the note that a threshold was reminded of',
  markNotificationsRead: 'a person marks their own notifications read',
  recordMailOutcome: 'what became of e-mailing notifications (mail bookkeeping)',
  claimDigest: 'which run sends the daily digest (mail bookkeeping)',
};

/** The names of every value exported from server/commands/** (types leave none). */
async function commandExports(): Promise<string[]> {
  const files = readdirSync(COMMANDS_DIR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const names: string[] = [];
  for (const file of files) names.push(...Object.keys((await import(pathToFileURL(join(COMMANDS_DIR, file)).href)) as object));
  return names;
}

/** Runs commands on `store` as the server's runner does (nothing published), for one no request reaches here. */
function commandsOn(store: Store): Commands {
  const narratives = { read: () => Promise.reject(new Error('no narratives here')) };
  return new Commands(store, { narratives, now: () => new Date(), log: () => undefined }, () => undefined);
}

function send(target: Target, method: string, path: string, body?: unknown): Promise<Response> {
  return api(target, path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

/** The store's audit-log guard failing on demand, to see that a change and its row go together. */
class AuditFailingStore extends SqliteStore {
  failAudit = false;
  override appendAudit(entry: NewAuditEntry) {
    if (this.failAudit) return Promise.reject(new Error('the audit log is full'));
    return super.appendAudit(entry);
  }
}

describe('the audit log', () => {
  let server: TestServer;
  let store: AuditFailingStore;
  let jd: Target;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    store = new AuditFailingStore(dataDir);
    server = await startTestServer({ store, dataDir, deadlineCheckIntervalMs: 50 });
    jd = await server.as('jd');
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function page(query = ''): Promise<AuditEntry[]> {
    const response = await api(server, `/api/audit${query}`);
    expect(response.status).toBe(200);
    return AuditPageSchema.parse(await response.json()).entries;
  }

  /** Runs `change` and returns the audit rows it added, oldest first. */
  async function rowsOf(change: () => Promise<unknown>): Promise<AuditEntry[]> {
    const newest = (await page('?limit=1'))[0]?.id ?? 0;
    await change();
    return (await page('?limit=500')).filter((entry) => entry.id > newest).reverse();
  }

  /**
   * Exactly one row of this kind (by this person, about this target) besides sign-ins and the rows
   * of `besides` (what other commands write on the way). A narrative's state is recorded after its
   * edit, once typing pauses, so a late one may fall into the next change: left out, unless asked for.
   */
  async function oneRow(kind: AuditKind, change: () => Promise<Response | void>, status = 200, besides: readonly AuditKind[] = []): Promise<AuditEntry> {
    const answer: { response?: Response | void } = {};
    const ignored = (row: AuditEntry) => row.kind.startsWith('signin') || besides.includes(row.kind) || (row.kind === 'narrative.state' && kind !== 'narrative.state');
    const rows = (await rowsOf(async () => (answer.response = await change()))).filter((row) => !ignored(row));
    if (answer.response) expect(answer.response.status, `${kind}: ${await answer.response.clone().text()}`).toBe(status);
    expect(rows.map((row) => row.kind), kind).toEqual([kind]);
    return rows[0]!;
  }

  /** The account CLI, which must succeed. */
  async function cli(args: string[], input = ''): Promise<void> {
    const { code, output } = await userCli(dataDir, args, input);
    expect(code, output).toBe(0);
  }

  /**
   * One case per kind of row each command writes, made the way people make it (HTTP, the deadline
   * watch, a narrative edit over a socket, the account CLI), in an order where each finds what it
   * needs. `command` is the export of server/commands/** it runs.
   */
  interface AuditCase {
    command: string;
    kind: AuditKind;
    change: () => Promise<Response | void>;
    status?: number;
    besides?: AuditKind[];
    check?: (row: AuditEntry) => void;
  }
  let threadId = '';
  let commentId = '';
  const NEXT_ROUND = 'statusrapport-2013';
  const CASES: AuditCase[] = [
    {
      command: 'updateMeasureFields',
      kind: 'status.change',
      change: () => patchJson(jd, MEASURE, { status: 'Løpende' }),
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'user', username: 'jd' }, target: { roundId: ROUND, measure: 5, id: null }, after: { status: 'Løpende' } }),
    },
    {
      command: 'updateMeasureFields',
      kind: 'plan.change',
      change: () => patchJson(server, MEASURE, { planText: 'Ny plantekst.' }),
      check: (row) => expect(row).toMatchObject({ actor: { username: 'koordinator' }, after: { planText: 'Ny plantekst.' } }),
    },
    {
      command: 'setReady',
      kind: 'ready.change',
      change: () => send(jd, 'PUT', `${MEASURE}/ready`, { ready: true }),
      check: (row) => expect(row).toMatchObject({ before: { ministry: 'JD', ready: false }, after: { ministry: 'JD', ready: true } }),
    },
    {
      command: 'startThread',
      kind: 'thread.start',
      status: 201,
      change: async () => {
        const response = await send(jd, 'POST', `${MEASURE}/threads`, { body: 'Hvem har tallene?' });
        threadId = ThreadSchema.parse(await response.clone().json()).id;
        return response;
      },
      check: (row) => expect(row.target).toEqual({ roundId: ROUND, measure: 5, id: threadId }),
    },
    {
      command: 'replyToThread',
      kind: 'comment.add',
      status: 201,
      change: async () => {
        const response = await send(server, 'POST', `/api/threads/${threadId}/comments`, { body: 'Vi.' });
        commentId = ThreadSchema.parse(await response.clone().json()).comments.at(-1)!.id;
        return response;
      },
    },
    {
      command: 'editComment',
      kind: 'comment.edit',
      change: () => send(server, 'PATCH', `/api/comments/${commentId}`, { body: 'Vi har dem.' }),
      check: (row) => expect(row).toMatchObject({ before: { body: 'Vi.' }, after: { body: 'Vi har dem.' } }),
    },
    { command: 'setThreadResolved', kind: 'thread.resolve', change: () => send(jd, 'POST', `/api/threads/${threadId}/resolve`) },
    { command: 'setThreadResolved', kind: 'thread.reopen', change: () => send(jd, 'POST', `/api/threads/${threadId}/reopen`) },
    { command: 'deleteComment', kind: 'comment.delete', status: 204, change: () => send(server, 'DELETE', `/api/comments/${commentId}`) },
    { command: 'setEmailDelivery', kind: 'notification.settings', change: () => send(jd, 'PUT', '/api/me/notification-settings', { email: 'daily' }) },
    { command: 'takeSnapshot', kind: 'snapshot.take', status: 201, change: () => send(server, 'POST', `/api/rounds/${ROUND}/snapshots`, { note: 'Før fristen' }) },
    { command: 'updateRound', kind: 'round.update', change: () => patchJson(server, `/api/rounds/${ROUND}`, { title: 'Statusrapport februar 2012 (revidert)' }) },
    {
      command: 'freezeDueRounds',
      kind: 'round.freeze',
      // Moving the deadline is updateRound's row; the freeze the deadline watch then makes is the system's.
      besides: ['round.update'],
      change: async () => {
        expect((await patchJson(server, `/api/rounds/${ROUND}`, { deadline: new Date(Date.now() - 1_000).toISOString() })).status).toBe(200);
        await waitFor(async () => (await page('?kind=round.freeze')).length > 0, { what: 'the freeze' });
      },
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'system' }, target: { roundId: ROUND }, before: { state: 'open' }, after: { state: 'frozen', reason: 'deadline' } }),
    },
    { command: 'reopenRound', kind: 'round.reopen', change: () => send(server, 'POST', `/api/rounds/${ROUND}/reopen`) },
    {
      command: 'createRound',
      kind: 'round.create',
      status: 201,
      change: () => send(server, 'POST', '/api/rounds', { title: 'Statusrapport 2013', deadline: '2030-02-28T12:00' }),
      check: (row) => expect(row).toMatchObject({ target: { roundId: NEXT_ROUND }, after: { previousRoundId: ROUND, frozen: [] } }),
    },
    {
      command: 'recordNarrativeState',
      kind: 'narrative.state',
      // The first edit of a carried-over narrative: the measure is this round's own now.
      change: async () => {
        const client = connectClient(jd, measureDocName(NEXT_ROUND, 5));
        try {
          await synced(client);
          typeParagraph(client, 'Nytt i 2013.');
          await waitFor(async () => (await page(`?round=${NEXT_ROUND}&kind=narrative.state`)).length > 0, { what: 'the narrative’s state recorded' });
        } finally {
          client.destroy();
        }
      },
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'system' }, target: { roundId: NEXT_ROUND, measure: 5 }, after: { carriedOver: false } }),
    },
    {
      command: 'restoreNarrative',
      kind: 'narrative.restore',
      change: async () => {
        const carried = (await versionsOf(server, NEXT_ROUND, 5)).at(-1)!;
        expect(carried.kind).toBe('carriedOver');
        return postRestore(jd, NEXT_ROUND, 5, carried.id);
      },
      check: (row) => expect(row).toMatchObject({ actor: { username: 'jd' }, target: { roundId: NEXT_ROUND, measure: 5 } }),
    },
    // Account changes are made with the CLI, on the same data directory, while the server runs.
    {
      command: 'addAccount',
      kind: 'account.add',
      change: () => cli(['add', 'lise', '--name', 'Lise', '--role', 'reader'], `${TEST_PASSWORD}-lang\n`),
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'cli' }, target: { id: 'lise' }, after: { name: 'Lise', role: 'reader', ministry: null } }),
    },
    {
      command: 'setRole',
      kind: 'account.role',
      change: () => cli(['role', 'lise', 'editor', '--ministry', 'JD']),
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'cli' }, target: { id: 'lise' }, before: { role: 'reader', ministry: null }, after: { role: 'editor', ministry: 'JD' } }),
    },
    {
      command: 'setPassword',
      kind: 'account.password',
      change: () => cli(['passwd', 'lise'], `${TEST_PASSWORD}-nytt\n`),
      // That a password was set, and when: never the password or its hash.
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'cli' }, target: { id: 'lise' }, before: null, after: null }),
    },
    {
      command: 'setEmail',
      kind: 'account.email',
      change: () => cli(['email', 'lise', 'lise@jd.dep.no']),
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'cli' }, target: { id: 'lise' }, before: { email: null }, after: { email: 'lise@jd.dep.no' } }),
    },
    {
      command: 'setDisabled',
      kind: 'account.disable',
      change: () => cli(['disable', 'lise']),
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'cli' }, target: { id: 'lise' }, before: { disabled: false }, after: { disabled: true } }),
    },
    {
      command: 'setDisabled',
      kind: 'account.enable',
      change: () => cli(['enable', 'lise']),
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'cli' }, target: { id: 'lise' }, before: { disabled: true }, after: { disabled: false } }),
    },
    {
      command: 'linkIdentity',
      kind: 'account.link',
      change: () => cli(['link', 'lise', '--email', 'lise@jd.dep.no']),
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'cli' }, target: { id: 'lise' }, before: null, after: { email: 'lise@jd.dep.no', subject: null } }),
    },
    {
      command: 'identifyPerson',
      kind: 'account.link',
      // What the OIDC callback runs once the provider's ID token checks out (an identity provider
      // of its own is oidcSignIn.test.ts's): the pre-registered address binds the subject.
      change: async () => {
        const outcome = await commandsOn(store).run(
          identifyPerson({ issuer: 'https://idp.example.no', subject: 'lise-sub', email: 'lise@jd.dep.no', name: 'Lise', usernameBase: 'lise', assignment: null }),
        );
        expect(outcome).toMatchObject({ ok: true, created: false, user: { username: 'lise' } });
      },
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'system' }, target: { id: 'lise' }, after: { issuer: 'https://idp.example.no', subject: 'lise-sub' } }),
    },
    {
      command: 'unlinkIdentity',
      kind: 'account.link',
      change: () => cli(['unlink', 'lise']),
      check: (row) => expect(row).toMatchObject({ actor: { kind: 'cli' }, target: { id: 'lise' }, before: { subject: 'lise-sub' }, after: null }),
    },
  ];

  it('has a case above, or a stated exemption, for every command exported from server/commands', async () => {
    const exported = await commandExports();
    for (const name of NOT_COMMANDS) expect(exported, `${name} is listed as not a command`).toContain(name);
    const commands = exported.filter((name) => !NOT_COMMANDS.includes(name));
    const accounted = new Set([...CASES.map((c) => c.command), ...Object.keys(WRITES_NO_ROW)]);
    // A new command needs a case (the row it writes) or, if it changes no reported state, an exemption.
    expect(commands.filter((name) => !accounted.has(name)), 'commands with neither a case nor an exemption').toEqual([]);
    expect([...accounted].filter((name) => !commands.includes(name)), 'cases or exemptions of no command').toEqual([]);
  });

  // Nine of the cases run the account CLI, a process each: more time than a test's default.
  it('every command writes exactly one row in its transaction: who, what, the target, before and after', async () => {
    for (const c of CASES) {
      const row = await oneRow(c.kind, c.change, c.status, c.besides);
      c.check?.(row);
    }

    // A refused change writes nothing, and neither does one that changes nothing.
    const hod = await server.as('hod');
    expect((await rowsOf(() => patchJson(hod, MEASURE, { status: 'Gjennomført' }))).filter((row) => !row.kind.startsWith('signin'))).toEqual([]);
    expect(await rowsOf(() => patchJson(jd, MEASURE, { status: 'Gjennomført', base: { status: 'Ikke igangsatt' } }))).toEqual([]);
    expect(await rowsOf(() => patchJson(jd, MEASURE, { status: 'Løpende' }))).toEqual([]);
    // Nor does bookkeeping that is nobody's report (WRITES_NO_ROW).
    expect(await rowsOf(() => send(jd, 'POST', '/api/notifications/read', {}))).toEqual([]);
  }, 90_000);

  it('a change whose row cannot be written is not made either', async () => {
    const before: unknown = await (await api(server, MEASURE)).json();
    store.failAudit = true;
    try {
      expect((await patchJson(server, MEASURE, { status: 'Ikke igangsatt' })).status).toBe(500);
    } finally {
      store.failAudit = false;
    }
    expect(await (await api(server, MEASURE)).json()).toEqual(before);
  });

  it('a sign-in or a sign-out whose row cannot be written does not happen either', async () => {
    const sessionsOf = (username: string): number => {
      const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM sessions WHERE username = ?').get(username) as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const ud = await signIn(server.url, 'ud');
    const open = sessionsOf('ud');
    store.failAudit = true;
    let signingIn: Response;
    let signingOut: Response;
    try {
      signingIn = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ud', password: TEST_PASSWORD }),
      });
      signingOut = await api(ud, '/api/session', { method: 'DELETE' });
    } finally {
      store.failAudit = false;
    }
    expect(signingIn.status).toBe(500);
    expect(signingIn.headers.getSetCookie().filter((cookie) => cookie.startsWith('samskriv_session='))).toEqual([]);
    expect(signingOut.status).toBe(500);
    expect(sessionsOf('ud')).toBe(open);
    // The session whose sign-out could not be recorded is still open.
    expect((await api(ud, '/api/session')).status).toBe(200);
    expect((await api(ud, '/api/session', { method: 'DELETE' })).status).toBe(204);
    expect(sessionsOf('ud')).toBe(open - 1);
  });

  it('sign-ins (success, failure, lockout), sign-outs and exports downloaded are recorded', async () => {
    const wrong = () => fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bld', password: 'feil-passord' }) });
    let failures = 0;
    const rows = await rowsOf(async () => {
      const ud = await signIn(server.url, 'ud');
      // Wrong passwords until the account is held back (ACCOUNT_LIMITS: a handful are free).
      for (let answer = await wrong(); answer.status !== 429; answer = await wrong()) {
        expect(answer.status).toBe(401);
        expect(++failures).toBeLessThan(20);
      }
      await api(ud, `/api/rounds/${ROUND}/export.md`);
      await api(ud, '/api/session', { method: 'DELETE' });
    });
    expect(failures).toBeGreaterThan(0);
    expect(rows.map((row) => [row.kind, row.actor.kind === 'user' ? row.actor.username : row.actor.kind])).toEqual([
      ['signin.success', 'ud'],
      ...Array.from({ length: failures }, () => ['signin.failure', 'bld']),
      ['signin.lockout', 'bld'],
      ['export.download', 'ud'],
      ['signout', 'ud'],
    ]);
    expect(rows[failures + 1]?.target.id).toBe('bld');
    // Who was held back, and from where: never the password.
    expect(z.object({ address: z.string() }).safeParse(rows[failures + 1]?.after).success).toBe(true);
    expect(rows[failures + 2]).toMatchObject({ target: { roundId: ROUND }, after: { format: 'md', draft: true } });
    expect(JSON.stringify(rows)).not.toContain('feil-passord');
  });

  it('is read by the coordinator only, filtered, in pages, and as CSV', async () => {
    expect((await api(jd, '/api/audit')).status).toBe(403);
    expect((await api(server, '/api/audit?kind=nothing')).status).toBe(400);
    const jdRows = await page('?actor=jd&limit=500');
    expect(jdRows.length).toBeGreaterThan(3);
    expect(jdRows.every((row) => row.actor.kind === 'user' && row.actor.username === 'jd')).toBe(true);
    expect((await page('?actor=cli&limit=500')).every((row) => row.actor.kind === 'cli')).toBe(true);
    expect((await page(`?round=${ROUND}&measure=5&kind=status.change`)).every((row) => row.kind === 'status.change' && row.target.measure === 5)).toBe(true);
    // Pages follow each other without gaps or repeats.
    const all = await page('?limit=500');
    const first = AuditPageSchema.parse(await (await api(server, '/api/audit?limit=3')).json());
    const second = AuditPageSchema.parse(await (await api(server, `/api/audit?limit=3&cursor=${first.next}`)).json());
    expect([...first.entries, ...second.entries].map((row) => row.id)).toEqual(all.slice(0, 6).map((row) => row.id));
    // A time window: from inclusive, to exclusive, instants with any offset; a bad one is a 400 naming it.
    const times = [...new Set(all.map((row) => row.at))].sort();
    expect(times.length).toBeGreaterThan(2);
    const middle = times[Math.floor(times.length / 2)]!;
    const inOslo = new Date(Date.parse(middle) + 3_600_000).toISOString().replace('Z', '+01:00');
    const fromMiddle = await page(`?from=${encodeURIComponent(inOslo)}&limit=500`);
    const beforeMiddle = await page(`?to=${encodeURIComponent(middle)}&limit=500`);
    expect(fromMiddle.map((row) => row.id)).toEqual(all.filter((row) => row.at >= middle).map((row) => row.id));
    expect(beforeMiddle.map((row) => row.id)).toEqual(all.filter((row) => row.at < middle).map((row) => row.id));
    expect(fromMiddle.length + beforeMiddle.length).toBe(all.length);
    const badWindow = await api(server, '/api/audit?from=i%20g%C3%A5r');
    expect(badWindow.status).toBe(400);
    expect(JSON.stringify(await badWindow.json())).toContain('from');
    const csv = await (await api(server, '/api/audit.csv?actor=jd')).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,actor_name,kind,round,measure,target,before,after');
    expect(lines.length - 1).toBe(jdRows.length);
  });

  it('the database refuses to change or remove a row', () => {
    const db = new Database(join(dataDir, DATABASE_FILE));
    try {
      expect(() => db.prepare("UPDATE audit_log SET kind = 'x'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  // Last: it freezes the rounds the tests above write in.
  it('a new round that freezes the open rounds records each freeze, the coordinator’s, with its snapshot', async () => {
    const open = ['statusrapport-2013', ROUND];
    let created: Response | null = null;
    const rows = await rowsOf(async () => {
      created = await send(server, 'POST', '/api/rounds', { title: 'Statusrapport 2014', deadline: '2031-02-28T12:00', openRounds: 'freeze' });
    });
    expect(created!.status).toBe(201);
    const mine = rows.filter((row) => !row.kind.startsWith('signin'));
    expect(mine.map((row) => [row.kind, row.target.roundId])).toEqual([...open.map((id) => ['round.freeze', id]), ['round.create', 'statusrapport-2014']]);
    expect(mine.at(-1)).toMatchObject({ actor: { kind: 'user', username: 'koordinator' }, after: { frozen: open } });
    for (const [index, roundId] of open.entries()) {
      const snapshots = z.array(SnapshotSummarySchema).parse(await (await api(server, `/api/rounds/${roundId}/snapshots`)).json());
      const snapshot = snapshots.find((s) => s.reason === 'new_round');
      // As the deadline's freeze is recorded (freezeDueRounds), with the person who made it.
      expect(mine[index]).toMatchObject({
        actor: { kind: 'user', username: 'koordinator' },
        target: { roundId, measure: null, id: snapshot?.id },
        before: { state: 'open' },
        after: { state: 'frozen', reason: 'new_round' },
      });
      expect((await page(`?round=${roundId}&kind=round.freeze`))[0]?.id).toBe(mine[index]!.id);
    }
  });
});

describe('the audit log’s retention', () => {
  it('keeps everything by default; with a number of days, removes older rows and keeps the guard', async () => {
    const dataDir = tempDataDir();
    const store = new SqliteStore(dataDir);
    try {
      const row = (at: string): NewAuditEntry => ({ at, actor: { kind: 'system' }, kind: 'round.freeze', target: { roundId: null, measure: null, id: null }, before: null, after: null });
      await store.appendAudit(row('2026-01-01T00:00:00.000Z'));
      await store.appendAudit(row('2026-03-01T00:00:00.000Z'));
      const now = () => new Date('2026-03-15T00:00:00.000Z');
      expect(await new AuditRetention(store, null, () => undefined, now).prune()).toBe(0);
      expect(await new AuditRetention(store, 30, () => undefined, now).prune()).toBe(1);
      expect((await store.queryAudit({ limit: 10 })).entries.map((e) => e.at)).toEqual(['2026-03-01T00:00:00.000Z']);
      const db = new Database(join(dataDir, DATABASE_FILE));
      try {
        expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      } finally {
        db.close();
      }
    } finally {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** The store's audit query failing on demand after a number of pages. */
class AuditQueryFailingStore extends SqliteStore {
  pagesBeforeFailure = Infinity;
  override queryAudit(query: AuditQuery) {
    if (this.pagesBeforeFailure-- <= 0) return Promise.reject(new Error('the disk is gone'));
    return super.queryAudit(query);
  }
}

describe('the audit log as CSV', () => {
  let server: TestServer;
  let store: AuditQueryFailingStore;
  const dataDir = tempDataDir();
  const ROWS = 1_234;

  beforeAll(async () => {
    store = new AuditQueryFailingStore(dataDir);
    server = await startTestServer({ store, dataDir });
    for (let i = 0; i < ROWS; i++) {
      await store.appendAudit({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), actor: { kind: 'cli' }, kind: 'round.freeze', target: { roundId: ROUND, measure: null, id: `r${i}` }, before: null, after: null });
    }
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds every row across its pages, newest first, as the JSON pages do', async () => {
    const ids: number[] = [];
    for (let cursor: number | null = null; ; ) {
      const response = await api(server, `/api/audit?actor=cli&limit=500${cursor === null ? '' : `&cursor=${cursor}`}`);
      const page = AuditPageSchema.parse(await response.json());
      ids.push(...page.entries.map((entry) => entry.id));
      if (page.next === null) break;
      cursor = page.next;
    }
    expect(ids.length).toBe(ROWS);
    const response = await api(server, '/api/audit.csv?actor=cli');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await response.text()).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(1, -1).map((line) => Number(line.split(',')[0]))).toEqual(ids);
  });

  it('a failure after the first page cuts the download off, so that a file that stops short never looks whole', async () => {
    store.pagesBeforeFailure = 1;
    const response = await api(server, '/api/audit.csv?actor=cli');
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    await waitFor(() => server.logs().some((line) => line.includes('audit.csv failed after it started: Error: the disk is gone')), { what: 'the failure logged' });
    store.pagesBeforeFailure = Infinity;
    // A query the filters refuse is still a 400, before anything is sent.
    expect((await api(server, '/api/audit.csv?from=i%20g%C3%A5r')).status).toBe(400);
  });
});
