import * as Y from 'yjs';
import { measureDocName } from '../../shared/documentLayout.js';
import { narrativeFragment, narrativeText } from '../../shared/narrative.js';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { SqliteStore } from '../../server/store/sqliteStore.js';

/**
 * Children a client can put into the narrative fragment or an element that are neither an
 * element nor a text: values through the public API (`insert(i, [42])`), Yjs types that are not
 * XML (or are, but no child: a hook, a fragment), and content that belongs inside a Y.Text only,
 * written as raw items (what a crafted update carries).
 */
export const FOREIGN_KINDS = [
  'number',
  'string value',
  'object',
  'null',
  'binary',
  'Y.Map',
  'Y.Array',
  'Y.Text',
  'Y.XmlHook',
  'Y.XmlFragment',
  'raw undefined',
  'raw string',
  'raw JSON',
  'raw embed',
  'raw format',
] as const;
export type ForeignKind = (typeof FOREIGN_KINDS)[number];

/** Content only a raw item carries, by kind. */
function rawContent(kind: ForeignKind): Y.Item['content'] | null {
  switch (kind) {
    case 'raw undefined':
      // What `insert` does not take, but an update can carry.
      return new Y.ContentAny([undefined]);
    case 'raw string':
      return new Y.ContentString('rå tekst');
    case 'raw JSON':
      return new Y.ContentJSON([{ json: true }]);
    case 'raw embed':
      return new Y.ContentEmbed({ image: 'x.png' });
    case 'raw format':
      return new Y.ContentFormat('bold', true);
    default:
      return null;
  }
}

/** What `insert(i, [value])` takes for a kind the public API writes. */
function publicValue(kind: ForeignKind): unknown {
  switch (kind) {
    case 'number':
      return 42;
    case 'string value':
      return 'plain';
    case 'object':
      return { a: 1 };
    case 'null':
      return null;
    case 'binary':
      return new Uint8Array([1, 2, 3]);
    case 'Y.Map': {
      const map = new Y.Map<number>();
      map.set('a', 1);
      return map;
    }
    case 'Y.Array': {
      const array = new Y.Array<number>();
      array.push([1]);
      return array;
    }
    case 'Y.Text':
      return new Y.Text('ytekst');
    case 'Y.XmlHook':
      return new Y.XmlHook('hook');
    case 'Y.XmlFragment': {
      const fragment = new Y.XmlFragment();
      fragment.insert(0, [new Y.XmlText('i et fragment')]);
      return fragment;
    }
    default:
      throw new Error(`${kind} is written as a raw item`);
  }
}

/**
 * Appends a child of `kind` to `parent` (integrated in a document), in a transaction of its
 * own. A raw item names its left neighbour when there is one (so the update leaves the parent
 * out, and the server must find it through the neighbour), else its parent.
 */
export function appendForeign(parent: Y.XmlFragment | Y.XmlElement, kind: ForeignKind): void {
  const doc = parent.doc;
  if (!doc) throw new Error('the parent must be in a document');
  const content = rawContent(kind);
  if (!content) {
    // The public API is typed for what it means to take; a client can give it anything.
    (parent as unknown as Y.Array<unknown>).insert(parent.length, [publicValue(kind)]);
    return;
  }
  doc.transact((transaction) => {
    let left = parent._start;
    while (left?.right) left = left.right;
    const id = Y.createID(doc.clientID, Y.getState(doc.store, doc.clientID));
    new Y.Item(id, left, left ? left.lastId : null, null, null, parent, null, content).integrate(transaction, 0);
  });
}

/** Children of a type that are neither elements nor texts (as `toArray` gives them: values, other types). */
export function foreignChildrenOf(parent: Y.XmlFragment | Y.XmlElement): unknown[] {
  return (parent.toArray() as unknown[]).filter((child) => !(child instanceof Y.XmlElement) && !(child instanceof Y.XmlText));
}

/** Live items of a type's list that are neither elements nor texts, countable or not (a format is not). */
export function foreignItemsOf(parent: Y.XmlFragment | Y.XmlElement): Y.Item[] {
  const items: Y.Item[] = [];
  for (let item = parent._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)) continue;
    items.push(item);
  }
  return items;
}

/**
 * Writes every foreign kind into measure `number`'s narrative straight in a stopped server's
 * store (what a document stored before the server refused them looks like): at the top of the
 * fragment, at its end, and in its first paragraph. Returns the narrative's text, which the
 * foreign children leave as it was.
 */
export async function storeForeignChildren(dataDir: string, number: number, roundId: string = DEFAULT_ROUND.id): Promise<string> {
  const docName = measureDocName(roundId, number);
  const store = new SqliteStore(dataDir);
  try {
    const doc = new Y.Doc();
    for (const update of (await store.loadDocument(docName)).updates) Y.applyUpdate(doc, update);
    const text = narrativeText(narrativeFragment(doc));
    const before = Y.encodeStateVector(doc);
    const fragment = narrativeFragment(doc);
    const paragraph = fragment.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === 'paragraph');
    if (!paragraph) throw new Error(`${docName} has no paragraph`);
    for (const kind of FOREIGN_KINDS) {
      (fragment as unknown as Y.Array<unknown>).insert(0, [0]);
      appendForeign(fragment, kind);
      appendForeign(paragraph, kind);
    }
    await store.appendUpdate(docName, Y.encodeStateAsUpdate(doc, before), { kind: 'edit', author: 'jd', at: new Date().toISOString(), clients: [] });
    return text;
  } finally {
    store.close();
  }
}
