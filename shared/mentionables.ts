import * as z from 'zod/mini';
import { UsernameSchema } from './auth.js';
import { MinistryCodeSchema } from './ministries.js';

/** `GET /api/rounds/:roundId/mentionables`: whom a comment in the round can mention, for `@` autocomplete. */
export const MentionablesSchema = z.object({
  /** The ministries responsible for measures in the round: `@JD`. */
  ministries: z.array(z.object({ code: MinistryCodeSchema, name: z.string() })),
  /**
   * Enabled accounts, by name: `@username`. An account whose username is a ministry code
   * (`jd`) is left out: `@jd` mentions the ministry, and so reaches it too.
   */
  people: z.array(z.object({ username: UsernameSchema, name: z.string(), ministry: z.nullable(MinistryCodeSchema) })),
});
export type Mentionables = z.infer<typeof MentionablesSchema>;
