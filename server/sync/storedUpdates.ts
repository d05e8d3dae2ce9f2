import * as Y from 'yjs';

/** Whether `update` deletes a range of no length (what no Yjs encoder writes). */
function deletesNothing(update: Uint8Array): boolean {
  try {
    for (const deletions of Y.decodeUpdate(update).ds.clients.values()) if (deletions.some(({ len }) => len < 1)) return true;
  } catch {
    // Not a readable update: not the case this tolerates.
  }
  return false;
}

/**
 * Applies an update read from storage. Before the sync layer refused structs of no length
 * (protocol.ts), a document could take one, and the state it then encoded (a compaction, a
 * checkpoint) holds a deletion of length 0. Y.applyUpdate throws on it only after it has applied
 * everything else (Yjs re-encodes the deletions it cannot apply yet, and refuses to write a
 * length of 0), so such an update counts as applied; any other failure still throws. Reports
 * whether it had to be tolerated.
 */
export function applyStoredUpdate(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    Y.applyUpdate(doc, update);
    return false;
  } catch (error) {
    if (!deletesNothing(update)) throw error;
    return true;
  }
}

/**
 * Drops GC structs of no length from a document read from storage (taken before the sync layer
 * refused them): they hold no content and no clock, and while they are there every state the
 * document encodes deletes a range of length 0, which no fresh client can apply. Returns how
 * many it dropped.
 */
export function dropEmptyStructs(doc: Y.Doc): number {
  let dropped = 0;
  const empty = (struct: Y.Item | Y.GC): boolean => struct instanceof Y.GC && struct.length < 1;
  for (const [client, structs] of [...doc.store.clients]) {
    // Every load passes here: a document without them (all but a hostile few) is only read.
    if (!structs.some(empty)) continue;
    const kept = structs.filter((struct) => !empty(struct));
    dropped += structs.length - kept.length;
    if (kept.length === 0) doc.store.clients.delete(client);
    else structs.splice(0, structs.length, ...kept);
  }
  return dropped;
}
