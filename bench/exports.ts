/**
 * What an export of a large round does to everyone else: measure 5 grows to about 1.8 MB of text
 * in 90 paragraphs, measure 6 to 90,000 letters each typed before the last (as many items, the
 * costliest shape to read), then each export format, a comparison with a snapshot and a
 * snapshot's DOCX are asked for one after another while `/api/health` is asked in a loop. Prints
 * how long each took and the slowest health answer during it (work on the main thread shows
 * there). The real server of a checkout in its own process. Prints figures; asserts nothing.
 *
 *   npx tsx bench/exports.ts [server checkout]    (or SAMSKRIV_ROOT=...; default this one)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { NARRATIVE_FIELD } from '../shared/documentLayout.js';
import { SnapshotSummarySchema } from '../shared/snapshot.js';
import { connectClient, synced, typeParagraph } from '../tests/helpers/clients.js';
import { api, signIn } from '../tests/helpers/session.js';
import { waitFor } from '../tests/helpers/waitFor.js';
import { spawnServer, stopServer } from './lib/serverProcess.js';

const ROOT = resolve(process.argv[2] ?? process.env.SAMSKRIV_ROOT ?? fileURLToPath(new URL('..', import.meta.url)));
const ROUND = 'statusrapport-2012-02';

const dataDir = mkdtempSync(join(tmpdir(), 'samskriv-bench-exports-'));
const server = await spawnServer(ROOT, dataDir, { PASSWORD_HASH_LOG_N: '10' });
try {
  const jd = await signIn(server.url, 'jd');
  const coordinator = await signIn(server.url, 'koordinator');
  const writer = connectClient(jd, `${ROUND}.5`);
  await synced(writer);
  for (let i = 0; i < 90; i++) typeParagraph(writer, `${i} `.padEnd(20_000, 'Tiltak og oppfølging '));
  typeParagraph(writer, 'Slutt.');
  await waitFor(async () => ((await (await api(coordinator, `/api/rounds/${ROUND}/measures/5`)).json()) as { narrative: string }).narrative.includes('Slutt.'), {
    what: 'the long narrative stored',
    timeoutMs: 60_000,
  });
  writer.destroy();
  // Measure 6: letters typed each before the last, three updates of 30,000 (each under 1 MiB).
  const typist = connectClient(coordinator, `${ROUND}.6`);
  await synced(typist);
  const letters = typist.doc.getXmlFragment(NARRATIVE_FIELD);
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  letters.insert(letters.length, [paragraph]);
  for (let update = 0; update < 3; update++) {
    typist.doc.transact(() => {
      for (let i = 0; i < 30_000; i++) text.insert(0, String.fromCharCode(97 + (i % 26)));
    });
  }
  text.insert(text.length, 'Slutt.');
  await waitFor(async () => ((await (await api(coordinator, `/api/rounds/${ROUND}/measures/6`)).json()) as { narrative: string }).narrative.includes('Slutt.'), {
    what: 'the typed narrative stored',
    timeoutMs: 60_000,
  });
  typist.destroy();
  const snapshot = await api(coordinator, `/api/rounds/${ROUND}/snapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ note: 'bench' }),
  });
  const { id } = SnapshotSummarySchema.parse(await snapshot.json());

  console.log(`exports of ${ROUND} with a 1.8 MB measure and one of 90,000 items, ${ROOT}:`);
  const paths = [
    ['DOCX (first)', `/api/rounds/${ROUND}/export.docx`],
    ['DOCX', `/api/rounds/${ROUND}/export.docx`],
    ['HTML', `/api/rounds/${ROUND}/export.html`],
    ['Markdown', `/api/rounds/${ROUND}/export.md`],
    ['JSON', `/api/rounds/${ROUND}/export.json`],
    ['comparison with a snapshot', `/api/rounds/${ROUND}/compare?from=${id}`],
    ['snapshot DOCX', `/api/snapshots/${id}/export.docx`],
  ] as const;
  for (const [name, path] of paths) {
    const start = performance.now();
    let done = false;
    let status = 0;
    const request = api(coordinator, path).then(async (response) => {
      status = response.status;
      await response.arrayBuffer();
      done = true;
    });
    let slowest = 0;
    let answered = 0;
    while (!done) {
      const asked = performance.now();
      await (await fetch(`${server.url}/api/health`)).arrayBuffer();
      slowest = Math.max(slowest, performance.now() - asked);
      answered++;
    }
    await request;
    const took = performance.now() - start;
    console.log(`  ${name.padEnd(27)} ${status} in ${took.toFixed(0).padStart(5)} ms; /api/health answered ${answered} times meanwhile, slowest ${slowest.toFixed(0)} ms`);
  }
} finally {
  await stopServer(server);
  rmSync(dataDir, { recursive: true, force: true });
}
