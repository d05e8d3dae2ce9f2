/**
 * What storing one narrative update costs the SQLite store by itself, without sockets: 20,000
 * updates of 60 bytes spread over 35 documents and 70 writers (two per document), stored one
 * transaction each as the sync server stores them, in rounds. Prints wall time and process CPU
 * time per stored update. Run with `npm run bench:store`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../server/store/sqlite/connection.js';
import { SqliteDocuments } from '../server/store/sqlite/documents.js';

const UPDATES = 20_000;
const DOCUMENTS = 35;
const WRITERS = 70;
const ROUNDS = 3;

const dir = mkdtempSync(join(tmpdir(), 'samskriv-bench-store-'));
const db = openDatabase(dir);
try {
  const documents = new SqliteDocuments(db);
  const update = new Uint8Array(60).fill(7);
  for (let round = 1; round <= ROUNDS; round++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < UPDATES; i++) {
      const writer = i % WRITERS;
      documents.append(`bench.${i % DOCUMENTS}`, update, { at: new Date().toISOString(), author: `writer-${writer}`, kind: 'edit', clients: [writer + 1] });
    }
    const used = process.cpuUsage(cpu);
    const perUpdate = (microseconds: number): string => `${(microseconds / UPDATES).toFixed(1)} µs`;
    console.log(
      `store, round ${round} of ${ROUNDS}: ${perUpdate((performance.now() - started) * 1000)} wall, ${perUpdate(used.user + used.system)} CPU (${perUpdate(used.system)} in the kernel) per stored update`,
    );
  }
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
