import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { measureDocName, NARRATIVE_FIELD } from '../../shared/documentLayout.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';

/** How deep the tower of a poisoned narrative is: far past MAX_NARRATIVE_DEPTH and y-tiptap's recursion. */
export const TOWER_LEVELS = 7_500;

/** A narrative of elements nested TOWER_LEVELS deep, as a client wrote it before the limits existed. */
export function towerUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(NARRATIVE_FIELD);
    for (let level = 0; level < TOWER_LEVELS; level++) {
      const element: Y.XmlElement = new Y.XmlElement('blockquote');
      parent.insert(0, [element]);
      parent = element;
    }
  });
  return Y.encodeStateAsUpdate(doc);
}

/** The client of EMPTY_STRUCT_UPDATE's struct. */
export const EMPTY_STRUCT_CLIENT = 777_777;

/**
 * A Yjs update (version 1) whose only struct is a GC of length 0, its client's first: Yjs takes it,
 * and the state the document then encodes deletes a range of length 0, which no fresh document can apply.
 */
export function emptyStructUpdate(): Uint8Array {
  const update = encoding.createEncoder();
  for (const n of [1, 1, EMPTY_STRUCT_CLIENT, 0]) encoding.writeVarUint(update, n); // one client, one struct, its id, clock 0
  encoding.writeUint8(update, 0); // a GC
  encoding.writeVarUint(update, 0); // of length 0
  encoding.writeVarUint(update, 0); // no deletions
  return encoding.toUint8Array(update);
}

/**
 * Writes the tower into measure `number`'s narrative straight in a stopped server's store, past
 * every check the server makes (what a document stored before the limits existed looks like).
 */
export async function poison(dataDir: string, number: number, roundId: string = DEFAULT_ROUND.id): Promise<void> {
  const store = new SqliteStore(dataDir);
  try {
    await store.appendUpdate(measureDocName(roundId, number), towerUpdate(), { kind: 'edit', author: null, at: new Date().toISOString(), clients: [] });
  } finally {
    store.close();
  }
}
