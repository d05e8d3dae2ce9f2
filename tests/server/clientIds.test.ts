import { describe, expect, it } from 'vitest';
import { WebSocket as WS } from 'ws';
import * as Y from 'yjs';
import { LIMIT_REFUSAL_PREFIX } from '../../shared/auth.js';
import { measureDocName } from '../../shared/documentLayout.js';
import { MAX_CLIENT_IDS_PER_ACCOUNT, MAX_CLIENT_IDS_PER_DOCUMENT } from '../../shared/limits.js';
import { appendParagraphs, narrativeFragment, narrativeText } from '../../shared/narrative.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import type { ClientClaim } from '../../server/store/types.js';
import { ClientClaims } from '../../server/sync/ClientClaims.js';
import { UpdateGuard } from '../../server/sync/updateGuard.js';
import { fetchDoc, recordingSocket } from '../helpers/clients.js';
import { permissionDeniedReasons, updateFrame } from '../helpers/frames.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * A narrative holds at most MAX_CLIENT_IDS_PER_DOCUMENT Yjs client ids, and one account brings at
 * most MAX_CLIENT_IDS_PER_ACCOUNT into it (shared/limits.ts): Yjs reads the whole list at every
 * transaction, so one editor writing each letter under a new id made every keystroke in the
 * measure cost the server about 55 ms. An update past either is refused like any other limit.
 */

const ROUND = DEFAULT_ROUND.id;

/** What a client whose id is `clientId` sends when it writes `text` as a new paragraph of `base`. */
function paragraphUnder(base: Y.Doc, clientId: number, text: string): Uint8Array {
  const writer = new Y.Doc();
  writer.clientID = clientId;
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(writer);
  appendParagraphs(narrativeFragment(writer), [text]);
  const update = Y.encodeStateAsUpdate(writer, before);
  Y.applyUpdate(base, update);
  return update;
}

describe('client ids in a narrative', () => {
  const server = suiteServer();

  it(`an account brings at most ${MAX_CLIENT_IDS_PER_ACCOUNT} into one narrative; the next is refused and not stored, others write on`, async () => {
    const docName = measureDocName(ROUND, 1);
    const jd = await server.as('jd');
    const { socket, frames } = await recordingSocket(jd, docName);
    const mirror = await fetchDoc(server, docName);
    for (let i = 0; i < MAX_CLIENT_IDS_PER_ACCOUNT; i++) socket.send(updateFrame(paragraphUnder(mirror, 10_000 + i, `Bokstav ${i}.`)));
    socket.send(updateFrame(paragraphUnder(mirror, 20_000, 'Én for mye.')));
    await waitFor(() => permissionDeniedReasons(frames).length > 0, { what: 'the refusal' });
    expect(permissionDeniedReasons(frames)).toEqual([`${LIMIT_REFUSAL_PREFIX} jd would have brought more than ${MAX_CLIENT_IDS_PER_ACCOUNT} client ids into the document`]);
    expect(socket.readyState).toBe(WS.OPEN);
    const stored = narrativeText(narrativeFragment(await fetchDoc(server, docName)));
    expect(stored).toContain(`Bokstav ${MAX_CLIENT_IDS_PER_ACCOUNT - 1}.`);
    expect(stored).not.toContain('Én for mye.');
    socket.close();

    // Someone else of the measure's ministries writes under a new id of their own.
    const ud = await server.as('ud');
    const other = await recordingSocket(ud, docName);
    const now = await fetchDoc(server, docName);
    other.socket.send(updateFrame(paragraphUnder(now, 30_000, 'Fra UD.')));
    await waitFor(async () => narrativeText(narrativeFragment(await fetchDoc(server, docName))).includes('Fra UD.'), { what: 'UD’s paragraph stored' });
    expect(permissionDeniedReasons(other.frames)).toEqual([]);
    other.socket.close();
  });
});

describe('the update guard counting client ids', () => {
  function guardWith(claims: ClientClaim[]): { server: Y.Doc; guard: UpdateGuard } {
    const server = new Y.Doc();
    appendParagraphs(narrativeFragment(server), ['Første avsnitt.']);
    return { server, guard: new UpdateGuard(server, new ClientClaims(claims)) };
  }
  const check = ({ server, guard }: { server: Y.Doc; guard: UpdateGuard }, clientId: number, author: string) => {
    const update = paragraphUnder(new Y.Doc(), clientId, 'Ny.');
    void server;
    return guard.check(update, Y.decodeUpdate(update), author);
  };
  const claims = (count: number, author: (i: number) => string, carriedOver = false): ClientClaim[] =>
    Array.from({ length: count }, (_, i) => ({ clientId: 1_000_000 + i, author: author(i), carriedOver }));

  it(`refuses a new id past ${MAX_CLIENT_IDS_PER_DOCUMENT} in the document, whoever brings it; an id of one's own writes on`, () => {
    const full = guardWith(claims(MAX_CLIENT_IDS_PER_DOCUMENT, (i) => `person${i % 40}`));
    expect(check(full, 42, 'jd')).toEqual({ kind: 'limit', detail: `the document would hold more than ${MAX_CLIENT_IDS_PER_DOCUMENT} client ids` });
    expect(check(full, 1_000_003, 'person3').kind).toBe('apply');
    expect(check(guardWith(claims(MAX_CLIENT_IDS_PER_DOCUMENT - 1, (i) => `person${i % 40}`)), 42, 'jd').kind).toBe('apply');
  });

  it('ids carried over from an earlier round do not count for the account', () => {
    expect(check(guardWith(claims(MAX_CLIENT_IDS_PER_ACCOUNT, () => 'jd', true)), 42, 'jd').kind).toBe('apply');
    expect(check(guardWith(claims(MAX_CLIENT_IDS_PER_ACCOUNT, () => 'jd')), 42, 'jd')).toEqual({
      kind: 'limit',
      detail: `jd would have brought more than ${MAX_CLIENT_IDS_PER_ACCOUNT} client ids into the document`,
    });
    expect(check(guardWith(claims(MAX_CLIENT_IDS_PER_ACCOUNT, () => 'jd')), 42, 'ud').kind).toBe('apply');
  });
});
