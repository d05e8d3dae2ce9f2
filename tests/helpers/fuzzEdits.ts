import fc from 'fast-check';
import * as Y from 'yjs';
import { NARRATIVE_FIELD } from '../../shared/documentLayout.js';

/**
 * Random edit sequences on a Y.Doc, for the sync fuzz suite: what the stock editor makes
 * (paragraphs, headings, lists in lists, marks) and what it never does (unknown node names,
 * odd attributes, very wide or very deep structures, other root types). Edits never touch a
 * node a protected client made, so the writers' paragraphs stay theirs to check. Every walker
 * here is iterative: the documents under test may be tens of thousands of levels deep.
 */

/** Node names Tiptap's StarterKit makes. */
const EDITOR_NODES = [
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'codeBlock',
  'hardBreak',
  'horizontalRule',
] as const;

/** Node names no editor makes. */
const ODD_NODES = ['', 'doc', 'text', 'script', '__proto__', 'constructor', 'ÆØÅ-element', 'x'.repeat(300)] as const;

/** Attribute keys the editor uses, and keys that trip naive object code. */
const ATTRIBUTE_KEYS = ['level', 'start', 'type', 'language', 'href', 'class', '__proto__', 'constructor', 'toString', ''] as const;

/** Text marks as y-prosemirror stores them (formatting attributes), and some it would not. */
const MARKS = ['bold', 'italic', 'strike', 'code', 'link', 'comment', '__proto__'] as const;

/** A block tree to insert: an element with children, or a text with optional marks. */
export type Block =
  | { name: string; attrs: Record<string, unknown>; children: Block[] }
  | { text: string; marks: Record<string, unknown> | null };

export type EditOp =
  | { op: 'insertText'; at: number; pos: number; text: string; marks: Record<string, unknown> | null }
  | { op: 'deleteText'; at: number; pos: number; len: number }
  | { op: 'format'; at: number; pos: number; len: number; marks: Record<string, unknown> }
  | { op: 'embed'; at: number; pos: number; value: Record<string, unknown> }
  | { op: 'insertBlocks'; at: number; index: number; blocks: Block[] }
  | { op: 'deleteChildren'; at: number; index: number; count: number }
  | { op: 'setAttribute'; at: number; key: string; value: unknown }
  | { op: 'removeAttribute'; at: number; key: string }
  /** Many sibling paragraphs in one transaction. */
  | { op: 'wide'; at: number; index: number; count: number; withText: boolean }
  /** Lists in lists (`lists`) or plain nested elements (`tower`), `depth` levels in one transaction. */
  | { op: 'nest'; at: number; index: number; depth: number; shape: 'lists' | 'tower'; name: string }
  | { op: 'otherRoot'; kind: 'map' | 'array' | 'text' | 'xml'; name: string; key: string; value: fc.JsonValue };

/** Any short text, including astral characters, control characters and combining marks. */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 20 }), weight: 1 },
);

const jsonArb = fc.jsonValue({ maxDepth: 3 });
const nodeNameArb = fc.oneof(
  { arbitrary: fc.constantFrom(...EDITOR_NODES), weight: 8 },
  { arbitrary: fc.constantFrom(...ODD_NODES), weight: 1 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);
const attributeKeyArb = fc.oneof(fc.constantFrom(...ATTRIBUTE_KEYS), fc.string({ maxLength: 10 }));
const attributeValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -10, max: 10 }),
  fc.constantFrom(2 ** 31, -(2 ** 53), 1e308, 32_768, 0.5),
  fc.string({ maxLength: 20 }),
  jsonArb,
);
const marksArb = fc.dictionary(fc.constantFrom(...MARKS), fc.oneof(fc.constant(true), fc.constant(null), jsonArb), {
  maxKeys: 3,
});
const attrsArb = fc.dictionary(attributeKeyArb, attributeValueArb, { maxKeys: 2 });

/** Small block trees, mostly editor-shaped. */
export const blockArb: fc.Arbitrary<Block> = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: fc.record({ text: textArb, marks: fc.option(marksArb, { nil: null }) }), weight: 3 },
    {
      arbitrary: fc.record({
        name: nodeNameArb,
        attrs: attrsArb,
        children: fc.array(tie('block'), { maxLength: 4 }),
      }),
      weight: 2,
    },
  ),
})).block;

const index = fc.nat({ max: 1_000_000 });

/** Edits a person makes in a second: small, and many of them. */
export const lightEditOpArb: fc.Arbitrary<EditOp> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('insertText'), at: index, pos: index, text: textArb, marks: fc.option(marksArb, { nil: null }) }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('deleteText'), at: index, pos: index, len: fc.nat({ max: 50 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('format'), at: index, pos: index, len: fc.nat({ max: 50 }), marks: marksArb }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('embed'), at: index, pos: index, value: fc.dictionary(fc.string({ maxLength: 6 }), jsonArb, { maxKeys: 3 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('insertBlocks'), at: index, index, blocks: fc.array(blockArb, { minLength: 1, maxLength: 4 }) }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('deleteChildren'), at: index, index, count: fc.integer({ min: 1, max: 5 }) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('setAttribute'), at: index, key: attributeKeyArb, value: attributeValueArb }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('removeAttribute'), at: index, key: attributeKeyArb }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('wide'), at: index, index, count: fc.integer({ min: 2, max: 20 }), withText: fc.boolean() }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('nest'),
      at: index,
      index,
      depth: fc.integer({ min: 2, max: 12 }),
      shape: fc.constantFrom('lists' as const, 'tower' as const),
      name: nodeNameArb,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('otherRoot'),
      kind: fc.constantFrom('map' as const, 'array' as const, 'text' as const, 'xml' as const),
      name: fc.constantFrom('a', 'b', 'meta', 'comments'),
      key: fc.string({ maxLength: 8 }),
      value: jsonArb,
    }),
    weight: 2,
  },
);

/** Edits no person makes: long pastes, very wide fragments, very deep nesting in one update. */
export const heavyEditOpArb: fc.Arbitrary<EditOp> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('insertText'),
      at: index,
      pos: index,
      text: fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'lang tekst '.repeat(Math.ceil(n / 11))),
      marks: fc.constant(null),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('wide'),
      at: index,
      index,
      count: fc.oneof({ arbitrary: fc.integer({ min: 100, max: 2_000 }), weight: 3 }, { arbitrary: fc.integer({ min: 25_000, max: 40_000 }), weight: 1 }),
      withText: fc.boolean(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('nest'),
      at: index,
      index,
      depth: fc.integer({ min: 13, max: 3_000 }),
      shape: fc.constantFrom('lists' as const, 'tower' as const),
      name: nodeNameArb,
    }),
    weight: 2,
  },
);

/** Nodes an edit may target: containers to insert into, elements and texts, none made by a protected client. */
interface Targets {
  containers: (Y.XmlFragment | Y.XmlElement)[];
  elements: Y.XmlElement[];
  texts: Y.XmlText[];
}

/** Up to `limit` editable nodes of the narrative, breadth first (so deep towers cost `limit`, not their depth). */
export function collectTargets(doc: Y.Doc, protectedClients: ReadonlySet<number>, limit = 400): Targets {
  const root = doc.getXmlFragment(NARRATIVE_FIELD);
  const targets: Targets = { containers: [root], elements: [], texts: [] };
  const queue: (Y.XmlFragment | Y.XmlElement)[] = [root];
  let seen = 0;
  for (let head = 0; head < queue.length && seen < limit; head++) {
    const container = queue[head]!;
    for (let item = container._start; item !== null && seen < limit; item = item.right) {
      if (item.deleted || protectedClients.has(item.id.client) || !(item.content instanceof Y.ContentType)) continue;
      const node: unknown = item.content.type;
      seen++;
      if (node instanceof Y.XmlText) targets.texts.push(node);
      else if (node instanceof Y.XmlElement) {
        const element = node as Y.XmlElement;
        targets.elements.push(element);
        targets.containers.push(element);
        queue.push(element);
      }
    }
  }
  return targets;
}

function pick<T>(list: readonly T[], at: number): T | undefined {
  return list.length === 0 ? undefined : list[at % list.length];
}

function buildBlock(block: Block): Y.XmlElement | Y.XmlText {
  if ('text' in block) {
    const text = new Y.XmlText();
    text.insert(0, block.text, block.marks ?? undefined);
    return text;
  }
  const element = new Y.XmlElement(block.name);
  for (const [key, value] of Object.entries(block.attrs)) element.setAttribute(key, value as string);
  element.insert(0, block.children.map(buildBlock));
  return element;
}

/** Size of what an op adds, in Yjs types and bytes of text, for the fuzz budget. */
export function opCost(op: EditOp): { nodes: number; bytes: number } {
  switch (op.op) {
    case 'insertText':
      return { nodes: 0, bytes: op.text.length * 3 };
    case 'insertBlocks': {
      let nodes = 0;
      let bytes = 0;
      const stack = [...op.blocks];
      for (let block = stack.pop(); block; block = stack.pop()) {
        nodes++;
        if ('text' in block) bytes += block.text.length * 3;
        else stack.push(...block.children);
      }
      return { nodes, bytes };
    }
    case 'wide':
      return { nodes: op.count * (op.withText ? 2 : 1), bytes: op.count * 12 };
    case 'nest':
      return { nodes: op.depth * 3, bytes: op.depth * 8 };
    default:
      return { nodes: 1, bytes: 64 };
  }
}

/** An op the sync server must refuse whole once its size limits are in: its cost is not the room's. */
export function isOverLimit(op: EditOp): boolean {
  return (op.op === 'wide' && op.count > 20_000) || (op.op === 'nest' && op.depth > 12);
}

/** Applies one edit in one transaction of `origin`. Edits that find no target do nothing. */
export function applyEdit(doc: Y.Doc, op: EditOp, protectedClients: ReadonlySet<number>, origin: unknown): void {
  doc.transact((transaction) => {
    if (op.op === 'otherRoot') {
      applyOtherRoot(doc, op);
      return;
    }
    const targets = collectTargets(doc, protectedClients);
    switch (op.op) {
      case 'insertText': {
        const text = pick(targets.texts, op.at);
        if (text) text.insert(op.pos % (text.length + 1), op.text, op.marks ?? undefined);
        return;
      }
      case 'deleteText': {
        const text = pick(targets.texts, op.at);
        if (!text || text.length === 0) return;
        const pos = op.pos % text.length;
        text.delete(pos, Math.min(op.len, text.length - pos));
        return;
      }
      case 'format': {
        const text = pick(targets.texts, op.at);
        if (!text || text.length === 0) return;
        const pos = op.pos % text.length;
        text.format(pos, Math.min(op.len, text.length - pos), op.marks);
        return;
      }
      case 'embed': {
        const text = pick(targets.texts, op.at);
        if (text) text.insertEmbed(op.pos % (text.length + 1), op.value);
        return;
      }
      case 'insertBlocks': {
        const container = pick(targets.containers, op.at)!;
        container.insert(op.index % (container.length + 1), op.blocks.map(buildBlock));
        return;
      }
      case 'deleteChildren': {
        const container = pick(targets.containers, op.at)!;
        if (container.length === 0) return;
        const start = op.index % container.length;
        for (let i = Math.min(container.length, start + op.count) - 1; i >= start; i--) {
          const item = container.get(i)._item;
          if (item && !protectedClients.has(item.id.client)) deleteSubtree(transaction, item);
        }
        return;
      }
      case 'setAttribute': {
        const element = pick(targets.elements, op.at);
        element?.setAttribute(op.key, op.value as string);
        return;
      }
      case 'removeAttribute': {
        pick(targets.elements, op.at)?.removeAttribute(op.key);
        return;
      }
      case 'wide': {
        const container = pick(targets.containers, op.at)!;
        const siblings = Array.from({ length: op.count }, (_, i) => {
          const paragraph = new Y.XmlElement('paragraph');
          if (op.withText) paragraph.insert(0, [new Y.XmlText(`bred ${i}`)]);
          return paragraph;
        });
        container.insert(op.index % (container.length + 1), siblings);
        return;
      }
      case 'nest': {
        const container = pick(targets.containers, op.at)!;
        let parent: Y.XmlFragment | Y.XmlElement = container;
        let position = op.index % (container.length + 1);
        // Each level is inserted once its parent is in the document: no recursion anywhere.
        for (let level = 0; level < op.depth; level++) {
          if (op.shape === 'tower') {
            const element = new Y.XmlElement(op.name);
            parent.insert(position, [element]);
            parent = element;
          } else {
            const list = new Y.XmlElement(level % 2 === 0 ? 'bulletList' : 'orderedList');
            parent.insert(position, [list]);
            const item = new Y.XmlElement('listItem');
            list.insert(0, [item]);
            const paragraph = new Y.XmlElement('paragraph');
            paragraph.insert(0, [new Y.XmlText(`nivå ${level + 1}`)]);
            item.insert(0, [paragraph]);
            parent = item;
            position = 1;
            continue;
          }
          position = 0;
        }
        return;
      }
    }
  }, origin);
}

function applyOtherRoot(doc: Y.Doc, op: Extract<EditOp, { op: 'otherRoot' }>): void {
  // One root name per kind: two lanes defining one name as two types would only test the fuzzer.
  const name = `fuzz-${op.kind}-${op.name}`;
  switch (op.kind) {
    case 'map':
      doc.getMap(name).set(op.key, op.value);
      return;
    case 'array':
      doc.getArray(name).insert(0, [op.value]);
      return;
    case 'text':
      doc.getText(name).insert(0, JSON.stringify(op.value) ?? '');
      return;
    case 'xml':
      doc.getXmlFragment(name).insert(0, [new Y.XmlElement(op.key || 'paragraph')]);
      return;
  }
}

/**
 * A tower of `depth` nested elements under the narrative, `levelsPerUpdate` levels per
 * transaction: yields each transaction's update as it is made, and builds the next level only
 * when asked for it. Yjs walks every ancestor of a changed type when a transaction ends, so a
 * transaction at depth d costs O(d), and the whole tower O(depth² / levelsPerUpdate): 60,000
 * levels in 1,500 transactions took 25 to 90 s of one synchronous call, the server (in the
 * same process) and every socket stalled meanwhile, while the room refuses the tower at
 * MAX_NARRATIVE_DEPTH after its first frames. Stop iterating once the room refused it.
 */
export function* towerUpdates(
  doc: Y.Doc,
  { depth, levelsPerUpdate, name }: { depth: number; levelsPerUpdate: number; name: string },
  origin: unknown,
): Generator<Uint8Array, void, undefined> {
  let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment(NARRATIVE_FIELD);
  let position = parent.length;
  for (let built = 0; built < depth; ) {
    const levels = Math.min(levelsPerUpdate, depth - built);
    yield* captureUpdates(doc, () =>
      doc.transact(() => {
        for (let i = 0; i < levels; i++) {
          const element: Y.XmlElement = new Y.XmlElement(name);
          parent.insert(position, [element]);
          parent = element;
          position = 0;
        }
      }, origin),
    );
    built += levels;
  }
}

/**
 * Deletes an item and everything under it, deepest first. Yjs deletes (and collects) a subtree
 * recursively, which a tower of thousands of levels turns into a stack overflow; bottom up,
 * each item deleted has nothing left under it. (Whoever receives the deletion still applies
 * it top down: that is the server's and the stock clients' problem, and under test.)
 */
function deleteSubtree(transaction: Y.Transaction, root: Y.Item): void {
  const order: Y.Item[] = [];
  const stack = [root];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.deleted) continue;
    order.push(item);
    if (!(item.content instanceof Y.ContentType)) continue;
    const type = item.content.type;
    for (let child = type._start; child !== null; child = child.right) stack.push(child);
    stack.push(...type._map.values());
  }
  for (let i = order.length - 1; i >= 0; i--) order[i]!.delete(transaction);
}

/**
 * Deletes every top-level item of every root that no protected client made: the fuzz's own
 * content. The doc must not collect garbage (`gc: false`): collecting is recursive too.
 */
export function deleteUnprotected(doc: Y.Doc, protectedClients: ReadonlySet<number>, origin: unknown): void {
  Y.transact(
    doc,
    (transaction) => {
      for (const type of doc.share.values()) {
        const items: Y.Item[] = [];
        for (let item = type._start; item !== null; item = item.right) items.push(item);
        items.push(...type._map.values());
        for (const item of items) {
          if (!item.deleted && !protectedClients.has(item.id.client)) deleteSubtree(transaction, item);
        }
      }
    },
    origin,
  );
}

/** A Yjs type as the document holds it. */
type SharedType = NonNullable<ReturnType<Y.Doc['share']['get']>>;

/** Alive Yjs types in every root of a document and the deepest nesting, walked iteratively. */
export function documentShape(doc: Y.Doc): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const stack: [SharedType, number][] = [...doc.share.values()].map((type) => [type, 0]);
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [type, level] = entry;
    const visit = (item: Y.Item): void => {
      if (item.deleted || !(item.content instanceof Y.ContentType)) return;
      nodes++;
      depth = Math.max(depth, level + 1);
      stack.push([item.content.type as SharedType, level + 1]);
    };
    for (let item = type._start; item !== null; item = item.right) visit(item);
    for (const item of type._map.values()) visit(item);
  }
  return { nodes, depth };
}

/**
 * The narrative as one string: element names, attributes, text with its marks, in document
 * order. Two documents that converged have the same signature.
 */
export function narrativeSignature(doc: Y.Doc): string {
  const out: string[] = [];
  type Frame = { node: Y.XmlFragment | Y.XmlElement; item: Y.Item | null } | { close: string };
  const root = doc.getXmlFragment(NARRATIVE_FIELD);
  const stack: Frame[] = [{ node: root, item: root._start }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if ('close' in frame) {
      out.push(frame.close);
      stack.pop();
      continue;
    }
    let item = frame.item;
    while (item !== null && item.deleted) item = item.right;
    if (item === null) {
      stack.pop();
      continue;
    }
    frame.item = item.right;
    const content = item.content;
    if (!(content instanceof Y.ContentType)) {
      out.push(`{${content.constructor.name}:${JSON.stringify(content.getContent())}}`);
      continue;
    }
    const node = content.type;
    if (node instanceof Y.XmlText) out.push(`"${JSON.stringify(node.toDelta())}"`);
    else if (node instanceof Y.XmlElement) {
      const attributes = Object.entries(node.getAttributes()).sort(([a], [b]) => (a < b ? -1 : 1));
      out.push(`<${node.nodeName} ${JSON.stringify(attributes)}>`);
      stack.push({ close: '</>' });
      stack.push({ node, item: node._start });
    } else out.push(`{${node.constructor.name}}`);
  }
  return out.join('');
}

/** The text of each top-level paragraph of the narrative (the writers' paragraphs are there). */
export function topLevelParagraphs(doc: Y.Doc): string[] {
  const paragraphs: string[] = [];
  for (const child of doc.getXmlFragment(NARRATIVE_FIELD).toArray()) {
    if (!(child instanceof Y.XmlElement) || child.nodeName !== 'paragraph') continue;
    let text = '';
    for (const inline of child.toArray()) {
      if (!(inline instanceof Y.XmlText)) continue;
      for (const op of inline.toDelta() as { insert?: unknown }[]) if (typeof op.insert === 'string') text += op.insert;
    }
    paragraphs.push(text);
  }
  return paragraphs;
}

/** The updates a doc makes while `edit` runs, one per transaction. */
export function captureUpdates(doc: Y.Doc, edit: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array): void => void updates.push(update);
  doc.on('update', listener);
  try {
    edit();
  } finally {
    doc.off('update', listener);
  }
  return updates;
}
