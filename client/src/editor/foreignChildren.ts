import * as Y from 'yjs';

/**
 * Items a transaction added to `fragment` or to an element that are neither elements nor texts
 * (a value, a Y.Map, a Y.Array, a Y.Text, a hook, ...): only the structs new in it are looked at,
 * without recursion, so a keystroke costs a look at its own few items.
 */
function foreignChildrenAdded(transaction: Y.Transaction, fragment: Y.XmlFragment): Y.Item[] {
  const found: Y.Item[] = [];
  const store = transaction.doc.store;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (!(struct instanceof Y.Item) || struct.deleted || struct.parentSub !== null) continue;
      const parent: unknown = struct.parent;
      if (parent !== fragment && !(parent instanceof Y.XmlElement)) continue;
      const content = struct.content;
      if (content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)) continue;
      found.push(struct);
    }
  }
  return found;
}

/**
 * Keeps children that are neither elements nor texts out of this copy of a narrative.
 * y-prosemirror's binding throws on such a child ("Method unimplemented" for a value in the
 * fragment, a TypeError for one in an element), and the measure page with it. The server refuses
 * them (server/sync/updateGuard.ts), but a document stored before it did may hold them, and every
 * reader on the server skips them.
 *
 * Each transaction that brings one is followed at once, before any observer of it runs (Yjs'
 * `beforeObserverCalls`), by one that deletes it, so that the binding never renders it. That
 * deletion has `origin`: the session passes its provider, so that it is neither sent nor counted
 * as this person's edit. The server learns of it only from the deletions a later sync carries
 * (for someone who may write, it then drops there what no reader shows). Returns the function
 * that stops it.
 */
export function dropForeignChildren(doc: Y.Doc, fragment: Y.XmlFragment, origin: unknown): () => void {
  const onBeforeObservers = (transaction: Y.Transaction): void => {
    const found = foreignChildrenAdded(transaction, fragment);
    if (found.length === 0) return;
    // Yjs applies a transaction begun here at once, and runs its observers after this one's.
    doc.transact((deleting) => {
      for (const item of found) item.delete(deleting);
    }, origin);
  };
  doc.on('beforeObserverCalls', onBeforeObservers);
  return () => doc.off('beforeObserverCalls', onBeforeObservers);
}
