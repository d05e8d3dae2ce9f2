import { MINISTRY_CODES, type MinistryCode } from './ministries.js';

/**
 * `@` mentions in a comment, read one way on both sides: the server to validate and notify,
 * the client to highlight and to flag an unknown name before sending.
 *
 * - `@JD` (any ministry code, any case, not glued to a letter, digit or `_` on either side)
 *   mentions the ministry, exactly as before people could be mentioned; it wins over a person
 *   whose name starts the same way (`@jd.ola` is JD, then `.ola`).
 * - `@ola.nordmann` (a letter, then letters, digits, `.`, `_`, `-`) after the start, a space,
 *   an opening bracket or a quote mentions the account of that username (any case); a `.`, `_`
 *   or `-` at its end is punctuation, not name (`@ola.` is `ola`). An `@` inside a word or an
 *   address (`post@jd.no`, `https://x.no/@ola`) mentions nobody.
 */
export interface MentionToken {
  /** Index of the `@` in the text. */
  index: number;
  /** Length of the mention with its `@`. */
  length: number;
  /** The name as written, without the `@`. */
  written: string;
  /** The ministry mentioned, or null for a person's name. */
  ministry: MinistryCode | null;
  /** The lower-case username a person's mention names (whether or not it exists), else null. */
  username: string | null;
}

const CODES = MINISTRY_CODES.join('|');
/** An `@` and a word after it, not glued to a word before it. */
const AT_WORD = /(?<![\p{L}\p{N}_])@(\p{L}[\p{L}\p{N}._-]*)/gu;
/** A ministry code at the start of the word, ending there. */
const MINISTRY_AT_START = new RegExp(`^(${CODES})(?![\\p{L}\\p{N}_])`, 'iu');
/** What may come right before a person's mention: nothing, a space, an opening bracket or quote. */
const PERSON_BEFORE = /[\s\p{Ps}\p{Pi}"']/u;
const TRAILING_PUNCTUATION = /[._-]+$/u;

/** Every mention in a text, in order. */
export function mentionTokens(body: string): MentionToken[] {
  const tokens: MentionToken[] = [];
  for (const match of body.matchAll(AT_WORD)) {
    const word = match[1] ?? '';
    const ministry = MINISTRY_AT_START.exec(word)?.[1];
    if (ministry !== undefined) {
      tokens.push({ index: match.index, length: ministry.length + 1, written: ministry, ministry: ministry.toUpperCase() as MinistryCode, username: null });
      continue;
    }
    const before = match.index === 0 ? '' : body[match.index - 1];
    if (before !== '' && !PERSON_BEFORE.test(before ?? '')) continue;
    const written = word.replace(TRAILING_PUNCTUATION, '');
    tokens.push({ index: match.index, length: written.length + 1, written, ministry: null, username: written.toLowerCase() });
  }
  return tokens;
}

/** Who a text mentions: ministries and (lower-case) usernames, each once, in the order of first mention. */
export interface Mentions {
  ministries: MinistryCode[];
  people: string[];
}

export function mentionsOf(body: string): Mentions {
  const mentions: Mentions = { ministries: [], people: [] };
  for (const token of mentionTokens(body)) {
    if (token.ministry !== null) {
      if (!mentions.ministries.includes(token.ministry)) mentions.ministries.push(token.ministry);
    } else if (token.username !== null && !mentions.people.includes(token.username)) {
      mentions.people.push(token.username);
    }
  }
  return mentions;
}

/** What `after` mentions that `before` did not (an edit's new mentions). */
export function mentionsAdded(before: string, after: string): Mentions {
  const old = mentionsOf(before);
  const now = mentionsOf(after);
  return {
    ministries: now.ministries.filter((code) => !old.ministries.includes(code)),
    people: now.people.filter((name) => !old.people.includes(name)),
  };
}

/**
 * True when `@username` mentions exactly that account: not for a username that is a ministry
 * code or starts like one (`jd`, `jd.ola`: those are the ministry's mentions) or ends in `.`,
 * `_` or `-` (punctuation after a mention).
 */
export function mentionable(username: string): boolean {
  const tokens = mentionTokens(`@${username}`);
  return tokens.length === 1 && tokens[0]?.username === username && tokens[0].length === username.length + 1;
}
