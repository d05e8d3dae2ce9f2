/**
 * What the update guard (server/sync/updateGuard.ts) costs per update, timing only its check:
 * typing a letter in a 300-paragraph narrative, and adding a row to tables of 20, 100 and 300 rows
 * of 20 columns (a change to a table's structure has its grid width counted, spans included).
 * Medians and 90th percentiles of 300 checks, each by a fresh guard. Prints figures;
 *
 *   npx tsx bench/updateGuard.ts [checkout]    (the guard of another checkout, to compare; default this one)
 */
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { appendParagraphs, narrativeFragment } from '../shared/narrative.js';
import type { UpdateGuard as Guard } from '../server/sync/updateGuard.js';
import { yCells, yRow } from '../tests/helpers/yTables.js';

const ROOT = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
const { UpdateGuard } = (await import(pathToFileURL(resolve(ROOT, 'server/sync/updateGuard.ts')).href)) as { UpdateGuard: typeof Guard };

const CHECKS = 300;

/** Median and 90th percentile, in ms, of checking what `change` does to a copy of the document `prepare` writes. */
function time(prepare: (doc: Y.Doc) => void, change: (doc: Y.Doc) => void): string {
  const server = new Y.Doc();
  prepare(server);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, before);
  const times: number[] = [];
  for (let i = 0; i < CHECKS; i++) {
    const guard = new UpdateGuard(server);
    const decoded = Y.decodeUpdate(update);
    const start = performance.now();
    const verdict = guard.check(update, decoded, 'jd');
    times.push(performance.now() - start);
    if (verdict.kind !== 'apply') throw new Error(`refused: ${JSON.stringify(verdict)}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(3);
  return `median ${at(0.5)} ms, p90 ${at(0.9)} ms`;
}

console.log(`update guard of ${ROOT}`);
const paragraphs = Array.from({ length: 300 }, (_, i) => `Avsnitt ${i} med litt tekst om tiltaket og hva som er gjort i perioden.`);
console.log(
  `typing a letter, 300 paragraphs: ${time(
    (doc) => appendParagraphs(narrativeFragment(doc), paragraphs),
    (doc) => ((narrativeFragment(doc).get(150) as Y.XmlElement).get(0) as Y.XmlText).insert(10, 'x'),
  )}`,
);
for (const rows of [20, 100, 300]) {
  const table = (doc: Y.Doc) => narrativeFragment(doc).get(0) as Y.XmlElement;
  console.log(
    `adding a row to a table of ${rows} rows x 20 columns: ${time(
      (doc) => {
        const element = new Y.XmlElement('table');
        element.insert(0, Array.from({ length: rows }, () => yRow(yCells(20))));
        narrativeFragment(doc).insert(0, [element]);
      },
      (doc) => table(doc).insert(table(doc).length, [yRow(yCells(20))]),
    )}`,
  );
}
