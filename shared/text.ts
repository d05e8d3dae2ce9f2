import { z } from 'zod';

/** Half of a UTF-16 surrogate pair with no other half: with the `u` flag a whole pair is one code point. */
const LONE_SURROGATE = /\p{Cs}/u;

/** True unless the string holds a lone UTF-16 surrogate, which has no UTF-8 form. */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/**
 * Free text a client sends (comments, titles, intros, notes, usernames). A lone surrogate
 * (`"\ud800"` in JSON) is refused: stored as UTF-8 it would silently become U+FFFD.
 */
export const TextSchema = z.string().refine(isWellFormedText, {
  message: 'contains a lone UTF-16 surrogate (half of a character); send well-formed Unicode text',
});
