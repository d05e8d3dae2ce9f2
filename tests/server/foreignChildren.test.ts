import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { MeasureDetailSchema } from '../../shared/measure.js';
import { narrativeText } from '../../shared/narrative.js';
import type { PmNode } from '../../shared/prosemirror.js';
import { restoreTo } from '../../server/history/restoreEdit.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { connectClient, fetchDoc, limitRefusals, refusalRecordingClient, synced } from '../helpers/clients.js';
import { appendForeign, FOREIGN_KINDS, foreignItemsOf } from '../helpers/foreignChildren.js';
import { api, type Target } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * A child of the narrative or of one of its elements that is neither an element nor a text
 * (a value, a Y.Map, a Y.Array, a Y.Text, ...) is refused by the server like any update over a
 * limit (server/sync/updateGuard.ts), from the stock y-websocket client as from any other: the
 * measure page, its history and the next round never meet it. What the editor writes passes.
 */

const ROUND = DEFAULT_ROUND.id;
/** JD's measure. */
const MEASURE = 5;
const DOC_NAME = measureDocName(ROUND, MEASURE);

describe('a foreign child in a narrative, sent by the stock client', () => {
  const server = suiteServer();
  let jd: Target;
  let textBefore = '';

  async function measureText(): Promise<string> {
    const response = await api(server, `/api/rounds/${ROUND}/measures/${MEASURE}`);
    expect(response.status).toBe(200);
    return MeasureDetailSchema.parse(await response.json()).narrative;
  }

  beforeAll(async () => {
    jd = await server.as('jd');
    textBefore = await measureText();
    expect(textBefore.length).toBeGreaterThan(20);
  });

  it.each(FOREIGN_KINDS.flatMap((kind) => [{ kind, where: 'the fragment' }, { kind, where: 'a paragraph' }]))(
    '$kind in $where is refused as over a limit, and not stored, also when the client sends it again on reconnect',
    async ({ kind, where }) => {
      const { client, reasons } = refusalRecordingClient(jd, DOC_NAME);
      try {
        await synced(client);
        const fragment = client.doc.getXmlFragment(NARRATIVE_FIELD);
        const paragraph = fragment.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === 'paragraph');
        appendForeign(where === 'the fragment' ? fragment : paragraph!, kind);
        await waitFor(() => limitRefusals(reasons).length === 1, { what: 'the refusal' });
        expect(limitRefusals(reasons)[0]).toMatch(/a child that is .*elements and texts only/);

        // The stock client sends it again with its sync after a reconnect: refused again.
        client.provider.disconnect();
        client.provider.connect();
        await waitFor(() => limitRefusals(reasons).length === 2, { what: 'the refusal after the reconnect' });
        expect(await measureText()).toBe(textBefore);
        const stored = await fetchDoc(server, DOC_NAME);
        const storedFragment = stored.getXmlFragment(NARRATIVE_FIELD);
        expect(foreignItemsOf(storedFragment)).toEqual([]);
        for (const child of storedFragment.toArray()) if (child instanceof Y.XmlElement) expect(foreignItemsOf(child)).toEqual([]);
        expect(Y.decodeStateVector(Y.encodeStateVector(stored)).has(client.doc.clientID)).toBe(false);
      } finally {
        client.destroy();
      }
    },
  );

  it('what the editor writes passes: paragraphs, a heading, marks, a link, lists, a table with widths, attributes changed', async () => {
    const { client, reasons } = refusalRecordingClient(jd, DOC_NAME);
    try {
      await synced(client);
      const doc: PmNode = {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Overskrift' }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Fet', marks: [{ type: 'bold' }] },
              { type: 'text', text: ' og ' },
              { type: 'text', text: 'lenke', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] },
            ],
          },
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Punkt i liste' }] }] }] },
          {
            type: 'table',
            content: [
              {
                type: 'tableRow',
                content: [
                  { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: [150] }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Celle' }] }] },
                ],
              },
            ],
          },
        ],
      };
      restoreTo(doc)(client.doc);
      const heading = client.doc.getXmlFragment(NARRATIVE_FIELD).get(0) as Y.XmlElement;
      heading.setAttribute('level', 3 as unknown as string);
      (heading.get(0) as Y.XmlText).format(0, 4, { italic: true });
      const reader = connectClient(server, DOC_NAME);
      try {
        await waitFor(() => reader.text().includes('Punkt i liste') && reader.text().includes('Celle'), { what: 'the edits relayed' });
        await waitFor(() => (reader.doc.getXmlFragment(NARRATIVE_FIELD).get(0) as Y.XmlElement).getAttribute('level') === (3 as unknown as string), {
          what: 'the attribute changed',
        });
      } finally {
        reader.destroy();
      }
      expect(narrativeText((await fetchDoc(server, DOC_NAME)).getXmlFragment(NARRATIVE_FIELD))).toBe(narrativeText(client.doc.getXmlFragment(NARRATIVE_FIELD)));
      expect(limitRefusals(reasons)).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});
