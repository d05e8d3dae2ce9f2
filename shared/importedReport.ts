import * as z from 'zod/mini';
import { MinistryListSchema } from './ministries.js';
import { ImportWarningSchema } from './plan.js';
import { StatusSchema } from './status.js';

// What the importer reads from a report (the server's seed): apart from plan.ts, whose warnings
// every page reads, as its `.check()` calls are kept wherever the module goes.

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
