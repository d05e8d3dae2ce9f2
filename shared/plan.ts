import * as z from 'zod/mini';

/** Kinds of doubt the importer reports instead of choosing silently. */
export const IMPORT_WARNING_CODES = [
  /** The summary table and the measure's own `Status:` line disagree. */
  'status_mismatch',
  /** The summary table lists a measure that has no section of its own. */
  'missing_section',
  /** A ministry list is broken across lines in the table. */
  'ministries_wrapped',
  /** The table and the section heading name different ministries. */
  'ministries_mismatch',
  /** A section without a `Status:` line: where the plan text ends is a curated split, or unknown. */
  'no_status_line',
  /** A page of the source ends mid-sentence and the next does not read on: text may be lost in the source. */
  'truncated_page',
  /** The summary table and the section heading word the measure's title differently. */
  'title_mismatch',
  /**
   * Text damaged when the source was made from a PDF (a hyphen or `§` lost, spaces inside
   * brackets): kept as found, with the correction as a `suggestion`.
   */
  'conversion_damage',
] as const;

/** The fields of a measure a suggestion can apply to. */
export const SUGGESTION_FIELDS = ['title', 'planText', 'narrative'] as const;
export const SuggestionFieldSchema = z.enum(SUGGESTION_FIELDS);
export type SuggestionField = z.infer<typeof SuggestionFieldSchema>;

/**
 * A correction the importer proposes but does not make: in the warning's measure, replace the
 * text `find` (it occurs exactly once in that field, inside one paragraph) by `replace`. A
 * client applies it as an ordinary edit of the field (PATCH for `title` and `planText`, an edit
 * of the narrative's document for `narrative`); once `find` is gone, it has been applied.
 */
export const ImportSuggestionSchema = z.object({
  field: SuggestionFieldSchema,
  find: z.string().check(z.minLength(1)),
  replace: z.string(),
});
export type ImportSuggestion = z.infer<typeof ImportSuggestionSchema>;

export const ImportWarningSchema = z.object({
  code: z.enum(IMPORT_WARNING_CODES),
  /** The measure concerned, or null for the report as a whole. */
  measure: z.nullable(z.int().check(z.positive())),
  message: z.string(),
  /** The conflicting values, e.g. `{ table: 'Under gjennomføring', section: 'Under forberedelse' }`. */
  values: z._default(z.record(z.string(), z.string()), {}),
  /** The correction proposed, for `conversion_damage`; absent on every other warning. */
  suggestion: z.optional(ImportSuggestionSchema),
});
export type ImportWarning = z.infer<typeof ImportWarningSchema>;
