import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Inter from @fontsource/inter for the PDF export, embedded (and subset) in every PDF. Fontsource
 * splits each face by script; `latin` has the Norwegian letters, `§`, `«»` and the dashes, and
 * the other files carry what a narrative may hold besides (Polish, Greek, Cyrillic, Vietnamese),
 * so every character goes to the file that has it. A character in none of them is written with
 * the latin file (the text is still there to copy and read aloud, its glyph is missing).
 */

const require = createRequire(import.meta.url);
const FILES = join(dirname(require.resolve('@fontsource/inter/package.json')), 'files');
const UNICODE_RANGES = require('@fontsource/inter/unicode.json') as Record<string, string>;

/** Scripts in the order they are tried: the Norwegian text never leaves `latin`. */
const SUBSETS = ['latin', 'latin-ext', 'vietnamese', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext'] as const;
type Subset = (typeof SUBSETS)[number];

export type FontStyle = { bold: boolean; italic: boolean };

/** `[first, last]` code point ranges of each subset, from fontsource's own unicode.json. */
const RANGES: [Subset, [number, number][]][] = SUBSETS.map((subset) => [
  subset,
  (UNICODE_RANGES[subset] ?? '').split(',').map((range): [number, number] => {
    const [first, last] = range.replace(/U\+/g, '').split('-');
    const start = Number.parseInt(first ?? '0', 16);
    return [start, last === undefined ? start : Number.parseInt(last, 16)];
  }),
]);

const subsetCache = new Map<number, Subset>();

function subsetOf(codePoint: number): Subset {
  let subset = subsetCache.get(codePoint);
  if (subset === undefined) {
    subset = RANGES.find(([, ranges]) => ranges.some(([first, last]) => codePoint >= first && codePoint <= last))?.[0] ?? 'latin';
    subsetCache.set(codePoint, subset);
  }
  return subset;
}

/** The registered name of a face (`Inter-latin-700-italic`). */
export function fontName(subset: Subset, style: FontStyle): string {
  return `Inter-${subset}-${style.bold ? 700 : 400}-${style.italic ? 'italic' : 'normal'}`;
}

/**
 * A WOFF 1.0 file as the TrueType/OpenType font inside it. fontkit reads WOFF itself, but
 * inflates a table (in JavaScript) each time it reads from it, which made a third of an export's
 * time: the fonts are unpacked once per process instead.
 */
export function sfntFromWoff(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + 20 * i;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + compLength);
    return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(stored) : stored };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  woff.copy(header, 0, 4, 8);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const record = 12 + 16 * i;
    table.tag.copy(header, record);
    header.writeUInt32BE(table.checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(table.data.length, record + 12);
    const padded = Buffer.alloc((table.data.length + 3) & ~3);
    table.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

const fileCache = new Map<string, Buffer>();

/** A face's font, read and unpacked once per process. */
export function fontFile(name: string): Buffer {
  let data = fileCache.get(name);
  if (!data) {
    const file = name.replace(/^Inter-/, 'inter-');
    data = sfntFromWoff(readFileSync(join(FILES, `${file}.woff`)));
    fileCache.set(name, data);
  }
  return data;
}

/** Text cut where the font file that has its characters changes, each piece with its face's name. */
export function fontRuns(text: string, style: FontStyle): { text: string; font: string }[] {
  const runs: { text: string; font: string }[] = [];
  let current: Subset | null = null;
  for (const char of text) {
    const subset: Subset = /\s/u.test(char) && current !== null ? current : subsetOf(char.codePointAt(0) ?? 0);
    if (subset === current) runs[runs.length - 1]!.text += char;
    else runs.push({ text: char, font: fontName(subset, style) });
    current = subset;
  }
  return runs;
}
