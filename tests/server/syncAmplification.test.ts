import type { Socket } from 'node:net';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type { WebSocket as WS } from 'ws';
import { ApiErrorSchema } from '../../shared/api.js';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { MeasureHistorySchema } from '../../shared/history.js';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import * as Y from 'yjs';
import { narrativeFragment, narrativeText } from '../../shared/narrative.js';
import { DOCUMENT_WORK_AT_ONCE } from '../../server/sync/documentWork.js';
import { api } from '../helpers/session.js';
import { closeCode, connectClient, fetchDoc, openRawSocket, recordingSocket, synced, typeParagraph } from '../helpers/clients.js';
import { twoMarkEdgedStrings } from '../helpers/editorDocuments.js';
import { updateFrame } from '../helpers/frames.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

/** Measure 5 is JD's alone: HOD may only read it. */
const DOC = measureDocName(DEFAULT_ROUND.id, 5);

/** A sync step 1 with an empty state vector: "send me the whole document". */
const WHOLE_DOCUMENT_PLEASE = encoding.encode((encoder) => {
  encoding.writeVarUint(encoder, 0); // sync
  encoding.writeVarUint(encoder, 0); // step 1
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
});

const isSyncStep2 = (frame: Uint8Array): boolean => frame[0] === 0 && frame[1] === 1;

/** Stops reading the socket: what the server sends waits in the kernel, then in the server. */
function stopReading(socket: WS): Socket {
  const tcp = (socket as unknown as { _socket: Socket })._socket;
  tcp.pause();
  return tcp;
}

describe('a client cannot make the server send without bound', () => {
  const UNSENT = 256 * 1024;
  const server = suiteServer({ unsentLimits: { perSocket: UNSENT, total: 1024 * 1024 * 1024 } });

  it('a connection repeating sync requests is answered a few times, then closed with 4029; a new connection syncs', async () => {
    const reader = await server.as('hod');
    const { socket, frames } = await recordingSocket(reader, DOC);
    const closed = closeCode(socket);
    const answers = (): number => frames.filter(isSyncStep2).length;
    for (let i = 0; i < 4; i++) socket.send(WHOLE_DOCUMENT_PLEASE);
    await waitFor(() => answers() === 4, { what: 'four sync requests answered' });
    for (let i = 0; i < 50; i++) socket.send(WHOLE_DOCUMENT_PLEASE);
    expect(await closed).toBe(CLOSE_CODES.TOO_MUCH_DOCUMENT_WORK);
    expect(answers(), 'no whole document sent after the fourth').toBe(4);
    expect(server.logs().some((line) => line.includes('more sync requests than 4 at once'))).toBe(true);

    const again = connectClient(reader, DOC);
    await synced(again);
    expect(again.text().length).toBeGreaterThan(0);
    again.destroy();
  });

  it('a socket that reads nothing is dropped once what waits for it passes the bound; a reading one keeps receiving', async () => {
    const jd = await server.as('jd');
    const writer = connectClient(jd, DOC);
    const bystander = connectClient(await server.as('hod'), DOC);
    await Promise.all([synced(writer), synced(bystander)]);
    const stalled = await openRawSocket(await server.as('hod'), DOC);
    const stalledClosed = closeCode(stalled);
    const tcp = stopReading(stalled);

    // Each edit is relayed to both readers: a paragraph of 20 kB, then its removal.
    const fragment = writer.doc.getXmlFragment(NARRATIVE_FIELD);
    const dropped = (): boolean => server.logs().some((line) => line.includes('still unread; dropping the socket'));
    for (let round = 0; round < 400 && !dropped(); round++) {
      typeParagraph(writer, `${round} `.padEnd(20_000, 'x'));
      fragment.delete(fragment.length - 1, 1);
      if (round % 20 === 19) {
        const marker = `merke ${round}`;
        typeParagraph(writer, marker);
        await waitFor(() => bystander.text().includes(marker), { what: `"${marker}" at the reading client` });
      }
    }
    expect(dropped(), 'the stalled socket dropped').toBe(true);

    tcp.resume();
    // Terminated, not closed with a close frame that would wait behind what it did not read.
    expect(await stalledClosed).toBe(1006);
    typeParagraph(writer, 'Etter at den tause ble koblet fra.');
    await waitFor(() => bystander.text().includes('Etter at den tause ble koblet fra.'), { what: 'the reading client still served' });
    expect(bystander.provider.wsconnected).toBe(true);
    writer.destroy();
    bystander.destroy();
  });
});

describe('many sockets that read nothing cannot make the server hold without bound', () => {
  const server = suiteServer({ unsentLimits: { perSocket: 16 * 1024 * 1024, total: 1024 * 1024 } });

  it('once those of all sockets pass the bound, the socket with the most unread is dropped; readers still sync', async () => {
    // A document of about 1.8 MB: each socket asking for it gets that much, four times over.
    const writer = connectClient(await server.as('jd'), DOC);
    await synced(writer);
    for (let i = 0; i < 90; i++) typeParagraph(writer, `${i} `.padEnd(20_000, 'y'));
    typeParagraph(writer, 'Slutt på det store.');
    const check = connectClient(await server.as('koordinator'), DOC);
    await waitFor(() => check.text().includes('Slutt på det store.'), { what: 'the large document stored and relayed' });
    check.destroy();

    const dropped = (): number => server.logs().filter((line) => line.includes('together have over')).length;
    const silent: WS[] = [];
    for (let i = 0; i < 8 && dropped() === 0; i++) {
      const socket = await openRawSocket(await server.as('hod'), DOC);
      stopReading(socket);
      silent.push(socket);
      for (let request = 0; request < 4; request++) socket.send(WHOLE_DOCUMENT_PLEASE);
    }
    await waitFor(() => dropped() > 0, { what: 'a silent socket dropped once all together hold over 1 MiB' });
    for (const socket of silent) socket.terminate();

    const reader = connectClient(await server.as('ud'), DOC);
    await waitFor(() => reader.text().includes('Slutt på det store.'), { what: 'a reading client still gets the whole document' });
    reader.destroy();
    writer.destroy();
  });
});

/** The update of `twoMarkEdgedStrings` with `marker`: one the guard judges on a copy of the document. */
function needingACopy(doc: Y.Doc, marker: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  twoMarkEdgedStrings(doc, marker);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('an account’s updates that only a copy of the document can judge are rationed', () => {
  // None comes back during the test: what is spent stays spent.
  const server = suiteServer({ documentWorkEveryMs: 60 * 60_000 });

  it(`${DOCUMENT_WORK_AT_ONCE} are judged; the next closes the connection with 4029 and is not stored; reconnecting gives none back; other accounts are not held`, async () => {
    const jd = await server.as('jd');
    const local = await fetchDoc(jd, DOC);
    const bystander = connectClient(await server.as('hod'), DOC);
    await synced(bystander);
    const socket = await openRawSocket(jd, DOC);
    const closed = closeCode(socket);
    for (let i = 0; i < DOCUMENT_WORK_AT_ONCE; i++) socket.send(updateFrame(needingACopy(local, `kopi${i}`)));
    await waitFor(() => bystander.text().includes(`kopi${DOCUMENT_WORK_AT_ONCE - 1}`), { what: 'the judged updates relayed' });
    const refused = needingACopy(local, 'nektet');
    socket.send(updateFrame(refused));
    expect(await closed).toBe(CLOSE_CODES.TOO_MUCH_DOCUMENT_WORK);
    expect(server.logs().some((line) => line.includes(`more updates judged on a copy of the document than ${DOCUMENT_WORK_AT_ONCE} at once from jd`))).toBe(true);

    const again = await openRawSocket(jd, DOC);
    const againClosed = closeCode(again);
    again.send(updateFrame(refused));
    expect(await againClosed, 'a new connection of the same account').toBe(CLOSE_CODES.TOO_MUCH_DOCUMENT_WORK);

    // The coordinator, who may write JD's measure too, is judged as before.
    const coordinator = connectClient(server, DOC);
    await synced(coordinator);
    needingACopy(coordinator.doc, 'koordinatoren');
    await waitFor(() => bystander.text().includes('koordinatoren'), { what: 'the coordinator’s update relayed' });
    expect(coordinator.provider.wsconnected).toBe(true);
    coordinator.destroy();

    const stored = narrativeText(narrativeFragment(await fetchDoc(jd, DOC)));
    for (let i = 0; i < DOCUMENT_WORK_AT_ONCE; i++) expect(stored).toContain(`kopi${i}`);
    expect(stored).not.toContain('nektet');
    bystander.destroy();

    // A restore copies the document too: JD has nothing left for one; the coordinator has.
    const history = MeasureHistorySchema.parse(await (await api(jd, `/api/rounds/${DEFAULT_ROUND.id}/measures/5/history`)).json());
    const version = history.find((entry) => 'updates' in entry);
    expect(version, 'the narrative has a version').toBeDefined();
    const restorePath = `/api/rounds/${DEFAULT_ROUND.id}/measures/5/history/${version?.id}/restore`;
    const held = await api(jd, restorePath, { method: 'POST' });
    expect(held.status).toBe(503);
    expect(held.headers.get('retry-after')).toBe('5');
    expect(ApiErrorSchema.parse(await held.json()).error.code).toBe('busy');
    expect((await api(server, restorePath, { method: 'POST' })).status).toBe(200);
  });
});

describe('the stock client whose updates the ration held sends them again', () => {
  const server = suiteServer({ documentWorkEveryMs: 200 });

  it('closed with 4029, it reconnects and everything it wrote is stored', async () => {
    const writer = connectClient(await server.as('jd'), DOC);
    await synced(writer);
    const markers = Array.from({ length: DOCUMENT_WORK_AT_ONCE + 3 }, (_, i) => `igjen${i}`);
    for (const marker of markers) needingACopy(writer.doc, marker);
    const reader = connectClient(await server.as('hod'), DOC);
    await waitFor(() => markers.every((marker) => reader.text().includes(marker)), { what: 'every update stored and relayed', timeoutMs: 30_000 });
    expect(server.logs().some((line) => line.includes('more updates judged on a copy of the document than'))).toBe(true);
    expect(reader.text()).toBe(writer.text());
    reader.destroy();
    writer.destroy();
  });
});
