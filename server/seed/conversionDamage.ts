import type { ImportWarning, SuggestionField } from '../../shared/plan.js';

/**
 * Damage a report's text took when it was made from a PDF, found by pattern: a hyphen lost
 * where a compound was broken across lines ("FNkonvensjonen"), a `§` lost before a section
 * number ("Etter 1 i forskrift …", "utlendingsforskriften 8-3"), and spaces inside brackets
 * ("( domestic workers )"). The importer never changes the text: each find is a warning with
 * the correction as a suggestion a person can apply.
 */

export type DamageKind = 'lost_hyphen' | 'lost_section_sign' | 'spaced_brackets';

interface Rule {
  kind: DamageKind;
  pattern: RegExp;
  /** The correction of one match, or null when the match turns out not to be damage. */
  fix: (match: RegExpExecArray) => string | null;
  why: string;
}

/** A section number as the report writes them: `1`, `8-3`. */
const SECTION = String.raw`\d{1,3}(?:-\d{1,3})?`;
/** Not part of a longer number or date (`16.12.2011`, `2011`). */
const NUMBER_END = String.raw`(?!\d|[.,]\d)`;
/** The name of a law or regulation, or the word for one. */
const ENACTMENT = String.raw`\p{L}*(?:lov|loven|lova|forskrift|forskriften)`;

const RULES: readonly Rule[] = [
  {
    kind: 'lost_hyphen',
    // An acronym joined to a word of its own (not a genitive "FNs" or a definite "NGOen").
    pattern: /(?<![\p{L}\p{N}-])(\p{Lu}{2,})(\p{Ll}{3,})(?![\p{L}\p{N}])/gu,
    fix: (m) => `${m[1]}-${m[2]}`,
    why: 'a hyphen lost where the compound was broken across lines',
  },
  {
    kind: 'lost_section_sign',
    // "Etter 1 i forskrift …", "… har. 1 i prioriteringsforskriften …": a bare number naming a section of an enactment.
    pattern: new RegExp(String.raw`(?<=(?:^|[.!?] |\b(?:[Ee]tter|jfr?\.|og|ny) ))(${SECTION}) i (${ENACTMENT})(?![\p{L}])`, 'gu'),
    fix: (m) => `§ ${m[1]} i ${m[2]}`,
    why: 'a "§" lost before the section number',
  },
  {
    kind: 'lost_section_sign',
    // "utlendingsforskriften 8-3"
    pattern: new RegExp(String.raw`(?<![\p{L}])(${ENACTMENT}) (${SECTION})${NUMBER_END}`, 'gu'),
    fix: (m) => `${m[1]} § ${m[2]}`,
    why: 'a "§" lost before the section number',
  },
  {
    kind: 'lost_section_sign',
    // "… som ikke kan vente jfr. 5."
    pattern: new RegExp(String.raw`(?<![\p{L}])(jfr?\.) (${SECTION})${NUMBER_END}`, 'gu'),
    fix: (m) => `${m[1]} § ${m[2]}`,
    why: 'a "§" lost before the section number',
  },
  {
    kind: 'spaced_brackets',
    pattern: /\(([^()\n]*)\)/gu,
    fix: (m) => {
      const inner = m[1] ?? '';
      const trimmed = inner.trim();
      return trimmed !== '' && trimmed !== inner ? `(${trimmed})` : null;
    },
    why: 'spaces inside the brackets',
  },
];

/** One field of a measure as text: a title or plan text is one paragraph, a narrative several. */
export interface FieldText {
  field: SuggestionField;
  paragraphs: readonly string[];
}

function occurrences(paragraphs: readonly string[], text: string): number {
  let count = 0;
  for (const paragraph of paragraphs) {
    for (let at = paragraph.indexOf(text); at >= 0; at = paragraph.indexOf(text, at + 1)) count += 1;
  }
  return count;
}

/**
 * The match widened by whole words on either side until it occurs once in the field, so that a
 * client finds the one place to change; null if the paragraph runs out first.
 */
function uniqueContext(
  paragraphs: readonly string[],
  paragraph: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  let from = start;
  let to = end;
  for (;;) {
    if (occurrences(paragraphs, paragraph.slice(from, to)) === 1) return { start: from, end: to };
    if (from === 0 && to === paragraph.length) return null;
    const before = paragraph.slice(0, from).match(/\S+\s*$/u)?.[0].length ?? from;
    const after = paragraph.slice(to).match(/^\s*\S+/u)?.[0].length ?? paragraph.length - to;
    from -= before;
    to += after;
  }
}

/** Every piece of conversion damage in one measure's fields, as warnings with a suggestion each. */
export function conversionWarnings(measure: number, fields: readonly FieldText[]): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  for (const { field, paragraphs } of fields) {
    const found: { paragraph: number; start: number; end: number; replacement: string; rule: Rule }[] = [];
    paragraphs.forEach((paragraph, index) => {
      for (const rule of RULES) {
        const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
        for (let m = pattern.exec(paragraph); m; m = pattern.exec(paragraph)) {
          const replacement = rule.fix(m);
          if (replacement === null) continue;
          found.push({ paragraph: index, start: m.index, end: m.index + m[0].length, replacement, rule });
        }
      }
    });
    found.sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
    // Two rules that read the same words ("jfr. 5 i loven") make one warning, the first.
    const kept = found.filter((damage, i) => !found.slice(0, i).some((o) => o.paragraph === damage.paragraph && o.end > damage.start));
    for (const damage of kept) {
      const paragraph = paragraphs[damage.paragraph] ?? '';
      const context = uniqueContext(paragraphs, paragraph, damage.start, damage.end);
      const text = paragraph.slice(damage.start, damage.end);
      const warning: ImportWarning = {
        code: 'conversion_damage',
        measure,
        message: `Measure ${measure}, ${field}: "${text}" looks like ${damage.rule.why} when the source was made from a PDF; suggested: "${damage.replacement}". The text is kept as found.`,
        values: { damage: damage.rule.kind, found: text, suggested: damage.replacement },
      };
      if (context === null) {
        // A whole paragraph repeated word for word: no text names one place, so no suggestion to apply.
        warning.message += ' It occurs more than once in the same words: correct it by hand.';
      } else {
        const find = paragraph.slice(context.start, context.end);
        const replace = paragraph.slice(context.start, damage.start) + damage.replacement + paragraph.slice(damage.end, context.end);
        warning.suggestion = { field, find, replace };
      }
      warnings.push(warning);
    }
  }
  return warnings;
}
