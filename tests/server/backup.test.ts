import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuditPageSchema } from '../../shared/audit.js';
import { ThreadSchema } from '../../shared/comments.js';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { MeasureSummarySchema } from '../../shared/measureSummary.js';
import { SnapshotSummarySchema } from '../../shared/snapshot.js';
import { SnapshotSchema } from '../../shared/snapshotContent.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { backupDatabase, restoreDatabase } from '../../server/ops/backup.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { api, patchJson, signIn, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ROUND = DEFAULT_ROUND.id;
/** Measures whose narratives the load writes (as the coordinator, who may write every one). */
const WRITTEN = [1, 2, 3];
const STATUSES = ['Løpende', 'Under gjennomføring'] as const;

/** Runs `npm run backup|restore -- <file>` as its own process (as an operator would, with DATA_DIR and any other `env`). */
function runScript(script: 'backup' | 'restore', file: string, dataDir: string, env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, file], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function json<T>(target: Target, path: string, schema: z.core.$ZodType<T>): Promise<T> {
  const response = await api(target, path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return z.parse(schema, await response.json());
}

/** Everything a restore must bring back, read through the API: fields, narratives, threads, snapshots. */
async function contentOf(target: Target) {
  const measures = await json(target, `/api/rounds/${ROUND}/measures`, z.array(MeasureSummarySchema));
  const details = [];
  for (const measure of measures) {
    const detail = await json(target, `/api/rounds/${ROUND}/measures/${measure.number}`, MeasureDetailSchema);
    const { stateVector } = await json(target, `/api/documents/${measure.docName}/state-vector`, z.object({ stateVector: z.string() }));
    details.push({ ...detail, stateVector });
  }
  const threads = await json(target, `/api/rounds/${ROUND}/threads`, z.array(ThreadSchema));
  const summaries = await json(target, `/api/rounds/${ROUND}/snapshots`, z.array(SnapshotSummarySchema));
  const snapshots = [];
  for (const summary of summaries) snapshots.push(await json(target, `/api/snapshots/${summary.id}`, SnapshotSchema));
  return { details, threads, snapshots };
}

/** A narrative's paragraphs that the load typed, by writer: each must be that writer's first n, without a gap. */
function writersPrefixes(text: string): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  for (const match of text.matchAll(/last-(\w+)-(\d+)/g)) {
    const list = seen.get(match[1] ?? '') ?? [];
    list.push(Number(match[2]));
    seen.set(match[1] ?? '', list);
  }
  return seen;
}

describe('backup while running, and restore', () => {
  let server: TestServer;
  let restored: TestServer | null = null;
  const work = mkdtempSync(join(tmpdir(), 'samskriv-backup-'));
  const dirs: string[] = [work];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await restored?.stop();
    await server.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('takes a consistent copy under load, and the restored copy starts with every narrative, field, thread and snapshot as they were', async () => {
    const jd = await signIn(server.url, 'jd');
    // Content of every kind before the load: a thread with replies, a snapshot, changed fields.
    const thread = ThreadSchema.parse(
      await (await api(server, `/api/rounds/${ROUND}/measures/2/threads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: 'Tall for 2011?' }) })).json(),
    );
    expect((await patchJson(server, `/api/rounds/${ROUND}/measures/4`, { status: 'Gjennomført' })).status).toBe(200);
    expect((await api(server, `/api/rounds/${ROUND}/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note: 'Før lasten' }) })).status).toBe(201);

    // The load: narratives typed into, a status changed back and forth, replies added, all at once.
    const clients: TestClient[] = WRITTEN.map((number) => connectClient(server, `${ROUND}.${number}`));
    await Promise.all(clients.map(synced));
    let running = true;
    const counts = { typed: 0, patches: 0, replies: 0 };
    const typing = (async () => {
      for (let i = 0; running; i++) {
        clients.forEach((client, c) => typeParagraph(client, `last-w${c}-${i}`));
        counts.typed++;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const patching = (async () => {
      for (let i = 0; running; i++) {
        const response = await patchJson(server, `/api/rounds/${ROUND}/measures/2`, { status: STATUSES[i % 2] });
        if (response.status !== 200) throw new Error(`PATCH: ${response.status}`);
        counts.patches++;
      }
    })();
    const replying = (async () => {
      for (let i = 0; running; i++) {
        const response = await api(jd, `/api/threads/${thread.id}/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: `Svar ${i}` }) });
        if (response.status !== 201) throw new Error(`reply: ${response.status}`);
        counts.replies++;
      }
    })();

    let underLoad: { code: number | null; output: string };
    const duringBackup = { ...counts };
    try {
      await waitFor(() => counts.typed > 20 && counts.patches > 10 && counts.replies > 10, { what: 'the load under way' });
      Object.assign(duringBackup, counts);
      underLoad = await runScript('backup', join(work, 'under-load.sqlite'), server.dataDir);
      // The load went on while the backup ran: nothing waited for it.
      expect(counts.patches - duringBackup.patches, 'status changes made while the backup ran').toBeGreaterThan(5);
      expect(counts.typed - duringBackup.typed, 'paragraphs typed while the backup ran').toBeGreaterThan(5);
    } finally {
      running = false;
      await Promise.all([typing, patching, replying]);
    }
    expect(underLoad.code, underLoad.output).toBe(0);
    expect(underLoad.output).toMatch(/backed up .* to .*under-load\.sqlite: \d+ bytes, schema version \d+/);

    // The copy taken under load is one moment of the database: what one transaction wrote is in it whole.
    const loadDir = tempDataDir();
    dirs.push(loadDir);
    const restoredLoad = await runScript('restore', join(work, 'under-load.sqlite'), loadDir);
    expect(restoredLoad.code, restoredLoad.output).toBe(0);
    const atLoad = await startTestServer({ dataDir: loadDir });
    try {
      const measure2 = await json(atLoad, `/api/rounds/${ROUND}/measures/2`, MeasureDetailSchema);
      const lastChange = (await json(atLoad, `/api/audit?measure=2&kind=status.change&limit=1`, AuditPageSchema)).entries[0];
      expect(lastChange?.after).toEqual({ status: measure2.status });
      let replies = 0;
      for (let cursor: number | null = null, first = true; first || cursor !== null; first = false) {
        const page: z.infer<typeof AuditPageSchema> = await json(atLoad, `/api/audit?kind=comment.add&limit=500${cursor === null ? '' : `&cursor=${cursor}`}`, AuditPageSchema);
        replies += page.entries.length;
        cursor = page.next;
      }
      const loadThread = (await json(atLoad, `/api/rounds/${ROUND}/threads`, z.array(ThreadSchema))).find((t) => t.id === thread.id);
      expect(loadThread?.comments.length).toBe(replies + 1);
      expect(replies).toBeGreaterThan(10);
      for (const number of WRITTEN) {
        const text = (await json(atLoad, `/api/rounds/${ROUND}/measures/${number}`, MeasureDetailSchema)).narrative;
        for (const [writer, numbers] of writersPrefixes(text)) {
          expect(numbers, `measure ${number}, ${writer}: its first paragraphs, none missing`).toEqual(numbers.map((_, i) => i));
        }
      }
    } finally {
      await atLoad.stop();
    }

    // Once everything is stored, a copy (the server still running) restores to the same report.
    await waitFor(
      async () => {
        const texts = await Promise.all(WRITTEN.map((n) => json(server, `/api/rounds/${ROUND}/measures/${n}`, MeasureDetailSchema)));
        return texts.every((t) => t.narrative.includes(`last-w${WRITTEN.indexOf(t.number)}-${counts.typed - 1}`));
      },
      { what: 'the last paragraphs stored' },
    );
    for (const client of clients) client.destroy();
    const before = await contentOf(server);
    const backedUp = await runScript('backup', join(work, 'final.sqlite'), server.dataDir);
    expect(backedUp.code, backedUp.output).toBe(0);
    const again = await runScript('backup', join(work, 'final.sqlite'), server.dataDir);
    expect(again.code, 'a backup never overwrites a file').toBe(1);
    expect(again.output).toMatch(/exists already/);

    const newDir = tempDataDir();
    dirs.push(newDir);
    const restore = await runScript('restore', join(work, 'final.sqlite'), newDir);
    expect(restore.code, restore.output).toBe(0);
    expect((await runScript('restore', join(work, 'final.sqlite'), newDir)).code, 'never over a database').toBe(1);
    restored = await startTestServer({ dataDir: newDir });
    const after = await contentOf(restored);
    expect(after).toEqual(before);
    expect(after.snapshots.length).toBe(1);
    for (const snapshot of after.snapshots) {
      expect(createHash('sha256').update(JSON.stringify(snapshot.content)).digest('hex'), 'the snapshot hash still holds').toBe(snapshot.sha256);
    }
    expect(after.threads.find((t) => t.id === thread.id)?.comments.length).toBe(counts.replies + 1);
  });

  it('refuses what is not a database, a missing one, and a copy onto the database itself', async () => {
    const junk = join(work, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database');
    const target = tempDataDir();
    dirs.push(target);
    expect(() => restoreDatabase(junk, target)).toThrow(/not a database|integrity/);
    expect(existsSync(join(target, 'samskriv.sqlite'))).toBe(false);
    await expect(backupDatabase(target, join(work, 'x.sqlite'))).rejects.toThrow(/no database in/);
    await expect(backupDatabase(server.dataDir, join(server.dataDir, 'samskriv.sqlite'))).rejects.toThrow(/exists already|is the database itself/);
  });

  it('refuses with DATABASE_URL set, pointing to pg_dump, rather than copying the SQLite file DATA_DIR may still hold', async () => {
    // DATA_DIR holds a good SQLite database; the live data would be in PostgreSQL (never reached).
    const file = join(work, 'postgres-instead.sqlite');
    const refused = await runScript('backup', file, server.dataDir, { DATABASE_URL: 'postgres://samskriv@127.0.0.1:9/samskriv' });
    expect(refused.output).toMatch(/DATABASE_URL is set/);
    expect(refused.output).toMatch(/pg_dump/);
    expect(refused.code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });

  it('a restore with DATABASE_URL set is refused too, pointing to pg_restore: the server would not read what it restored', async () => {
    const backup = join(work, 'for-postgres.sqlite');
    await backupDatabase(server.dataDir, backup);
    const target = mkdtempSync(join(tmpdir(), 'samskriv-restore-pg-'));
    dirs.push(target);
    const refused = await runScript('restore', backup, target, { DATABASE_URL: 'postgres://samskriv@127.0.0.1:9/samskriv' });
    expect(refused.output).toMatch(/DATABASE_URL is set/);
    expect(refused.output).toMatch(/pg_restore/);
    expect(refused.code).toBe(2);
    expect(existsSync(join(target, 'samskriv.sqlite'))).toBe(false);
  });
});
