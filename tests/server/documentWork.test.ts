import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MAX_DOCUMENT_BYTES } from '../../shared/limits.js';
import { appendParagraphs, narrativeFragment } from '../../shared/narrative.js';
import type { PmNode } from '../../shared/prosemirror.js';
import { editorSchema } from '../../server/history/restoreEdit.js';
import { AccountAllowances, DOCUMENT_WORK_AT_ONCE, DOCUMENT_WORK_EVERY_MS, DocumentWorkAllowance } from '../../server/sync/documentWork.js';
import { EVERY_NODE_AND_MARK, twoMarkEdgedStrings } from '../helpers/editorDocuments.js';
import { asking, firstParagraph, guardSetup, sendChange, sendUpdate } from '../helpers/guard.js';

/**
 * Work the size of the whole document done for a few bytes sent is rationed
 * (server/sync/documentWork.ts): the update guard asks before it judges an update on a copy of
 * the document or counts the document again, and the room closes a connection whose account has
 * no allowance left (4029; tests/server/syncAmplification.test.ts). The editor's own edits never
 * need it.
 */

const firstText = (doc: Y.Doc): Y.XmlText => firstParagraph(doc).get(0) as Y.XmlText;

describe('an allowance of document-sized work', () => {
  it(`gives ${DOCUMENT_WORK_AT_ONCE} at once, then one more every ${DOCUMENT_WORK_EVERY_MS} ms, never more than ${DOCUMENT_WORK_AT_ONCE} saved up`, () => {
    let now = 1_000_000;
    const allowance = new DocumentWorkAllowance(DOCUMENT_WORK_EVERY_MS, () => now);
    for (let i = 0; i < DOCUMENT_WORK_AT_ONCE; i++) expect(allowance.take()).toBe(true);
    expect(allowance.take()).toBe(false);
    expect(allowance.full).toBe(false);
    now += DOCUMENT_WORK_EVERY_MS - 1;
    expect(allowance.take()).toBe(false);
    now += 1;
    expect(allowance.take()).toBe(true);
    expect(allowance.take()).toBe(false);
    now += 100 * DOCUMENT_WORK_EVERY_MS;
    expect(allowance.full).toBe(true);
    for (let i = 0; i < DOCUMENT_WORK_AT_ONCE; i++) expect(allowance.take()).toBe(true);
    expect(allowance.take()).toBe(false);
  });

  it('by account: one account spending its own leaves another account’s whole', () => {
    const now = 5_000;
    const accounts = new AccountAllowances(DOCUMENT_WORK_EVERY_MS, () => now);
    for (let i = 0; i < DOCUMENT_WORK_AT_ONCE; i++) expect(accounts.take('jd')).toBe(true);
    expect(accounts.take('jd')).toBe(false);
    expect(accounts.take('hod')).toBe(true);
    expect(accounts.take('jd')).toBe(false);
  });
});

describe('the update guard asks before work the size of the document', () => {
  it('an update whose combining marks only a copy can count: asked once; refused, nothing is judged or counted; allowed, judged as before', () => {
    const s = guardSetup();
    const refusedCopy = asking(false);
    const verdict = sendChange(s, (doc) => twoMarkEdgedStrings(doc, 'a'), refusedCopy.mayCopy);
    expect(verdict).toEqual({ kind: 'tooMuchWork', detail: expect.stringContaining('copy of the document') as unknown });
    expect(refusedCopy.asked()).toBe(1);
    expect(firstText(s.server).toString()).toBe('Første avsnitt.');

    const allowed = asking(true);
    const update = Y.encodeStateAsUpdate(s.client, Y.encodeStateVector(s.server));
    expect(sendUpdate(s, update, allowed.mayCopy).kind).toBe('apply');
    expect(allowed.asked()).toBe(1);
    expect(firstText(s.server).toString()).toBe(firstText(s.client).toString());
  });

  it('the editor’s own edits never ask: a document with every node and mark, typing decomposed accents, formatting, deleting', () => {
    const never = asking(false);
    const schema = editorSchema();
    const json = schema.nodeFromJSON(EVERY_NODE_AND_MARK).toJSON() as PmNode;
    const s = guardSetup(() => undefined);
    expect(sendUpdate(s, Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(schema, json, NARRATIVE_FIELD)), never.mayCopy).kind).toBe('apply');

    const t = guardSetup();
    const word = 'Blåbær og crème brûlée'.normalize('NFD');
    for (let i = 0; i < word.length; i++) expect(sendChange(t, (doc) => firstText(doc).insert(5 + i, word[i]!, i < 5 ? { bold: {} } : undefined), never.mayCopy).kind).toBe('apply');
    expect(sendChange(t, (doc) => firstText(doc).format(5, 8, { italic: true }), never.mayCopy).kind).toBe('apply');
    for (let i = 0; i < 6; i++) expect(sendChange(t, (doc) => firstText(doc).delete(5 + word.length - 1 - i, 1), never.mayCopy).kind).toBe('apply');
    expect(never.asked()).toBe(0);
  });

  it('near the size limit: counted again once for an update past the bound; refused again, not counted again until one is accepted', () => {
    const s = guardSetup((doc) => appendParagraphs(narrativeFragment(doc), ['x'.repeat(MAX_DOCUMENT_BYTES - 4_000)]));
    const counting = asking(true);
    const append = (chars: number) => (doc: Y.Doc) => firstText(doc).insert(firstText(doc).length, 'y'.repeat(chars));
    // Within the bound kept since the document was counted: not counted.
    expect(sendChange(s, append(500), counting.mayCopy).kind).toBe('apply');
    expect(counting.asked()).toBe(0);

    const tooBig = (() => {
      const before = Y.encodeStateVector(s.client);
      append(5_000)(s.client);
      return Y.encodeStateAsUpdate(s.client, before);
    })();
    const overLimit = { kind: 'limit', detail: `the document would be larger than ${MAX_DOCUMENT_BYTES} bytes` };
    expect(sendUpdate(s, tooBig, counting.mayCopy)).toEqual(overLimit);
    expect(counting.asked()).toBe(1);
    expect(sendUpdate(s, tooBig, counting.mayCopy)).toEqual(overLimit);
    expect(counting.asked(), 'the count still holds: nothing was accepted since').toBe(1);

    // One accepted in between (from a client that has the server's document): the bound is an upper bound again.
    const fresh = { ...s, client: new Y.Doc() };
    Y.applyUpdate(fresh.client, Y.encodeStateAsUpdate(s.server));
    expect(sendChange(fresh, append(10), counting.mayCopy).kind).toBe('apply');
    const refusedCount = asking(false);
    const tooBigNow = (() => {
      const before = Y.encodeStateVector(fresh.client);
      append(5_000)(fresh.client);
      return Y.encodeStateAsUpdate(fresh.client, before);
    })();
    expect(sendUpdate(fresh, tooBigNow, refusedCount.mayCopy)).toEqual({ kind: 'tooMuchWork', detail: expect.stringContaining('counted again') as unknown });
    expect(refusedCount.asked()).toBe(1);
  });
});
