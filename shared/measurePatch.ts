import * as z from 'zod/mini';
import { MAX_PLAN_TEXT_CHARS, MAX_TITLE_CHARS } from './limits.js';
import { MeasureFieldsSchema } from './measureSummary.js';
import { StatusSchema } from './status.js';
import { TextSchema } from './text.js';

// The body of a change to a measure's fields, which the server reads (the client only sends it).
// A file of its own: its `.check()` calls are kept wherever the module goes, as the bundler cannot
// tell that they do nothing else.

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
