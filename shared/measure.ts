import * as z from 'zod/mini';
import { MinistryCodeSchema, MinistryListSchema } from './ministries.js';
import { StatusSchema } from './status.js';
import { MAX_PLAN_TEXT_CHARS, MAX_TITLE_CHARS } from './limits.js';
import { ImportWarningSchema } from './plan.js';
import { TextSchema } from './text.js';

/** The fields of a measure that people set in a round (server-owned, validated here). */
export const MeasureFieldsSchema = z.object({
  status: StatusSchema,
});
export type MeasureFields = z.infer<typeof MeasureFieldsSchema>;

/**
 * Fields that quote the plan rather than report on it: only the coordinator changes them (an
 * editor's PATCH naming one is a 403), e.g. to apply an importer's suggested correction.
 */
export const COORDINATOR_FIELDS = ['title', 'planText'] as const;

/**
 * Body of `PATCH /api/rounds/:roundId/measures/:number`: one or more fields, nothing else.
 * Unknown keys are an error, not silently dropped, so a typo never looks like a success.
 */
export const MeasureFieldsPatchSchema = z
  .strictObject({
    ...z.partial(MeasureFieldsSchema).shape,
    /** The measure's title in this round (coordinator only). */
    title: z.optional(TextSchema.check(z.trim(), z.minLength(1), z.maxLength(MAX_TITLE_CHARS), z.regex(/^[^\r\n]*$/, 'a title is one line'))),
    /** The plan's own text for the measure in this round (coordinator only); may be empty. */
    planText: z.optional(TextSchema.check(z.trim(), z.maxLength(MAX_PLAN_TEXT_CHARS))),
    /**
     * What each changed field said when the person changed it (a change made offline, or
     * while someone else's could arrive): when the field says something else now, the change
     * is a 409 carrying the current values, and nothing is stored. Without it, the last write wins.
     */
    base: z.optional(z.strictObject({ status: z.optional(StatusSchema), title: z.optional(z.string()), planText: z.optional(z.string()) })),
  })
  .check(z.refine((patch) => Object.keys(patch).some((key) => key !== 'base'), { message: 'no field to change' }));
export type MeasureFieldsPatch = z.infer<typeof MeasureFieldsPatchSchema>;

/** A measure in a round as the overview lists it. */
export const MeasureSummarySchema = z.object({
  number: z.int().check(z.positive()),
  title: z.string().check(z.minLength(1), z.maxLength(MAX_TITLE_CHARS)),
  ministries: MinistryListSchema,
  ...MeasureFieldsSchema.shape,
  /** Websocket room of this measure's narrative. */
  docName: z.string(),
  /** True while the narrative has no text. */
  narrativeEmpty: z.boolean(),
  /** Comment threads on the measure that are not resolved. */
  openThreads: z.int().check(z.nonnegative()),
  /** Responsible ministries that marked their part ready in this round. */
  ready: z.array(MinistryCodeSchema),
  /** Carried over from the previous round and not yet updated in this one. */
  carriedOver: z.boolean(),
  /** When a field last changed (ISO 8601). */
  updatedAt: z.iso.datetime({ offset: true }),
});
export type MeasureSummary = z.infer<typeof MeasureSummarySchema>;

/** One measure with the plan's own text and its narrative as plain text. */
export const MeasureDetailSchema = z.extend(MeasureSummarySchema, {
  planText: z.string().check(z.maxLength(MAX_PLAN_TEXT_CHARS)),
  /** The narrative as plain text, paragraphs separated by blank lines. */
  narrative: z.string(),
  /** What the importer found questionable about this measure in its source. */
  importWarnings: z.array(ImportWarningSchema),
});
export type MeasureDetail = z.infer<typeof MeasureDetailSchema>;
