import * as Y from 'yjs';
import type { unrenderable } from './unrenderable.js';

/**
 * The schema's checks (unrenderable.ts, with shared/narrativeSchema.ts), which load apart from the
 * measure page's code, while its narrative syncs: null until they have.
 */
let schemaCheck: typeof unrenderable | null = null;
let loading: Promise<void> | null = null;

function loadSchemaCheck(): Promise<void> {
  loading ??= import('./unrenderable.js').then(
    (module) => {
      schemaCheck = module.unrenderable;
    },
    (error: unknown) => {
      // Offline before the first visit cached it: try again with the next session.
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** A child of the fragment or an element that is neither an element nor a text (what the binding throws on). */
function foreign(item: Y.Item, fragment: Y.XmlFragment): boolean {
  const parent: unknown = item.parent;
  if (item.parentSub !== null || (parent !== fragment && !(parent instanceof Y.XmlElement))) return false;
  const content = item.content;
  return !(content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText));
}

/**
 * Live items of `doc` after the clocks `from` (all without) that the binding cannot render, by
 * the schema's checks once loaded, else foreign children only: only those structs are looked
 * at, without recursion, so a keystroke costs a look at its own few items.
 */
function unrenderableAfter(doc: Y.Doc, from: Map<number, number>, fragment: Y.XmlFragment): Y.Item[] {
  const check = schemaCheck ?? foreign;
  const found: Y.Item[] = [];
  for (const [client, structs] of doc.store.clients) {
    const before = from.get(client) ?? 0;
    const last = structs[structs.length - 1];
    if (!last || last.id.clock + last.length <= before) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct instanceof Y.Item && !struct.deleted && check(struct, fragment)) found.push(struct);
    }
  }
  return found;
}

/** Deletes `items` in one transaction with `origin`. */
function drop(doc: Y.Doc, items: readonly Y.Item[], origin: unknown): void {
  if (items.length === 0) return;
  doc.transact((deleting) => {
    for (const item of items) item.delete(deleting);
  }, origin);
}

/**
 * Keeps what y-prosemirror's binding cannot render (unrenderable.ts) out of this copy of a
 * narrative. Rendered, it throws ("Method unimplemented" for a value or a text in the fragment,
 * a TypeError for one in an element), hangs the tab (a `colspan` of a million), widens a table
 * past what the server takes (`colspan` 21, which prosemirror-tables then gives every row), lays
 * CSS over the page, or is deleted by the binding as this person's edit (an unknown node or mark,
 * with the text it formats). The server refuses such content (server/sync/updateGuard.ts,
 * shared/narrativeSchema.ts), but a document stored before it did may hold it, and every reader
 * on the server skips it.
 *
 * Each transaction from elsewhere (the server, IndexedDB) that brings some is followed at once,
 * before any observer of it runs (Yjs' `beforeObserverCalls`), by one that deletes it, so that the
 * binding never renders it: the item itself, never a new value (which would be an edit, and move
 * the state vector that editConfirmation.ts compares with the server's). So an attribute goes back
 * to its default, a mark's text stays, unformatted. That deletion has `origin`: the session passes
 * its provider, so that it is neither sent nor counted as this person's edit. The server learns of
 * it only from the deletions a later sync carries (for someone who may write, it then drops there
 * what no reader shows). Until the schema's checks have loaded only foreign children are dropped,
 * and the editor waits (judgeReceived). Returns the function that stops it.
 */
export function dropForeignChildren(doc: Y.Doc, fragment: Y.XmlFragment, origin: unknown): () => void {
  const onBeforeObservers = (transaction: Y.Transaction): void => {
    // This person's own edits come from the editor, which rendered them (the server judges them).
    if (transaction.local) return;
    // Yjs applies a transaction begun here at once, and runs its observers after this one's.
    drop(doc, unrenderableAfter(doc, transaction.beforeState, fragment), origin);
  };
  doc.on('beforeObserverCalls', onBeforeObservers);
  return () => doc.off('beforeObserverCalls', onBeforeObservers);
}

/**
 * Loads the schema's checks, then judges what `doc` received before they had (dropForeignChildren
 * judges the rest as it comes). The editor is made once this resolves (NarrativeEditor); it
 * rejects when the checks cannot be loaded.
 */
export async function judgeReceived(doc: Y.Doc, fragment: Y.XmlFragment, origin: unknown): Promise<void> {
  await loadSchemaCheck();
  if (!doc.isDestroyed) drop(doc, unrenderableAfter(doc, new Map(), fragment), origin);
}
