import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ComparisonSchema } from '../../shared/compare.js';
import { NotificationListSchema } from '../../shared/notifications.js';
import { RoundDetailSchema, RoundSchema, type RoundDetail } from '../../shared/round.js';
import { SnapshotSummarySchema, type SnapshotSummary } from '../../shared/snapshot.js';
import { SnapshotSchema } from '../../shared/snapshotContent.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { DATABASE_FILE } from '../../server/store/sqliteStore.js';
import { readDatabase } from '../helpers/db.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { api, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;

/** Deadlines that are not on the calendar or the clock, as Oslo wall times and as instants with offset. */
const IMPOSSIBLE_DEADLINES = [
  '2026-02-31T12:00',
  '2027-06-31T12:00',
  '2027-02-29T12:00',
  '2027-13-01T12:00',
  '2027-01-01T24:00',
  '2027-01-01T12:60',
  '9999-99-99T99:99',
  '2027-02-31T12:00:00+01:00',
  '2027-02-29T12:00:00Z',
  '2027-01-01T24:00:00+01:00',
];

/** What older versions stored for `2025-02-31T12:00` (JavaScript reads it as 3 March 2025, a deadline long passed). */
const STORED_PAST = '2025-02-31T12:00:00+01:00';
/** The same kind of value, read as 3 March 2030. */
const STORED_FUTURE = '2030-02-31T12:00:00+01:00';

const EXPORTS = ['docx', 'pdf', 'html', 'md', 'json'] as const;

function send(target: Target, method: string, path: string, body?: unknown): Promise<Response> {
  return api(target, path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

async function roundOf(target: Target): Promise<RoundDetail> {
  const response = await api(target, `/api/rounds/${ROUND}`);
  expect(response.status).toBe(200);
  return RoundDetailSchema.parse(await response.json());
}

async function snapshotsOf(target: Target): Promise<SnapshotSummary[]> {
  return z.array(SnapshotSummarySchema).parse(await (await api(target, `/api/rounds/${ROUND}/snapshots`)).json());
}

/** Sets a round's stored deadline as an older version could have, past the API's check. */
function storeDeadline(server: TestServer, deadline: string): void {
  const db = new Database(join(server.dataDir, DATABASE_FILE));
  try {
    db.prepare('UPDATE rounds SET deadline = ? WHERE id = ?').run(deadline, ROUND);
  } finally {
    db.close();
  }
}

describe('deadlines that are not on the calendar', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('are refused with a 400 naming the deadline, when moving a round’s and when starting a new round, and change nothing', async () => {
    server = await startTestServer();
    const before = await roundOf(server);
    for (const deadline of IMPOSSIBLE_DEADLINES) {
      const patch = await send(server, 'PATCH', `/api/rounds/${ROUND}`, { deadline });
      expect({ deadline, status: patch.status }).toEqual({ deadline, status: 400 });
      expect(await patch.json()).toMatchObject({ error: { code: 'invalid_field', field: 'deadline' } });
      const created = await send(server, 'POST', '/api/rounds', { title: 'Statusrapport 2013', deadline });
      expect({ deadline, status: created.status }).toEqual({ deadline, status: 400 });
      expect(await created.json()).toMatchObject({ error: { code: 'invalid_field', field: 'deadline' } });
    }
    expect(await roundOf(server)).toEqual(before);
    const rounds = z.array(RoundSchema).parse(await (await api(server, '/api/rounds')).json());
    expect(rounds.map((r) => r.id)).toEqual([ROUND]);
    expect(server.logs().join('\n')).not.toMatch(/RangeError|ZodError/);

    // A leap day that exists is a deadline like any other.
    const leapDay = await send(server, 'PATCH', `/api/rounds/${ROUND}`, { deadline: '2028-02-29T12:00' });
    expect(leapDay.status).toBe(200);
    expect(RoundDetailSchema.parse(await leapDay.json()).deadline).toBe('2028-02-29T12:00:00+01:00');
  });

  it('stored by an older version, the round and every snapshot taken with it are still read, exported and compared, as stored', async () => {
    server = await startTestServer({ deadlineCheckIntervalMs: 100 });
    const jd = await server.as('jd');
    const before = await send(server, 'POST', `/api/rounds/${ROUND}/snapshots`, { note: 'Før' });
    expect(before.status).toBe(201);
    const good = SnapshotSummarySchema.parse(await before.json());

    storeDeadline(server, STORED_PAST);
    // The deadline watch reads it as 3 March 2025 and freezes the round with a snapshot at once.
    await waitFor(async () => (await roundOf(jd)).state === 'frozen', { what: 'round frozen at the rolled-over deadline' });
    const manual = await send(server, 'POST', `/api/rounds/${ROUND}/snapshots`, { note: 'Etter' });
    expect(manual.status).toBe(201);
    const snaps = await snapshotsOf(jd);
    const bad = snaps.filter((s) => s.id !== good.id);
    expect(bad.map((s) => s.reason).sort()).toEqual(['deadline', 'manual']);

    const round = await roundOf(jd);
    expect(round.deadline).toBe(STORED_PAST);
    expect(z.array(RoundSchema).parse(await (await api(jd, '/api/rounds')).json())[0]?.deadline).toBe(STORED_PAST);
    for (const ext of EXPORTS) {
      expect({ draft: ext, status: (await api(jd, `/api/rounds/${ROUND}/export.${ext}`)).status }).toEqual({ draft: ext, status: 200 });
    }

    for (const summary of bad) {
      const response = await api(jd, `/api/snapshots/${summary.id}`);
      expect(response.status).toBe(200);
      const snapshot = SnapshotSchema.parse(await response.json());
      expect(snapshot.content.round.deadline).toBe(STORED_PAST);
      // Served as stored: its hash still holds.
      expect(createHash('sha256').update(JSON.stringify(snapshot.content)).digest('hex')).toBe(summary.sha256);
      for (const ext of EXPORTS) {
        const exported = await api(jd, `/api/snapshots/${summary.id}/export.${ext}`);
        expect({ snapshot: summary.reason, ext, status: exported.status }).toEqual({ snapshot: summary.reason, ext, status: 200 });
        expect((await exported.arrayBuffer()).byteLength).toBeGreaterThan(0);
      }
      for (const query of [`from=${summary.id}`, `from=${summary.id}&to=live`, `from=${good.id}&to=${summary.id}`, `from=${summary.id}&to=${good.id}`]) {
        const compared = await api(jd, `/api/rounds/${ROUND}/compare?${query}`);
        expect({ query, status: compared.status }).toEqual({ query, status: 200 });
        ComparisonSchema.parse(await compared.json());
      }
    }
    // Nothing was rewritten to make it so.
    const stored = readDatabase(server.dataDir, (db) => db.prepare('SELECT content FROM snapshots WHERE id <> ?').all(good.id)) as { content: string }[];
    expect(stored.map((row) => (JSON.parse(row.content) as { round: { deadline: string } }).round.deadline)).toEqual([STORED_PAST, STORED_PAST]);
    expect(server.logs().join('\n')).not.toMatch(/ZodError/);
  });

  it('stored by an older version, a reminder of it does not keep the ministry from reading its notifications', async () => {
    let now = new Date('2000-01-01T12:00:00Z');
    server = await startTestServer({ notificationCheckIntervalMs: 20, notificationClock: () => now });
    const jd = await server.as('jd');
    storeDeadline(server, STORED_FUTURE);
    // 47 hours before 3 March 2030 12:00 in Oslo, as JavaScript reads the stored value.
    now = new Date(Date.parse(STORED_FUTURE) - 47 * 60 * 60_000);
    const dataDir = server.dataDir;
    await waitFor(
      () => readDatabase(dataDir, (db) => (db.prepare("SELECT COUNT(*) AS n FROM notifications WHERE kind = 'deadline'").get() as { n: number }).n > 0),
      { what: 'a deadline reminder stored' },
    );
    const response = await api(jd, '/api/notifications');
    expect(response.status).toBe(200);
    const reminders = NotificationListSchema.parse(await response.json()).notifications.filter((n) => n.kind === 'deadline');
    expect(reminders.map((n) => (n.kind === 'deadline' ? n.deadline : null))).toEqual([STORED_FUTURE]);
  });
});
