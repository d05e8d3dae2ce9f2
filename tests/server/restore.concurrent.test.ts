import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPageSchema } from '../../shared/audit.js';
import * as Y from 'yjs';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { DATABASE_FILE } from '../../server/store/sqlite/connection.js';
import { connectClient, synced, typeParagraph, type TestClient } from '../helpers/clients.js';
import { authorsOf, holdOutgoing, postRestore, restore, versionDetail, versionsOf } from '../helpers/history.js';
import { addPeople } from '../helpers/notifications.js';
import { api, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

const ROUND = DEFAULT_ROUND.id;

/** The client id of the item that holds `text` in a narrative's paragraphs. */
function clientOfText(doc: Y.Doc, text: string): number | undefined {
  for (const paragraph of doc.getXmlFragment(NARRATIVE_FIELD).toArray()) {
    if (!(paragraph instanceof Y.XmlElement)) continue;
    const inner: unknown = paragraph.get(0);
    if (inner instanceof Y.XmlText && inner.toJSON().includes(text)) return (inner as unknown as { _start: Y.Item })._start.id.client;
  }
  return undefined;
}
/** A measure of JD's alone. */
const MEASURE = 12;
const DOC = measureDocName(ROUND, MEASURE);

describe('restoring a version of a measure’s narrative while others write', () => {
  // Ola restores more often here than an account's allowance refills (one per 5 s): tested in syncAmplification.test.ts.
  const server = suiteServer({ documentWorkEveryMs: 100 });
  const clients: TestClient[] = [];
  let ola: Target;
  let kari: Target;
  const connect = (target: Target): TestClient => {
    const client = connectClient(target, DOC);
    clients.push(client);
    return client;
  };
  /** Types in `from` and waits until every other client has it. */
  const typeStored = async (from: TestClient, text: string): Promise<void> => {
    typeParagraph(from, text);
    await waitFor(() => clients.every((client) => client.text().includes(text)), { what: `"${text}" everywhere` });
  };

  beforeAll(async () => {
    await addPeople(server, [
      { username: 'ola', name: 'Ola Nordmann', ministry: 'JD' },
      { username: 'kari', name: 'Kari Nordmann', ministry: 'JD' },
      { username: 'per', name: 'Per Leser', role: 'reader' },
    ]);
    ola = await server.as('ola');
    kari = await server.as('kari');
  });
  afterAll(() => {
    for (const client of clients.splice(0)) client.destroy();
  });

  it('makes the narrative what it was as a new edit by the restorer; whoever types meanwhile stays connected and keeps the text', async () => {
    const byOla = connect(ola);
    const byKari = connect(kari);
    await Promise.all([synced(byOla), synced(byKari)]);
    await typeStored(byKari, 'Karis første avsnitt.');
    // Ola replaces Kari's paragraph with one of his own.
    const fragment = byOla.doc.getXmlFragment(NARRATIVE_FIELD);
    byOla.doc.transact(() => fragment.delete(fragment.length - 1, 1));
    await typeStored(byOla, 'Olas avsnitt, som skal bort.');
    expect(byKari.text()).not.toContain('Karis første avsnitt.');
    const target = (await versionsOf(ola, ROUND, MEASURE)).find((v) => v.author?.username === 'kari')!;
    const wanted = (await versionDetail(ola, ROUND, MEASURE, target.id)).text;
    expect(wanted).toContain('Karis første avsnitt.');
    expect(wanted).not.toContain('Olas avsnitt');

    let closes = 0;
    byKari.provider.on('connection-close', () => closes++);
    // Kari types at the very moment of the restore: her edit reaches the server only after it.
    const held = holdOutgoing(byKari);
    typeParagraph(byKari, 'Skrevet mens det ble gjenopprettet.');
    const restored = await restore(ola, ROUND, MEASURE, target.id);
    held.release();
    // And she goes on typing, the restore already merged into her document.
    await typeStored(byKari, 'Skrevet etterpå.');

    expect(restored.version).toMatchObject({ kind: 'restore', author: { username: 'ola' }, restoredFrom: target.id, updates: 1, open: false });
    expect(restored.version).toMatchObject({ wordsAdded: 3, wordsRemoved: 5 });
    const late = connect(ola);
    await synced(late);
    await waitFor(() => clients.every((client) => client.text() === late.text()), { what: 'everyone converges' });
    expect(late.text()).toBe(`${wanted}\n\nSkrevet mens det ble gjenopprettet.\n\nSkrevet etterpå.`);
    expect(closes).toBe(0);
    expect(byKari.provider.wsconnected).toBe(true);

    // In the history as Ola's, and the text it brought back is Ola's in the authors' map.
    const versions = await versionsOf(kari, ROUND, MEASURE);
    expect(versions.find((v) => v.kind === 'restore')).toEqual(restored.version);
    const authors = await authorsOf(kari, ROUND, MEASURE);
    const brought = clientOfText(late.doc, 'Karis første avsnitt.');
    expect(brought).not.toBe(byKari.doc.clientID);
    expect(authors.clients[String(brought)]).toMatchObject({ username: 'ola', carriedOver: false });
    const audit = AuditPageSchema.parse(await (await api(server, `/api/audit?kind=narrative.restore&measure=${MEASURE}`)).json());
    expect(audit.entries).toEqual([
      expect.objectContaining({ actor: { kind: 'user', username: 'ola', name: 'Ola Nordmann' }, target: { roundId: ROUND, measure: MEASURE, id: target.id } }),
    ]);
  });

  it('a restore while someone types continuously converges, and restoring what the narrative already is changes nothing', async () => {
    const [byOla, byKari] = clients;
    const versions = await versionsOf(ola, ROUND, MEASURE);
    const imported = versions.find((v) => v.kind === 'imported')!;
    let typed = 0;
    let typing = true;
    const typist = (async () => {
      while (typing) {
        typeParagraph(byKari!, `Løpende ${typed++}.`);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    })();
    const restored = await restore(ola, ROUND, MEASURE, imported.id);
    typing = false;
    await typist;
    typeParagraph(byKari!, 'Siste.');
    await waitFor(() => byOla!.text() === byKari!.text() && byOla!.text().includes('Siste.'), { what: 'convergence' });
    expect(restored.version?.kind).toBe('restore');
    expect(byKari!.provider.wsconnected).toBe(true);

    const again = await versionDetail(ola, ROUND, MEASURE, restored.version!.id);
    expect(await restore(ola, ROUND, MEASURE, again.version.id)).toEqual({ version: expect.anything() as unknown });
    const settled = (await versionsOf(ola, ROUND, MEASURE))[0]!;
    const current = await versionDetail(ola, ROUND, MEASURE, settled.id);
    expect(await restore(ola, ROUND, MEASURE, settled.id)).toEqual({ version: null });
    expect(current.diff.every((part) => part.kind === 'same')).toBe(true);
  });

  it('restores a version that holds a table (the editor’s table nodes)', async () => {
    const [byOla, byKari] = clients;
    const hasTable = (client: TestClient): boolean =>
      client.doc.getXmlFragment(NARRATIVE_FIELD).toArray().some((node) => node instanceof Y.XmlElement && node.nodeName === 'table');
    // Kari writes a table with a header cell and a body cell.
    byKari!.doc.transact(() => {
      const cell = (name: string, text: string): Y.XmlElement => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(text)]);
        const element = new Y.XmlElement(name);
        element.insert(0, [paragraph]);
        return element;
      };
      const header = new Y.XmlElement('tableRow');
      header.insert(0, [cell('tableHeader', 'Tiltak')]);
      const body = new Y.XmlElement('tableRow');
      body.insert(0, [cell('tableCell', 'Tabellcelle som kommer tilbake')]);
      const table = new Y.XmlElement('table');
      table.insert(0, [header, body]);
      const fragment = byKari!.doc.getXmlFragment(NARRATIVE_FIELD);
      fragment.insert(fragment.length, [table]);
    });
    await waitFor(() => hasTable(byOla!), { what: 'the table relayed to Ola' });
    const withTable = (await versionsOf(ola, ROUND, MEASURE)).find((v) => v.author?.username === 'kari')!;
    expect((await versionDetail(ola, ROUND, MEASURE, withTable.id)).text).toContain('Tabellcelle som kommer tilbake');
    // Ola removes it.
    byOla!.doc.transact(() => {
      const fragment = byOla!.doc.getXmlFragment(NARRATIVE_FIELD);
      const index = fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.nodeName === 'table');
      fragment.delete(index, 1);
    });
    await waitFor(() => !hasTable(byKari!), { what: 'the table gone for Kari' });

    const restored = await restore(ola, ROUND, MEASURE, withTable.id);
    expect(restored.version?.kind).toBe('restore');
    await waitFor(() => hasTable(byKari!) && hasTable(byOla!), { what: 'the table back for both' });
    expect(byKari!.text()).toContain('Tabellcelle som kommer tilbake');
    const table = byKari!.doc.getXmlFragment(NARRATIVE_FIELD).toArray().find((node) => node instanceof Y.XmlElement && node.nodeName === 'table') as Y.XmlElement;
    expect(table.toArray().map((row) => (row as Y.XmlElement).toArray().map((cell) => (cell as Y.XmlElement).nodeName))).toEqual([['tableHeader'], ['tableCell']]);
  });

  it('is refused to an editor of another ministry and to a reader (403), for an unknown version (404), and changes nothing', async () => {
    const [byOla] = clients;
    const before = byOla!.text();
    const target = (await versionsOf(ola, ROUND, MEASURE)).find((v) => v.kind === 'imported')!;
    const hod = await server.as('hod');
    const per = await server.as('per');
    expect((await postRestore(hod, ROUND, MEASURE, target.id)).status).toBe(403);
    expect((await postRestore(per, ROUND, MEASURE, target.id)).status).toBe(403);
    expect((await postRestore(ola, ROUND, MEASURE, 'v99999999')).status).toBe(404);
    expect((await postRestore(ola, ROUND, 99, target.id)).status).toBe(404);
    const refused = await postRestore(ola, ROUND, MEASURE, 'a1');
    expect(refused.status).toBe(404);
    // A barrier: a fresh client syncs only what is stored.
    const late = connect(ola);
    await synced(late);
    expect(late.text()).toBe(before);
    const audit = AuditPageSchema.parse(await (await api(server, `/api/audit?kind=narrative.restore&actor=hod`)).json());
    expect(audit.entries).toEqual([]);
  });
});

describe('a restore’s audit row and its edit', () => {
  const server = suiteServer();

  it('are stored in one transaction: when the edit cannot be stored, neither is (500), and a later restore writes one row', async () => {
    await addPeople(server, [{ username: 'ola', name: 'Ola Nordmann', ministry: 'JD' }]);
    const ola = await server.as('ola');
    const byOla = connectClient(ola, DOC);
    try {
      await synced(byOla);
      typeParagraph(byOla, 'Olas avsnitt.');
      await waitFor(async () => (await versionsOf(ola, ROUND, MEASURE)).some((v) => v.author?.username === 'ola'), { what: 'Ola’s version stored' });
      const imported = (await versionsOf(ola, ROUND, MEASURE)).find((v) => v.kind === 'imported')!;
      const restoreRows = async (): Promise<unknown[]> =>
        AuditPageSchema.parse(await (await api(server, `/api/audit?kind=narrative.restore&measure=${MEASURE}`)).json()).entries;

      // The disk refuses the restore's update once the command's own transaction has committed.
      const db = new Database(join(server.dataDir, DATABASE_FILE));
      try {
        db.exec(`CREATE TRIGGER refuse_restores BEFORE INSERT ON doc_history WHEN NEW.kind = 'restore'
                 BEGIN SELECT RAISE(ABORT, 'the disk refused the restore'); END`);
        expect((await postRestore(ola, ROUND, MEASURE, imported.id)).status).toBe(500);
        expect(await restoreRows()).toEqual([]);
        expect((await versionsOf(ola, ROUND, MEASURE)).some((v) => v.kind === 'restore')).toBe(false);
        db.exec('DROP TRIGGER refuse_restores');
      } finally {
        db.close();
      }

      const restored = await restore(ola, ROUND, MEASURE, imported.id);
      expect(restored.version?.kind).toBe('restore');
      const rows = await restoreRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor: { kind: 'user', username: 'ola' }, target: { roundId: ROUND, measure: MEASURE, id: imported.id } });
    } finally {
      byOla.destroy();
    }
  });
});
