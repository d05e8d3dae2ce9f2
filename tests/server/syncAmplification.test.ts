import type { Socket } from 'node:net';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type { WebSocket as WS } from 'ws';
import { CLOSE_CODES } from '../../shared/closeCodes.js';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { closeCode, connectClient, openRawSocket, recordingSocket, synced, typeParagraph } from '../helpers/clients.js';
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
    expect(await closed).toBe(CLOSE_CODES.TOO_MANY_SYNC_REQUESTS);
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
