import { z } from 'zod';
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
] as const;

export const ImportWarningSchema = z.object({
  code: z.enum(IMPORT_WARNING_CODES),
  /** The measure concerned, or null for the report as a whole. */
  measure: z.number().int().positive().nullable(),
  message: z.string(),
  /** The conflicting values, e.g. `{ table: 'Under gjennomføring', section: 'Under forberedelse' }`. */
  values: z.record(z.string(), z.string()).default({}),
});
export type ImportWarning = z.infer<typeof ImportWarningSchema>;

/** One measure as the importer reads it from the report. */
export const ImportedMeasureSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().min(1),
  ministries: MinistryListSchema,
  /** The status in the summary table: the field the round starts with. */
  status: StatusSchema,
  /** The status on the section's own `Status:` line, if it has one. */
  sectionStatus: StatusSchema.nullable(),
  /** The plan's own text for the measure (read-only in the app). */
  planText: z.string(),
  /** The narrative of what was done, as paragraphs. */
  narrative: z.array(z.string().min(1)),
  /** False where the report has no section for the measure. */
  hasSection: z.boolean(),
});
export type ImportedMeasure = z.infer<typeof ImportedMeasureSchema>;

/** A whole report as the importer reads it. */
export const ImportedReportSchema = z.object({
  /** The report's own title line. */
  title: z.string().min(1),
  /** The introduction before the summary table. */
  intro: z.string(),
  measures: z.array(ImportedMeasureSchema),
  warnings: z.array(ImportWarningSchema),
});
export type ImportedReport = z.infer<typeof ImportedReportSchema>;
