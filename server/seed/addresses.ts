import type { TextRun } from '../../shared/narrative.js';
import { safeHref } from '../../shared/narrativeBlocks.js';

/**
 * Web and e-mail addresses written out in a report's text, found so that the importer can make
 * them links (the text stays exactly as written). An address ends at whitespace; punctuation
 * that ends a sentence or closes a bracket after it is not part of it.
 */
const ADDRESS = /\bhttps?:\/\/\S+|(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;
/** Characters that end a sentence or close a bracket: not the last of an address. */
const TRAILING = '.,;:!?»"”’)]';

const count = (text: string, char: string): number => text.split(char).length - 1;

/** The address without the punctuation after it; a `)` stays when the address opened it. */
function trimAddress(candidate: string): string {
  let address = candidate;
  for (;;) {
    const last = address.at(-1);
    if (last === undefined || !TRAILING.includes(last)) return address;
    if (last === ')' && count(address, '(') >= count(address, ')')) return address;
    address = address.slice(0, -1);
  }
}

/** A paragraph's text as runs, each address a link to itself (`mailto:` for e-mail). */
export function linkAddresses(paragraph: string): TextRun[] {
  const runs: TextRun[] = [];
  let from = 0;
  for (const match of paragraph.matchAll(ADDRESS)) {
    const address = trimAddress(match[0]);
    const href = safeHref(address.includes('://') ? address : `mailto:${address}`);
    if (href === null || match.index < from) continue;
    if (match.index > from) runs.push({ text: paragraph.slice(from, match.index) });
    runs.push({ text: address, href });
    from = match.index + address.length;
  }
  if (from < paragraph.length) runs.push({ text: paragraph.slice(from) });
  return runs;
}
