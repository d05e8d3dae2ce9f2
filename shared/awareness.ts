import { z } from 'zod';
import { MinistryCodeSchema } from './ministries.js';

/** Longest display name accepted in presence. */
export const MAX_DISPLAY_NAME_CHARS = 80;

/** Who a person is in a measure's presence list and on their caret. */
export const PresenceUserSchema = z.object({
  name: z.string().trim().min(1).max(MAX_DISPLAY_NAME_CHARS),
  /** Null for a coordinator or reader without a ministry. */
  ministry: MinistryCodeSchema.nullable(),
  /** Set by the server from the session; whatever a client claims here is replaced. */
  username: z.string().max(64).optional(),
  /** `#rrggbb`: the caret extension ignores any other form. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type PresenceUser = z.infer<typeof PresenceUserSchema>;

/**
 * One client's awareness state: `user` from the caret extension, `cursor` (relative positions)
 * from y-prosemirror. Other keys are allowed so that stock tools keep working; `user`, when
 * present, must be well-formed. `null` is a client saying goodbye.
 */
export const AwarenessStateSchema = z
  .looseObject({
    user: PresenceUserSchema.optional(),
    cursor: z.unknown().optional(),
  })
  .nullable();
export type AwarenessState = z.infer<typeof AwarenessStateSchema>;
