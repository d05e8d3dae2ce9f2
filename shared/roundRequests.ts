import * as z from 'zod/mini';
import { RoundIdSchema } from './documentLayout.js';
import { isWallTime, osloWallTimeToIso } from './osloInstant.js';
import { MAX_INTRO_CHARS, MAX_ROUND_TITLE_CHARS } from './round.js';
import { TextSchema } from './text.js';

// The bodies of the coordinator's requests about rounds, which the server reads (the client only
// sends them). A file of its own: their `.check()` calls are kept wherever the module goes, as the
// bundler cannot tell that they do nothing else.

const WALL_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/** The date and the time of a wall time in Oslo as people give it, or null unless it is one that is on the calendar and the clock. */
function wallTime(value: string): { date: string; time: string } | null {
  const match = WALL_TIME.exec(value);
  const date = match?.[1];
  const time = match?.[2];
  return date !== undefined && time !== undefined && isWallTime(date, time) ? { date, time } : null;
}

/**
 * A deadline as people give it: a date and time on the wall in Oslo (`2026-12-01T12:00`), or an
 * exact instant with an offset. Always becomes an instant with offset. Either must be a real
 * date and time (not 31 February, 24:00 or 12:60): checked before the transform, so what is not
 * one is a 400 naming the field, never rolled over to another day, and the transform never throws.
 */
const InstantSchema = z.iso.datetime({ offset: true });

export const DeadlineInputSchema = z.pipe(
  z.string().check(
    z.refine((v) => wallTime(v) !== null || InstantSchema.safeParse(v).success, {
      message: 'a real date and time in Oslo (YYYY-MM-DDTHH:MM) or an ISO 8601 instant with offset',
    }),
  ),
  z.transform((v: string) => {
    const wall = wallTime(v);
    return wall ? osloWallTimeToIso(wall.date, wall.time) : v;
  }),
);

/** `POST /api/rounds`: a new round, carrying over the latest round's content. */
export const NewRoundSchema = z.strictObject({
  /** A slug; made from the title when absent. */
  id: z.optional(RoundIdSchema),
  title: TextSchema.check(z.trim(), z.minLength(1), z.maxLength(MAX_ROUND_TITLE_CHARS)),
  deadline: DeadlineInputSchema,
  intro: z._default(TextSchema.check(z.maxLength(MAX_INTRO_CHARS)), ''),
  /**
   * What becomes of rounds still open: `freeze` them now (each with a snapshot, as at a
   * deadline), or `keep` them open until their own deadline (the default).
   */
  openRounds: z.optional(z.enum(['freeze', 'keep'])),
});
export type NewRound = z.infer<typeof NewRoundSchema>;

/** `PATCH /api/rounds/:roundId`: move the deadline, retitle, rewrite the intro. */
export const RoundPatchSchema = z
  .strictObject({
    title: z.optional(TextSchema.check(z.trim(), z.minLength(1), z.maxLength(MAX_ROUND_TITLE_CHARS))),
    deadline: z.optional(DeadlineInputSchema),
    intro: z.optional(TextSchema.check(z.maxLength(MAX_INTRO_CHARS))),
  })
  .check(z.refine((patch) => Object.keys(patch).length > 0, { message: 'no field to change' }));
export type RoundPatch = z.infer<typeof RoundPatchSchema>;

/** `POST /api/rounds/:roundId/snapshots` */
export const SnapshotRequestSchema = z.strictObject({
  note: z.optional(TextSchema.check(z.trim(), z.maxLength(500))),
});
