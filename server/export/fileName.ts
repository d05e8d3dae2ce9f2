import { osloDate } from '../../shared/osloTime.js';
import type { ExportMeta } from './meta.js';

/** Formats an export is offered in, by file extension. */
export type ExportExtension = 'docx' | 'pdf' | 'html' | 'md' | 'json';

const TRANSLITERATION: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', Æ: 'ae', Ø: 'o', Å: 'a' };

/** Lower-case ASCII letters, digits and single dashes. */
function slug(text: string): string {
  return text
    .replace(/[æøåÆØÅ]/g, (char) => TRANSLITERATION[char] ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * File name for Content-Disposition, ASCII only: the round, "utkast" for a draft, the Oslo date
 * it was frozen (or generated), and the short SHA-256 of a snapshot, e.g.
 * `statusrapport-2012-02-2012-02-29-3f2a9c1b.docx`.
 */
export function exportFileName(roundId: string, meta: ExportMeta, ext: ExportExtension): string {
  const parts = [slug(roundId) || 'rapport'];
  if (meta.draft) parts.push('utkast');
  parts.push(osloDate(new Date(meta.snapshot?.takenAt ?? meta.generatedAt)));
  if (meta.snapshot) parts.push(meta.snapshot.sha256.slice(0, 8));
  return `${parts.join('-')}.${ext}`;
}
