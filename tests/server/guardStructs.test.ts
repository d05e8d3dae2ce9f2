import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_TABLE_ROWS } from '../../shared/limits.js';
import { appendParagraphs, narrativeFragment } from '../../shared/narrative.js';
import { guardSetup, sendUpdate } from '../helpers/guard.js';
import { yCells, yRow, yTable } from '../helpers/yTables.js';
import { encodeUpdate as encodeGroups, groupOf } from '../helpers/yUpdates.js';

/** Encodes groups of structs (each one client's, following each other) and deletions as given. */
const encodeUpdate = (groups: readonly (readonly (Y.Item | Y.GC | Y.Skip)[])[], deletions: readonly [number, readonly [number, number][]][] = []): Uint8Array =>
  encodeGroups(groups.map((structs) => groupOf(...structs)), deletions);

/**
 * Updates written by hand, as no Yjs encoder writes them, that Yjs would integrate otherwise than
 * the update guard reads them (server/sync/updateGuard.ts `unresolvable`, found by a differential
 * fuzz of the guard): each is refused as missing dependencies (the sender resyncs), and nothing of
 * it reaches the document.
 */

/** A string item of client `client` at `clock`, after `origin` (or, with no neighbours, in `parent`). */
function text(client: number, clock: number, origin: Y.ID | null, str: string, parent: Y.ID | null = null): Y.Item {
  return new Y.Item(Y.createID(client, clock), null, origin, null, null, parent, null, new Y.ContentString(str));
}

/** The id of the last letter of the first paragraph's text. */
function endOfFirstText(doc: Y.Doc): Y.ID {
  const paragraph = narrativeFragment(doc).get(0) as Y.XmlElement;
  const item = (paragraph.get(0) as Y.XmlText)._start!;
  return item.lastId;
}

const refusedAs = (detail: RegExp) => ({ kind: 'missingDependencies', detail: expect.stringMatching(detail) as unknown as string });

describe('updates Yjs would integrate otherwise than the guard reads them', () => {
  it('a struct reaching back over clocks the document has (Yjs would link its new part after its own earlier clock)', () => {
    const s = guardSetup();
    // Client 7 wrote one item already: an empty paragraph.
    const writer = new Y.Doc();
    writer.clientID = 7;
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(s.server));
    const before = Y.encodeStateVector(writer);
    appendParagraphs(narrativeFragment(writer), ['']);
    expect(sendUpdate(s, Y.encodeStateAsUpdate(writer, before)).kind).toBe('apply');
    const state = Y.encodeStateAsUpdate(s.server);
    // From clock 0, two letters longer than what the document has of client 7.
    const verdict = sendUpdate(s, encodeUpdate([[text(7, 0, endOfFirstText(s.server), 'x'.repeat(Y.getState(s.server.store, 7) + 2))]]));
    expect(verdict).toEqual(refusedAs(/reaches back over clocks the document has/));
    expect(Y.encodeStateAsUpdate(s.server)).toEqual(state);
  });

  it('structs that wait for each other, and a reference to a later clock of its own client', () => {
    const s = guardSetup();
    const end = endOfFirstText(s.server);
    expect(sendUpdate(s, encodeUpdate([[text(7, 0, Y.createID(8, 0), 'a')], [text(8, 0, Y.createID(7, 0), 'b')]]))).toEqual(
      refusedAs(/wait for each other/),
    );
    expect(sendUpdate(s, encodeUpdate([[text(7, 0, Y.createID(7, 1), 'a'), text(7, 1, end, 'b')]]))).toEqual(refusedAs(/its own client's clock after it/));
    // A chain across clients that does resolve is taken.
    expect(sendUpdate(s, encodeUpdate([[text(7, 0, Y.createID(8, 0), 'a')], [text(8, 0, end, 'b')]])).kind).toBe('apply');
    expect(s.server.store.pendingStructs).toBeNull();
  });

  it('a struct the document has, sent again with a reference to a clock nobody has (Yjs would keep what follows pending)', () => {
    const s = guardSetup();
    const end = endOfFirstText(s.server);
    expect(sendUpdate(s, encodeUpdate([[text(7, 0, end, 'a')]])).kind).toBe('apply');
    const again = encodeUpdate([[text(7, 0, Y.createID(1, 500), 'a'), text(7, 1, Y.createID(7, 0), 'b')]]);
    expect(sendUpdate(s, again)).toEqual(refusedAs(/refers to 1:500/));
    expect(s.server.store.pendingStructs).toBeNull();
  });
});

describe('deletions listed twice', () => {
  it('take a row off a table once: a table of the most rows gets no more through them', () => {
    const s = guardSetup((doc) => narrativeFragment(doc).insert(0, [yTable(Array.from({ length: MAX_TABLE_ROWS }, () => yRow(yCells(1))))]));
    const table = narrativeFragment(s.client).get(0) as Y.XmlElement;
    const firstRow = table._start!;
    const before = Y.encodeStateVector(s.client);
    s.client.transact(() => {
      table.delete(0, 1);
      table.insert(0, [yRow(yCells(1, 'a')), yRow(yCells(1, 'b'))]);
    });
    const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(s.client, before));
    const deleted: [number, number] = [firstRow.id.clock, 1];
    const twice = encodeUpdate([structs], [[firstRow.id.client, [deleted, deleted]]]);
    expect(sendUpdate(s, twice)).toEqual({ kind: 'limit', detail: `more than ${MAX_TABLE_ROWS} rows in a table` });
    expect((narrativeFragment(s.server).get(0) as Y.XmlElement).length).toBe(MAX_TABLE_ROWS);
  });
});

describe('attributes as Yjs writes them', () => {
  it('a text holds no type as an attribute (nothing reads it, and it could hold anything)', () => {
    const s = guardSetup();
    const firstText = (doc: Y.Doc): Y.XmlText => (narrativeFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const before = Y.encodeStateVector(s.client);
    firstText(s.client).setAttribute('x', new Y.XmlElement('script'));
    expect(sendUpdate(s, Y.encodeStateAsUpdate(s.client, before))).toEqual({ kind: 'limit', detail: 'an attribute of a text holding a Y.XmlFragment' });
    expect(firstText(s.server).getAttribute('x')).toBeUndefined();
  });
});
