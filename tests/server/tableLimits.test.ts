import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as WS } from 'ws';
import * as Y from 'yjs';
import { LIMIT_REFUSAL_PREFIX } from '../../shared/auth.js';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from '../../shared/limits.js';
import { narrativeText } from '../../shared/narrative.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { fetchDoc, recordingSocket } from '../helpers/clients.js';
import { permissionDeniedReasons, updateFrame } from '../helpers/frames.js';
import type { Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { yCell, yCells, yRow } from '../helpers/yTables.js';

/**
 * The server bounds the tables a client writes (server/sync/updateGuard.ts): at most
 * MAX_TABLE_ROWS rows in a table and MAX_TABLE_COLUMNS cells in a row, counted across updates,
 * with what an update deletes taken off, and a grid at most MAX_TABLE_COLUMNS wide, spans counted
 * (tests/server/tableSpans.test.ts); an update past them is refused like any other limit.
 */

const ROUND = DEFAULT_ROUND.id;

const cell = (name: 'tableCell' | 'tableHeader', text: string): Y.XmlElement => yCell(text, { name });
const row = (cells: number, name: 'tableCell' | 'tableHeader' = 'tableCell', prefix = 'c'): Y.XmlElement => yRow(yCells(cells, prefix, { name }));

/** The stored narrative's tables: rows, and cells per row. */
function storedTables(doc: Y.Doc): { rows: number; cells: number[] }[] {
  return doc
    .getXmlFragment(NARRATIVE_FIELD)
    .toArray()
    .filter((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'table')
    .map((table) => ({ rows: table.length, cells: table.toArray().map((r) => (r as Y.XmlElement).length) }));
}

describe('tables are bounded by the server, whoever writes them', () => {
  const server = suiteServer();
  let jd: Target;

  beforeAll(async () => {
    jd = await server.as('jd');
  });

  it('a table grows to the most rows, a row at a time; the row past them is refused and not stored', async () => {
    const docName = measureDocName(ROUND, 5);
    const { socket, frames } = await recordingSocket(jd, docName);
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const table = new Y.XmlElement('table');
    local.getXmlFragment(NARRATIVE_FIELD).insert(0, [table]);
    // All but the last allowed row at once (a table of that many rows is fine in one update), then one at a time.
    table.insert(0, Array.from({ length: MAX_TABLE_ROWS - 1 }, () => row(2)));
    table.insert(table.length, [row(2)]);
    table.insert(table.length, [row(2)]);
    for (const update of updates) socket.send(updateFrame(update));
    await waitFor(() => permissionDeniedReasons(frames).length > 0, { what: 'the refusal' });
    expect(permissionDeniedReasons(frames)).toEqual([expect.stringMatching(new RegExp(`^${LIMIT_REFUSAL_PREFIX}.*more than ${MAX_TABLE_ROWS} rows in a table`))]);
    expect(socket.readyState).toBe(WS.OPEN);
    expect(storedTables(await fetchDoc(server, docName))).toEqual([{ rows: MAX_TABLE_ROWS, cells: Array.from({ length: MAX_TABLE_ROWS }, () => 2) }]);
    socket.close();
  });

  it('a table of too many rows sent in one update is refused whole', async () => {
    const docName = measureDocName(ROUND, 6);
    const { socket, frames } = await recordingSocket(jd, docName);
    const local = new Y.Doc();
    const table = new Y.XmlElement('table');
    table.insert(0, Array.from({ length: MAX_TABLE_ROWS + 1 }, () => row(1)));
    local.getXmlFragment(NARRATIVE_FIELD).insert(0, [table]);
    socket.send(updateFrame(Y.encodeStateAsUpdate(local)));
    await waitFor(() => permissionDeniedReasons(frames).length > 0, { what: 'the refusal' });
    expect(permissionDeniedReasons(frames)).toEqual([expect.stringContaining(`more than ${MAX_TABLE_ROWS} rows in a table`)]);
    expect(storedTables(await fetchDoc(server, docName))).toEqual([]);
    socket.close();
  });

  it('a row of more cells than columns is refused; a full row whose cells are all replaced at once (header row on) is not', async () => {
    const docName = measureDocName(ROUND, 7);
    const { socket, frames } = await recordingSocket(jd, docName);
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const table = new Y.XmlElement('table');
    local.getXmlFragment(NARRATIVE_FIELD).insert(0, [table]);
    table.insert(0, [row(MAX_TABLE_COLUMNS), row(MAX_TABLE_COLUMNS)]);
    // What the editor does when the header row is turned on: every cell of the first row replaced, in one update.
    const first = table.get(0) as Y.XmlElement;
    local.transact(() => {
      first.delete(0, first.length);
      first.insert(0, Array.from({ length: MAX_TABLE_COLUMNS }, (_, i) => cell('tableHeader', `h${i}`)));
    });
    for (const update of updates) socket.send(updateFrame(update));
    const headerLine = Array.from({ length: MAX_TABLE_COLUMNS }, (_, i) => `h${i}`).join(' | ');
    const stored = await waitFor(
      async () => {
        const doc = await fetchDoc(server, docName);
        // The measure's own narrative is there too, before or after the table.
        return narrativeText(doc.getXmlFragment(NARRATIVE_FIELD)).split('\n').includes(headerLine) ? doc : permissionDeniedReasons(frames).length > 0;
      },
      { what: 'the header row stored (or a refusal)', intervalMs: 50 },
    );
    expect(permissionDeniedReasons(frames)).toEqual([]);
    expect(stored instanceof Y.Doc && storedTables(stored)).toEqual([{ rows: 2, cells: [MAX_TABLE_COLUMNS, MAX_TABLE_COLUMNS] }]);

    // One cell more in the second row.
    const second = table.get(1) as Y.XmlElement;
    const before = updates.length;
    second.insert(second.length, [cell('tableCell', 'for mye')]);
    socket.send(updateFrame(updates[before]!));
    await waitFor(() => permissionDeniedReasons(frames).length > 0, { what: 'the refusal' });
    expect(permissionDeniedReasons(frames)).toEqual([expect.stringContaining(`more than ${MAX_TABLE_COLUMNS} cells in a table row`)]);
    expect(storedTables(await fetchDoc(server, docName))).toEqual([{ rows: 2, cells: [MAX_TABLE_COLUMNS, MAX_TABLE_COLUMNS] }]);
    socket.close();
  });

  it('a row of few cells spanning more columns than the grid has is refused, so no editor opening it pads the other rows past the limit', async () => {
    const docName = measureDocName(ROUND, 30);
    const { socket, frames } = await recordingSocket(jd, docName);
    const local = new Y.Doc();
    const table = new Y.XmlElement('table');
    table.insert(0, [row(2), row(10)]);
    local.transact(() => {
      local.getXmlFragment(NARRATIVE_FIELD).insert(0, [table]);
      for (const spanning of (table.get(1) as Y.XmlElement).toArray()) (spanning as Y.XmlElement).setAttribute('colspan', 3 as unknown as string);
    });
    socket.send(updateFrame(Y.encodeStateAsUpdate(local)));
    await waitFor(() => permissionDeniedReasons(frames).length > 0, { what: 'the refusal' });
    expect(permissionDeniedReasons(frames)).toEqual([expect.stringContaining(`a table 30 columns wide, spans counted (at most ${MAX_TABLE_COLUMNS})`)]);
    expect(socket.readyState).toBe(WS.OPEN);
    expect(storedTables(await fetchDoc(server, docName))).toEqual([]);
    socket.close();
  });

  it('a row too wide sent in one update with its table is refused', async () => {
    const docName = measureDocName(ROUND, 14);
    const { socket, frames } = await recordingSocket(jd, docName);
    const local = new Y.Doc();
    const table = new Y.XmlElement('table');
    table.insert(0, [row(2), row(MAX_TABLE_COLUMNS + 1)]);
    local.getXmlFragment(NARRATIVE_FIELD).insert(0, [table]);
    socket.send(updateFrame(Y.encodeStateAsUpdate(local)));
    await waitFor(() => permissionDeniedReasons(frames).length > 0, { what: 'the refusal' });
    expect(permissionDeniedReasons(frames)).toEqual([expect.stringContaining(`more than ${MAX_TABLE_COLUMNS} cells in a table row`)]);
    expect(storedTables(await fetchDoc(server, docName))).toEqual([]);
    socket.close();
  });
});
