/**
 * History figures (README.md, "History of a measure"): how the stored history of the 35 measures grows under 2 writers ×
 * 5 edits/s each for an hour of simulated time (the real store and the real document lifecycle,
 * compaction and checkpoints included, with a clock that advances 100 ms per edit instead of
 * waiting), and how long the real server takes to open the history of a measure with 10,000
 * stored updates and one version of it, over HTTP.
 *
 * `npx tsx bench/history.ts [--minutes 60]` (part of `npm run bench`).
 */
import Database from 'better-sqlite3';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { measureDocName, NARRATIVE_FIELD } from '../shared/documentLayout.js';
import { MeasureHistorySchema, VersionDetailSchema, type NarrativeVersion } from '../shared/history.js';
import { COMPACTION_THRESHOLD_UPDATES } from '../shared/limits.js';
import { MeasureDetailSchema } from '../shared/measure.js';
import { DEFAULT_ROUND } from '../server/seed/buildRoundSeed.js';
import { DATABASE_FILE, SqliteStore } from '../server/store/sqliteStore.js';
import { DocumentPersistence } from '../server/sync/persistence.js';
import { connectClient, synced, type TestClient } from '../tests/helpers/clients.js';
import { startTestServer, tempDataDir } from '../tests/helpers/server.js';
import { api, type Target } from '../tests/helpers/session.js';
import { waitFor } from '../tests/helpers/waitFor.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '60' }, updates: { type: 'string', default: '10000' } } });
const MINUTES = Number(values.minutes);
if (!Number.isFinite(MINUTES) || MINUTES <= 0) throw new Error('--minutes: a positive number');

const MEASURES = 35;
const WRITERS = 2;
const EDITS_PER_SECOND = 5;
const HISTORY_UPDATES = Number(values.updates);
const REPEATS = 10;

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** One person typing into a measure: a character per edit, a new paragraph every 80. */
class Typist {
  readonly doc = new Y.Doc();
  private paragraph: Y.XmlText | null = null;
  private typed = 0;

  /** Types one character and returns the update it made. */
  type(): Uint8Array {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array): void => {
      update = u;
    };
    this.doc.once('update', capture);
    this.doc.transact(() => {
      if (this.paragraph === null || this.typed % 80 === 0) {
        const element = new Y.XmlElement('paragraph');
        this.paragraph = new Y.XmlText();
        element.insert(0, [this.paragraph]);
        const fragment = this.doc.getXmlFragment(NARRATIVE_FIELD);
        fragment.insert(fragment.length, [element]);
      }
      this.paragraph.insert(this.paragraph.length, this.typed % 6 === 5 ? ' ' : 'abcdefghij'[this.typed % 10]!);
      this.typed++;
    });
    if (update === null) throw new Error('no update');
    return update;
  }
}

/** Bytes of a file, 0 when there is none. */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Bytes per table (SQLite's dbstat), for the history's tables and the current state. */
function tableSizes(dataDir: string): Map<string, number> {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const rows = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'doc_%' GROUP BY name").all() as { name: string; bytes: number }[];
    return new Map(rows.map((row) => [row.name, row.bytes]));
  } finally {
    db.close();
  }
}

async function storageGrowth(): Promise<void> {
  const dataDir = tempDataDir();
  const store = new SqliteStore(dataDir);
  let clock = Date.parse('2026-11-29T08:00:00Z');
  const persistence = new DocumentPersistence(store, COMPACTION_THRESHOLD_UPDATES, { now: () => new Date(clock) });
  const measures = Array.from({ length: MEASURES }, (_, i) => ({
    docName: measureDocName('bench', i + 1),
    typists: Array.from({ length: WRITERS }, () => new Typist()),
  }));
  const stepMs = 1000 / (EDITS_PER_SECOND * WRITERS);
  const steps = Math.round((MINUTES * 60 * 1000) / stepMs);
  const started = performance.now();
  console.log(`history storage: ${MEASURES} measures × ${WRITERS} writers × ${EDITS_PER_SECOND} edits/s for ${MINUTES} simulated minutes (${(steps * MEASURES).toLocaleString('en')} updates)`);
  console.log('  minute   updates   database   doc_history   doc_checkpoints   doc_state   versions');
  for (let step = 0; step < steps; step++) {
    clock += stepMs;
    for (const measure of measures) {
      const writer = step % WRITERS;
      const typist = measure.typists[writer]!;
      const update = typist.type();
      for (const other of measure.typists) if (other !== typist) Y.applyUpdate(other.doc, update);
      await persistence.storeUpdate(measure.docName, update, { kind: 'edit', author: `writer${writer}`, clients: [typist.doc.clientID] });
    }
    const minute = ((step + 1) * stepMs) / 60_000;
    if (Number.isInteger(minute) && (minute % 10 === 0 || minute === MINUTES)) {
      const sizes = tableSizes(dataDir);
      const file = fileSize(join(dataDir, DATABASE_FILE)) + fileSize(join(dataDir, `${DATABASE_FILE}-wal`));
      const versions = (await store.listVersions(measures[0]!.docName)).length;
      console.log(
        `  ${String(minute).padStart(6)}   ${String((step + 1) * MEASURES).padStart(7)}   ${mib(file).padStart(8)}   ${mib(sizes.get('doc_history') ?? 0).padStart(11)}   ${mib(sizes.get('doc_checkpoints') ?? 0).padStart(15)}   ${mib(sizes.get('doc_state') ?? 0).padStart(9)}   ${String(versions).padStart(8)}`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`  (${(steps * MEASURES / seconds).toFixed(0)} updates/s stored through the document lifecycle while simulating; versions counted for one measure)`);
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
}

async function timed(target: Target, path: string, parse: (body: unknown) => unknown): Promise<number> {
  const start = performance.now();
  const response = await api(target, path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  parse(await response.json());
  return performance.now() - start;
}

async function openingHistory(): Promise<void> {
  const server = await startTestServer();
  const number = 1;
  const docName = measureDocName(DEFAULT_ROUND.id, number);
  const measure = MeasureDetailSchema.parse(await (await api(server, `/api/rounds/${DEFAULT_ROUND.id}/measures/${number}`)).json());
  const owner = measure.ministries[0];
  if (owner === undefined) throw new Error(`measure ${number} has no ministry`);
  // The coordinator and an editor of the measure's ministry (the demo accounts are named by it).
  const writers: TestClient[] = [connectClient(server, docName), connectClient(await server.as(owner.toLowerCase()), docName)];
  await Promise.all(writers.map(synced));
  const [first, second] = writers as [TestClient, TestClient];
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  // A new first paragraph of the imported narrative, written by both.
  const firstFragment = first.doc.getXmlFragment(NARRATIVE_FIELD);
  firstFragment.insert(0, [paragraph]);
  await waitFor(() => second.doc.getXmlFragment(NARRATIVE_FIELD).length === firstFragment.length, { what: 'the paragraph relayed' });
  const secondText = (second.doc.getXmlFragment(NARRATIVE_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  for (let i = 1; i < HISTORY_UPDATES; i++) {
    const target = i % 200 < 100 ? text : secondText;
    target.insert(target.length, i % 6 === 0 ? ' ' : 'x');
    // Let the socket drain now and then, as typing does.
    if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const total = HISTORY_UPDATES - 1;
  await waitFor(() => text.length === total && secondText.length === total, {
    what: `both writers converged (${total} characters)`,
    timeoutMs: 120_000,
  }).catch((error: Error) => {
    throw new Error(`${error.message}: they have ${text.length} and ${secondText.length}, connected ${writers.map((w) => `${w.provider.wsconnected}/${w.provider.synced}`).join(', ')}`);
  });
  const path = `/api/rounds/${DEFAULT_ROUND.id}/measures/${number}/history`;
  await waitFor(async () => {
    const response = await api(server, path);
    const entries = MeasureHistorySchema.parse(await response.json());
    return entries.filter((entry) => 'updates' in entry).reduce((sum, entry) => sum + (entry).updates, 0) >= HISTORY_UPDATES;
  }, { what: `${HISTORY_UPDATES} updates in the history`, timeoutMs: 120_000 });

  const firstOpen = await timed(server, path, (body) => MeasureHistorySchema.parse(body));
  const listTimes: number[] = [];
  for (let i = 0; i < REPEATS; i++) listTimes.push(await timed(server, path, (body) => MeasureHistorySchema.parse(body)));
  const entries = MeasureHistorySchema.parse(await (await api(server, path)).json());
  const versions = entries.filter((entry): entry is NarrativeVersion => 'updates' in entry);
  const oldest = versions.at(-1)!;
  const middle = versions[Math.floor(versions.length / 2)]!;
  const detailTimes = async (version: NarrativeVersion): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) times.push(await timed(server, `${path}/${version.id}`, (body) => VersionDetailSchema.parse(body)));
    return median(times);
  };
  console.log(`opening the history of a measure with ${HISTORY_UPDATES.toLocaleString('en')} stored updates (${versions.length} versions, 2 writers), over HTTP:`);
  console.log(`  list: ${firstOpen.toFixed(1)} ms the first time, median ${median(listTimes).toFixed(1)} ms of ${REPEATS}`);
  console.log(`  one version: median ${(await detailTimes(middle)).toFixed(1)} ms (a middle one, ${middle.id}), ${(await detailTimes(oldest)).toFixed(1)} ms (the oldest, ${oldest.id})`);
  for (const writer of writers) writer.destroy();
  await server.stop();
}

await storageGrowth();
await openingHistory();
