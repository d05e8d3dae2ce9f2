import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as Y from 'yjs';
import { LIMIT_REFUSAL_PREFIX } from '../../shared/auth.js';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { narrativeFragment, narrativeText } from '../../shared/narrative.js';
import { RoundDetailSchema } from '../../shared/round.js';
import { SnapshotSummarySchema } from '../../shared/snapshot.js';
import { SnapshotSchema, type Snapshot } from '../../shared/snapshotContent.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { connectClient, openRawSocket, synced, typeParagraph } from '../helpers/clients.js';
import { storeForeignChildren } from '../helpers/foreignChildren.js';
import { permissionDeniedReasons, updateFrame } from '../helpers/frames.js';
import { narrativeDepth } from '../helpers/nesting.js';
import { restore, versionDetail, versionsOf } from '../helpers/history.js';
import { EMPTY_STRUCT_CLIENT, emptyStructUpdate, poison, TOWER_LEVELS } from '../helpers/poison.js';
import { startTestServer, tempDataDir, type TestServer } from '../helpers/server.js';
import { api, patchJson, type Target } from '../helpers/session.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;
/** The poisoned measure (JD's) and a neighbour that must not suffer for it. */
const POISONED = 5;
const NEIGHBOUR = 6;

/** The deepest element nesting of a Yjs state. */
function stateDepth(base64: string): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(base64, 'base64'));
  return narrativeDepth(doc);
}

async function onlySnapshot(target: Target): Promise<Snapshot> {
  const summaries = z.array(SnapshotSummarySchema).parse(await (await api(target, `/api/rounds/${ROUND}/snapshots`)).json());
  expect(summaries).toHaveLength(1);
  return SnapshotSchema.parse(await (await api(target, `/api/snapshots/${summaries[0]!.id}`)).json());
}

/** Every export of a snapshot answers, and each still holds the neighbour's text. */
async function exportsHold(target: Target, snapshotId: string, neighbourText: string): Promise<string> {
  let html = '';
  for (const ext of ['html', 'md', 'docx', 'json']) {
    const response = await api(target, `/api/snapshots/${snapshotId}/export.${ext}`);
    expect(response.status, ext).toBe(200);
    if (ext === 'html') html = await response.text();
    else if (ext === 'md') expect(await response.text()).toContain(/[\p{L} ]{12,}/u.exec(neighbourText)?.[0] ?? neighbourText);
    else await response.arrayBuffer();
  }
  return html;
}

describe('a document stored before the limits existed', () => {
  const dirs: string[] = [];
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('does not keep the server from starting, freezing at start, or exporting every other measure', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir });
    const deadline = new Date(Date.now() + 500).toISOString();
    expect((await patchJson(first, `/api/rounds/${ROUND}`, { deadline })).status).toBe(200);
    await first.close();
    await poison(dataDir, POISONED);
    await waitFor(() => Date.now() > Date.parse(deadline), { what: 'the deadline to pass while down' });

    server = await startTestServer({ dataDir });
    const round = RoundDetailSchema.parse(await (await api(server, `/api/rounds/${ROUND}`)).json());
    expect(round.state).toBe('frozen');
    const snapshot = await onlySnapshot(server);
    expect(snapshot.reason).toBe('deadline_at_start');
    const poisoned = snapshot.content.measures.find((m) => m.number === POISONED)!;
    const neighbour = snapshot.content.measures.find((m) => m.number === NEIGHBOUR)!;
    // The record keeps the measure exactly, as Yjs state, and says it cannot be rendered.
    expect(poisoned.renderable).toBe(false);
    expect(stateDepth(poisoned.yjsState)).toBe(TOWER_LEVELS);
    expect(neighbour.renderable).toBe(true);
    const neighbourText = narrativeTextOf(neighbour.yjsState);
    expect(neighbourText.length).toBeGreaterThan(40);

    const html = await exportsHold(server, snapshot.id, neighbourText);
    const section = html.slice(html.indexOf(`id="tiltak-${POISONED}"`), html.indexOf(`id="tiltak-${POISONED + 1}"`));
    expect(section).toContain('kan ikke vises');
    // The measure itself still answers, with no text to show.
    const measure = await api(server, `/api/rounds/${ROUND}/measures/${POISONED}`);
    expect(measure.status).toBe(200);
    // ... and says why the editor cannot show it (the page shows a notice instead of the editor).
    expect(await measure.json()).toMatchObject({ narrative: '', narrativeProblem: 'tooDeep' });
    expect(await (await api(server, `/api/rounds/${ROUND}/measures/${NEIGHBOUR}`)).json()).toMatchObject({ narrativeProblem: null });
  });

  it('takes no edit while the server runs, and the round still freezes on time', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir });
    await first.close();
    await poison(dataDir, POISONED);
    server = await startTestServer({ dataDir, deadlineCheckIntervalMs: 100 });
    const jd = await server.as('jd');

    // An ordinary edit of the poisoned measure (what once crashed the server ~300 ms later).
    const frames: Uint8Array[] = [];
    const socket = await openRawSocket(jd, measureDocName(ROUND, POISONED), { onFrame: (frame) => frames.push(frame) });
    const local = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Vanlig redigering.')]);
    local.getXmlFragment(NARRATIVE_FIELD).insert(0, [paragraph]);
    socket.send(updateFrame(Y.encodeStateAsUpdate(local)));
    await waitFor(() => permissionDeniedReasons(frames).some((reason) => reason.startsWith(LIMIT_REFUSAL_PREFIX)), { what: 'the refusal' });
    socket.close();

    // The other measures go on as usual.
    const writer = connectClient(jd, measureDocName(ROUND, NEIGHBOUR));
    await synced(writer);
    typeParagraph(writer, 'Naboen skriver videre.');
    const reader = connectClient(server, measureDocName(ROUND, NEIGHBOUR));
    await waitFor(() => reader.text().includes('Naboen skriver videre.'), { what: "the neighbour's edit relayed" });
    writer.destroy();
    reader.destroy();

    const deadline = new Date(Date.now() + 300).toISOString();
    expect((await patchJson(server, `/api/rounds/${ROUND}`, { deadline })).status).toBe(200);
    await waitFor(async () => RoundDetailSchema.parse(await (await api(server!, `/api/rounds/${ROUND}`)).json()).state === 'frozen', {
      what: 'the freeze',
    });
    const snapshot = await onlySnapshot(server);
    expect(snapshot.reason).toBe('deadline');
    expect(Date.parse(snapshot.takenAt) - Date.parse(deadline)).toBeLessThan(2_000);
    expect(snapshot.content.measures.find((m) => m.number === POISONED)?.renderable).toBe(false);
    await exportsHold(server, snapshot.id, 'Naboen skriver videre.');
    const draft = await api(server, `/api/rounds/${ROUND}/export.html`);
    expect(draft.status).toBe(200);
    expect(await draft.text()).toContain('Naboen skriver videre.');
  });

  it('one that took a struct of no length before they were refused loads, syncs a state fresh clients can apply, takes edits, and keeps its history and exports', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir });
    await first.close();
    // Straight into the store: the update, then a compaction of the document that took it (a checkpoint too).
    const docName = measureDocName(ROUND, POISONED);
    const store = new SqliteStore(dataDir);
    let before: string;
    try {
      const doc = new Y.Doc();
      for (const update of (await store.loadDocument(docName)).updates) Y.applyUpdate(doc, update);
      before = narrativeText(narrativeFragment(doc));
      const appended = await store.appendUpdate(docName, emptyStructUpdate(), { kind: 'edit', author: 'jd', at: new Date().toISOString(), clients: [] });
      Y.applyUpdate(doc, emptyStructUpdate());
      const state = Y.encodeStateAsUpdate(doc);
      expect(() => Y.applyUpdate(new Y.Doc(), state), 'the stored state is the poison').toThrow('Unexpected case');
      await store.compactDocument(docName, appended.id, state, true);
      // The neighbour took one too, and was not compacted since: the struct itself is in its log.
      await store.appendUpdate(measureDocName(ROUND, NEIGHBOUR), emptyStructUpdate(), { kind: 'edit', author: 'jd', at: new Date().toISOString(), clients: [] });
    } finally {
      store.close();
    }
    expect(before.length).toBeGreaterThan(40);

    server = await startTestServer({ dataDir });
    const jd = await server.as('jd');
    const client = connectClient(jd, docName);
    try {
      await synced(client);
      expect(client.text()).toBe(before);
      const state = Y.encodeStateAsUpdate(client.doc);
      expect(() => Y.applyUpdate(new Y.Doc(), state), 'what a fresh client got applies').not.toThrow();
      expect(client.doc.store.clients.has(EMPTY_STRUCT_CLIENT)).toBe(false);
      typeParagraph(client, 'Skrevet etter giften.');
      const reader = connectClient(server, docName);
      try {
        await waitFor(() => reader.text().includes('Skrevet etter giften.'), { what: 'the edit relayed to another client' });
      } finally {
        reader.destroy();
      }
    } finally {
      client.destroy();
    }
    const neighbour = connectClient(jd, measureDocName(ROUND, NEIGHBOUR));
    try {
      await synced(neighbour);
      expect(() => Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(neighbour.doc)), "the neighbour's state applies").not.toThrow();
      expect(neighbour.doc.store.clients.has(EMPTY_STRUCT_CLIENT)).toBe(false);
    } finally {
      neighbour.destroy();
    }
    expect((await api(server, `/api/rounds/${ROUND}/export.md`)).status).toBe(200);
    const versions = await versionsOf(server, ROUND, POISONED);
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions) expect((await versionDetail(server, ROUND, POISONED, version.id)).text.length).toBeGreaterThan(0);
  });

  it('one that took children that are neither elements nor texts before they were refused: its page, history, exports, snapshots, edits, a restore and the next round all answer', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const first = await startTestServer({ dataDir });
    await first.close();
    const before = await storeForeignChildren(dataDir, POISONED);
    expect(before.length).toBeGreaterThan(40);

    server = await startTestServer({ dataDir });
    const measurePath = `/api/rounds/${ROUND}/measures/${POISONED}`;
    const measure = await api(server, measurePath);
    expect(measure.status).toBe(200);
    expect(MeasureDetailSchema.parse(await measure.json())).toMatchObject({ narrative: before, narrativeProblem: null, narrativeEmpty: false });
    const versions = await versionsOf(server, ROUND, POISONED);
    expect(versions.length).toBeGreaterThan(1);
    for (const version of versions) expect((await versionDetail(server, ROUND, POISONED, version.id)).text).toBe(before);

    // Edits go on beside them.
    const jd = await server.as('jd');
    const writer = connectClient(jd, measureDocName(ROUND, POISONED));
    try {
      await synced(writer);
      typeParagraph(writer, 'Skrevet ved siden av.');
      await waitFor(async () => MeasureDetailSchema.parse(await (await api(server!, measurePath)).json()).narrative === `${before}\n\nSkrevet ved siden av.`, {
        what: 'the edit stored',
      });
    } finally {
      writer.destroy();
    }

    // The draft exports and a snapshot hold the text.
    for (const ext of ['html', 'md', 'docx', 'json', 'pdf']) {
      const response = await api(server, `/api/rounds/${ROUND}/export.${ext}`);
      expect(response.status, ext).toBe(200);
      if (ext === 'md') expect(await response.text()).toContain('Skrevet ved siden av.');
      else await response.arrayBuffer();
    }
    const taken = await api(server, `/api/rounds/${ROUND}/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(taken.status).toBe(201);
    const snapshot = await onlySnapshot(server);
    const recorded = snapshot.content.measures.find((m) => m.number === POISONED)!;
    expect(recorded.renderable).toBe(true);
    expect(narrativeTextOf(recorded.yjsState)).toContain('Skrevet ved siden av.');
    const html = await exportsHold(server, snapshot.id, 'Skrevet ved siden av.');
    expect(html.slice(html.indexOf(`id="tiltak-${POISONED}"`), html.indexOf(`id="tiltak-${POISONED + 1}"`))).toContain('Skrevet ved siden av.');

    // A restore of the version before them (the server's own edit, y-prosemirror's diff over the fragment).
    const restored = await restore(server, ROUND, POISONED, versions[versions.length - 1]!.id);
    expect(restored).toBeTruthy();
    await waitFor(async () => MeasureDetailSchema.parse(await (await api(server!, measurePath)).json()).narrative === before, { what: 'the restore' });

    // The next round carries the measure over.
    const created = await api(server, '/api/rounds', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Neste runde', deadline: new Date(Date.now() + 30 * 86_400_000).toISOString() }),
    });
    expect(created.status).toBe(201);
    const next = RoundDetailSchema.parse(await created.json());
    const carried = await api(server, `/api/rounds/${next.id}/measures/${POISONED}`);
    expect(carried.status).toBe(200);
    expect(MeasureDetailSchema.parse(await carried.json())).toMatchObject({ narrative: before, narrativeProblem: null, narrativeEmpty: false });
  });
});

function narrativeTextOf(base64: string): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Buffer.from(base64, 'base64'));
  return narrativeText(narrativeFragment(doc));
}
