import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPageSchema, type AuditEntry, type AuditKind } from '../../shared/audit.js';
import { ThreadSchema } from '../../shared/comments.js';
import { AuditRetention } from '../../server/audit/AuditRetention.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { DATABASE_FILE, SqliteStore } from '../../server/store/sqliteStore.js';
import type { NewAuditEntry } from '../../server/store/types.js';
import { userCli } from '../helpers/process.js';
import { startTestServer, TEST_PASSWORD, tempDataDir, type TestServer } from '../helpers/server.js';
import { api, patchJson, signIn, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
const MEASURE = `/api/rounds/${ROUND}/measures/5`;

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

  /** Exactly one row, of this kind, by this person, about this target. */
  async function oneRow(kind: AuditKind, change: () => Promise<Response>, status = 200): Promise<AuditEntry> {
    let answer: Response | null = null;
    const rows = (await rowsOf(async () => (answer = await change()))).filter((row) => !row.kind.startsWith('signin') && row.kind !== 'narrative.state');
    expect(answer!.status, kind).toBe(status);
    expect(rows.map((row) => row.kind), kind).toEqual([kind]);
    return rows[0]!;
  }

  it('every command writes exactly one row in its transaction: who, what, the target, before and after', async () => {
    const status = await oneRow('status.change', () => patchJson(jd, MEASURE, { status: 'Løpende' }));
    expect(status).toMatchObject({ actor: { kind: 'user', username: 'jd' }, target: { roundId: ROUND, measure: 5, id: null }, after: { status: 'Løpende' } });
    const plan = await oneRow('plan.change', () => patchJson(server, MEASURE, { planText: 'Ny plantekst.' }));
    expect(plan).toMatchObject({ actor: { username: 'koordinator' }, after: { planText: 'Ny plantekst.' } });
    expect(await oneRow('ready.change', () => send(jd, 'PUT', `${MEASURE}/ready`, { ready: true }))).toMatchObject({
      before: { ministry: 'JD', ready: false },
      after: { ministry: 'JD', ready: true },
    });

    let threadId = '';
    const started = await oneRow('thread.start', async () => {
      const response = await send(jd, 'POST', `${MEASURE}/threads`, { body: 'Hvem har tallene?' });
      threadId = ThreadSchema.parse(await response.clone().json()).id;
      return response;
    }, 201);
    expect(started.target).toEqual({ roundId: ROUND, measure: 5, id: threadId });
    let commentId = '';
    await oneRow('comment.add', async () => {
      const response = await send(server, 'POST', `/api/threads/${threadId}/comments`, { body: 'Vi.' });
      commentId = ThreadSchema.parse(await response.clone().json()).comments.at(-1)!.id;
      return response;
    }, 201);
    expect(await oneRow('comment.edit', () => send(server, 'PATCH', `/api/comments/${commentId}`, { body: 'Vi har dem.' }))).toMatchObject({
      before: { body: 'Vi.' },
      after: { body: 'Vi har dem.' },
    });
    await oneRow('thread.resolve', () => send(jd, 'POST', `/api/threads/${threadId}/resolve`));
    await oneRow('thread.reopen', () => send(jd, 'POST', `/api/threads/${threadId}/reopen`));
    await oneRow('comment.delete', () => send(server, 'DELETE', `/api/comments/${commentId}`), 204);
    await oneRow('notification.settings', () => send(jd, 'PUT', '/api/me/notification-settings', { email: 'daily' }));
    await oneRow('snapshot.take', () => send(server, 'POST', `/api/rounds/${ROUND}/snapshots`, { note: 'Før fristen' }), 201);
    await oneRow('round.update', () => patchJson(server, `/api/rounds/${ROUND}`, { title: 'Statusrapport februar 2012 (revidert)' }));

    // A refused change writes nothing, and neither does one that changes nothing.
    const hod = await server.as('hod');
    expect((await rowsOf(() => patchJson(hod, MEASURE, { status: 'Gjennomført' }))).filter((row) => !row.kind.startsWith('signin'))).toEqual([]);
    expect(await rowsOf(() => patchJson(jd, MEASURE, { status: 'Gjennomført', base: { status: 'Ikke igangsatt' } }))).toEqual([]);
    expect(await rowsOf(() => patchJson(jd, MEASURE, { status: 'Løpende' }))).toEqual([]);
  });

  it('the deadline freezes as the system, a new round and a reopening are the coordinator’s', async () => {
    const frozen = await rowsOf(async () => {
      await patchJson(server, `/api/rounds/${ROUND}`, { deadline: new Date(Date.now() - 1_000).toISOString() });
      await waitFor(async () => (await page('?kind=round.freeze')).length > 0, { what: 'the freeze' });
    });
    expect(frozen.find((row) => row.kind === 'round.freeze')).toMatchObject({ actor: { kind: 'system' }, target: { roundId: ROUND }, after: { state: 'frozen' } });
    await oneRow('round.reopen', () => send(server, 'POST', `/api/rounds/${ROUND}/reopen`));
    const created = await oneRow('round.create', () => send(server, 'POST', '/api/rounds', { title: 'Statusrapport 2013', deadline: '2030-02-28T12:00' }), 201);
    expect(created).toMatchObject({ target: { roundId: 'statusrapport-2013' }, after: { previousRoundId: ROUND, frozen: [] } });
  });

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

  it('sign-ins (success, failure, lockout), sign-outs and exports downloaded are recorded', async () => {
    const rows = await rowsOf(async () => {
      const ud = await signIn(server.url, 'ud');
      await fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bld', password: 'feil-passord' }) });
      await api(ud, `/api/rounds/${ROUND}/export.md`);
      await api(ud, '/api/session', { method: 'DELETE' });
    });
    expect(rows.map((row) => [row.kind, row.actor.kind === 'user' ? row.actor.username : row.actor.kind])).toEqual([
      ['signin.success', 'ud'],
      ['signin.failure', 'bld'],
      ['export.download', 'ud'],
      ['signout', 'ud'],
    ]);
    expect(rows[2]).toMatchObject({ target: { roundId: ROUND }, after: { format: 'md', draft: true } });
    expect(JSON.stringify(rows)).not.toContain('feil-passord');
  });

  it('account changes made with the CLI are the CLI’s', async () => {
    const rows = await rowsOf(async () => {
      expect((await userCli(dataDir, ['add', 'lise', '--name', 'Lise', '--role', 'reader'], `${TEST_PASSWORD}-lang\n`)).code).toBe(0);
      expect((await userCli(dataDir, ['role', 'lise', 'editor', '--ministry', 'JD'])).code).toBe(0);
      expect((await userCli(dataDir, ['disable', 'lise'])).code).toBe(0);
    });
    expect(rows.map((row) => [row.kind, row.actor, row.target.id])).toEqual([
      ['account.add', { kind: 'cli' }, 'lise'],
      ['account.role', { kind: 'cli' }, 'lise'],
      ['account.disable', { kind: 'cli' }, 'lise'],
    ]);
    expect(rows[1]).toMatchObject({ before: { role: 'reader', ministry: null }, after: { role: 'editor', ministry: 'JD' } });
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
