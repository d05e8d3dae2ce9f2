import * as z from 'zod/mini';
import { MAX_PLAN_TEXT_CHARS } from './limits.js';
import { MeasureSummarySchema } from './measureSummary.js';
import { ImportWarningSchema } from './plan.js';

// A measure as its page reads it; what the overview lists is measureSummary.ts.

/** One measure with the plan's own text and its narrative as plain text. */
export const MeasureDetailSchema = z.extend(MeasureSummarySchema, {
  planText: z.string().check(z.maxLength(MAX_PLAN_TEXT_CHARS)),
  /** The narrative as plain text, paragraphs separated by blank lines. */
  narrative: z.string(),
  /** What the importer found questionable about this measure in its source. */
  importWarnings: z.array(ImportWarningSchema),
  /**
   * Why the narrative cannot be shown in the editor (stored before the limits existed: nested
   * deeper, or holding more nodes, than shared/limits.ts allows), or null when it can. A copy
   * kept by the browser from before this field existed reads as null.
   */
  narrativeProblem: z._default(z.nullable(z.enum(['tooDeep', 'tooLarge'])), null),
});
export type MeasureDetail = z.infer<typeof MeasureDetailSchema>;
