import * as z from 'zod/mini';
import { MinistryListSchema } from './ministries.js';
import { StatusSchema } from './status.js';

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

/** One measure as the importer reads it from the report. */
export const ImportedMeasureSchema = z.object({
  number: z.int().check(z.positive()),
  /** The title in the summary table (which wins over the section heading's wording, with a warning). */
  title: z.string().check(z.minLength(1)),
  ministries: MinistryListSchema,
  /** The status in the summary table: the field the round starts with. */
  status: StatusSchema,
  /** The status on the section's own `Status:` line, if it has one. */
  sectionStatus: z.nullable(StatusSchema),
  /** The plan's own text for the measure (what the action plan promised; the coordinator may edit it). */
  planText: z.string(),
  /** The narrative of what was done, as paragraphs. */
  narrative: z.array(z.string().check(z.minLength(1))),
  /** False where the report has no section for the measure. */
  hasSection: z.boolean(),
});
export type ImportedMeasure = z.infer<typeof ImportedMeasureSchema>;

/** A whole report as the importer reads it. */
export const ImportedReportSchema = z.object({
  /** The report's own title line. */
  title: z.string().check(z.minLength(1)),
  /** The introduction before the summary table. */
  intro: z.string(),
  measures: z.array(ImportedMeasureSchema),
  warnings: z.array(ImportWarningSchema),
});
export type ImportedReport = z.infer<typeof ImportedReportSchema>;
