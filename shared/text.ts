import * as z from 'zod/mini';

/** Half of a UTF-16 surrogate pair with no other half: with the `u` flag a whole pair is one code point. */
const LONE_SURROGATE = /\p{Cs}/u;

/** True unless the string holds a lone UTF-16 surrogate, which has no UTF-8 form. */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** The NUL character, which no text a person writes holds and PostgreSQL's text columns refuse. */
const NUL = String.fromCharCode(0);

/**
 * Free text a client sends (comments, titles, intros, notes, usernames). A lone surrogate
 * (`"\ud800"` in JSON) is refused: stored as UTF-8 it would silently become U+FFFD. So is NUL
 * (`"\u0000"`), which PostgreSQL cannot store as text: refused the same on either store.
 */
export const TextSchema = z.string().check(
  z.refine(isWellFormedText, {
    message: 'contains a lone UTF-16 surrogate (half of a character); send well-formed Unicode text',
  }),
  z.refine((value) => !value.includes(NUL), { message: 'contains a NUL character (U+0000), which text may not hold' }),
);
