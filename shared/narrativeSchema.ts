import { MAX_COMBINING_RUN, MAX_LINK_HREF_CHARS, MAX_STORED_COLUMN_WIDTH, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from './limits.js';

/**
 * The narrative's schema as plain data: the nodes, their attributes and the marks the editor's
 * ProseMirror schema has (StarterKit and the tables of shared/editorNodes.ts, as
 * server/history/restoreEdit.ts builds it; tests/server/narrativeSchema.test.ts checks these
 * lists against that schema, name for name), and what each attribute may hold. y-prosemirror
 * stores a node as a Y.XmlElement named after it with its attributes, inline text as a Y.XmlText
 * whose formatting attributes are marks (`bold: {}`, `link: { href, ... }`); the document node
 * is the narrative fragment itself, and `text` is a Y.XmlText. The server refuses an update that
 * writes anything else (server/sync/updateGuard.ts): another node or mark is deleted by
 * y-prosemirror when an editor opens the page (blamed on that editor), a link without a string
 * `href` makes every keystroke throw, a huge `colspan` hangs the table code, a cell's `align`
 * is written into a style. No dependencies: this goes into the client bundle too.
 */

/** Why a value is not what an attribute may hold (what it should be, e.g. "a whole number from 1 to 6"), or null when it is. */
type Check = (value: unknown) => string | null;

/** Longest `target`, `rel` or `class` of a link, and `type` of an ordered list (Tiptap's are a few characters). */
const SHORT_TEXT_CHARS = 256;
/** Longest code block language (Tiptap renders it as the class `language-<name>`). */
const LANGUAGE_CHARS = 64;
/** Ordered lists start within ± this (HTML takes any integer; the readers use 0 to MAX_LIST_START). */
const LIST_START_RANGE = 1_000_000;

const wholeNumber =
  (min: number, max: number): Check =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? null : `a whole number from ${min} to ${max}`;

/** A string of at most `most` characters; without white space when `word` (a class name). */
const chars =
  (most: number, word = false): Check =>
  (value) =>
    typeof value === 'string' && value.length <= most && !(word && /\s/.test(value))
      ? null
      : `a ${word ? 'word' : 'text'} of at most ${most} characters`;

const nullOr =
  (check: Check): Check =>
  (value) => {
    if (value === null) return null;
    const problem = check(value);
    return problem && `null or ${problem}`;
  };

/** An attribute a mark's value may leave out (ProseMirror then takes its default). */
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined ? null : check(value);

const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    allowed.includes(value as string) ? null : `one of ${allowed.join(', ')}`;

/**
 * A cell's column widths: a width in CSS pixels, or 0 for none (prosemirror-tables adds 0 for a
 * column added to a cell with widths), per column the cell spans.
 */
const columnWidths: Check = (value) =>
  Array.isArray(value) &&
  value.length <= MAX_TABLE_COLUMNS &&
  value.every((width) => Number.isInteger(width) && (width as number) >= 0 && (width as number) <= MAX_STORED_COLUMN_WIDTH)
    ? null
    : `a list of at most ${MAX_TABLE_COLUMNS} widths from 0 to ${MAX_STORED_COLUMN_WIDTH}`;

const CELL_ATTRIBUTES: [string, Check][] = [
  ['colspan', wholeNumber(1, MAX_TABLE_COLUMNS)],
  ['rowspan', wholeNumber(1, MAX_TABLE_ROWS)],
  ['colwidth', nullOr(columnWidths)],
  ['align', nullOr(oneOf('left', 'center', 'right', 'justify'))],
];

interface NodeSpec {
  /** A textblock: its content is inline (Y.XmlTexts, and hard breaks). */
  text: boolean;
  attributes: ReadonlyMap<string, Check>;
}

const node = (text: boolean, attributes: [string, Check][] = []): NodeSpec => ({ text, attributes: new Map(attributes) });

/** The nodes a Y.XmlElement of the narrative may be (all of the schema's but `doc` and `text`). */
const NODES: ReadonlyMap<string, NodeSpec> = new Map([
  ['paragraph', node(true)],
  ['heading', node(true, [['level', wholeNumber(1, 6)]])],
  ['codeBlock', node(true, [['language', nullOr(chars(LANGUAGE_CHARS, true))]])],
  ['blockquote', node(false)],
  ['bulletList', node(false)],
  [
    'orderedList',
    node(false, [
      ['start', wholeNumber(-LIST_START_RANGE, LIST_START_RANGE)],
      ['type', nullOr(chars(SHORT_TEXT_CHARS))],
    ]),
  ],
  ['listItem', node(false)],
  ['hardBreak', node(false)],
  ['horizontalRule', node(false)],
  ['table', node(false)],
  ['tableRow', node(false)],
  ['tableHeader', node(false, CELL_ATTRIBUTES)],
  ['tableCell', node(false, CELL_ATTRIBUTES)],
]);

/** The marks, by the formatting attribute y-prosemirror names after them, with their attributes. */
const MARKS: ReadonlyMap<string, ReadonlyMap<string, Check>> = new Map([
  ['bold', new Map()],
  ['italic', new Map()],
  ['strike', new Map()],
  ['underline', new Map()],
  ['code', new Map()],
  [
    'link',
    new Map([
      ['href', chars(MAX_LINK_HREF_CHARS)],
      ['target', optional(nullOr(chars(SHORT_TEXT_CHARS)))],
      ['rel', optional(nullOr(chars(SHORT_TEXT_CHARS)))],
      ['class', optional(nullOr(chars(SHORT_TEXT_CHARS)))],
      ['title', optional(nullOr(chars(MAX_LINK_HREF_CHARS)))],
    ]),
  ],
]);

/** A name as a refusal quotes it: short, in quotes. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

/** The node names a Y.XmlElement of the narrative may have. */
export const NARRATIVE_NODES: readonly string[] = [...NODES.keys()];

/** The mark names a Y.XmlText's formatting may have. */
export const NARRATIVE_MARKS: readonly string[] = [...MARKS.keys()];

/** Whether a Y.XmlElement of the narrative may be named `name`. */
export function isNarrativeNode(name: string): boolean {
  return NODES.has(name);
}

/** Why a Y.XmlElement of the narrative may not be named `name` (no such node), or null when it may. */
export function nodeProblem(name: string): string | null {
  return NODES.has(name) ? null : `${quoted(name)} is not a node the editor has`;
}

/** Whether a node holds inline text (a Y.XmlText may be its child): paragraph, heading, code block. */
export function holdsText(nodeName: string): boolean {
  return NODES.get(nodeName)?.text === true;
}

/** The attributes a node has (none for a name that is not a node). */
export function nodeAttributeNames(nodeName: string): string[] {
  return [...(NODES.get(nodeName)?.attributes.keys() ?? [])];
}

/** The attributes a mark has (none for a name that is not a mark). */
export function markAttributeNames(markName: string): string[] {
  return [...(MARKS.get(markName)?.keys() ?? [])];
}

/** Why a node's attribute `key` may not hold `value` (or the node has no such attribute), or null when it may. */
export function attributeProblem(nodeName: string, key: string, value: unknown): string | null {
  const spec = NODES.get(nodeName);
  if (!spec) return nodeProblem(nodeName);
  const check = spec.attributes.get(key);
  if (!check) return `${quoted(key)} is not an attribute of ${nodeName}`;
  const problem = check(value);
  return problem && `${nodeName} ${key} is not ${problem}`;
}

/**
 * Why formatting `name` with `value` is not a mark the editor has, or null when it is: a mark's
 * attributes as an object (only its own, each as it may be; a link's `href` a string). Null ends
 * a mark, of any name (nothing is left to render; Yjs ends marks stored before these rules so).
 * A mark without attributes may also be `true` (Quill's way, which y-prosemirror reads as that mark).
 */
export function markProblem(name: string, value: unknown): string | null {
  if (value === null) return null;
  const attributes = MARKS.get(name);
  if (!attributes) return `${quoted(name)} is not a mark the editor has`;
  if (value === true && attributes.size === 0) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return `the ${name} mark's attributes are not an object`;
  const given = value as Record<string, unknown>;
  for (const key of Object.keys(given)) if (!attributes.has(key)) return `${quoted(key)} is not an attribute of the ${name} mark`;
  for (const [key, check] of attributes) {
    const problem = check(given[key]);
    if (problem) return `the ${name} mark's ${key} is not ${problem}`;
  }
  return null;
}

const COMBINING_MARK = /^\p{M}$/u;
const LONG_COMBINING_RUN = new RegExp(`\\p{M}{${MAX_COMBINING_RUN + 1}}`, 'u');

/** Whether one character (a code point) is a combining mark (Unicode category M). */
export function isCombiningMark(char: string): boolean {
  return COMBINING_MARK.test(char);
}

/**
 * Why a text may not be stored: more than MAX_COMBINING_RUN combining marks in a row (no script
 * needs more on one letter; a browser lays out a long run slowly, 300,000 took a tab 31 s), or null.
 */
export function combiningRunProblem(text: string): string | null {
  return LONG_COMBINING_RUN.test(text) ? `more than ${MAX_COMBINING_RUN} combining marks in a row` : null;
}
