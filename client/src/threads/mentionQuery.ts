import { mentionTokens, mentionsOf } from '../../../shared/mentions.js';
import type { MinistryCode } from '../../../shared/ministries.js';
import type { Mentionables } from '../../../shared/mentionables.js';

/**
 * The pure half of `@` autocomplete: which `@word` the caret is in, what it may become, putting
 * the choice in the text, and which names in a text name nobody. Whether a word is a mention at
 * all is `shared/mentions.ts`'s call, the server's own reader.
 */

/** The `@word` being written at the caret: where it starts (its `@`) and ends, and the word so far. */
export interface MentionQuery {
  /** Index of the `@`. */
  start: number;
  /** Index after the word (it may go on past the caret). */
  end: number;
  /** What is written between the `@` and the caret. */
  query: string;
}

/** A character a mention's name may hold (shared/mentions.ts: letters, digits, `.`, `_`, `-`). */
const NAME_CHAR = /[\p{L}\p{N}._-]/u;
/** What may stand right before a mention's `@`: nothing, a space, an opening bracket or a quote. */
const BEFORE_AT = /[\s\p{Ps}\p{Pi}"']/u;
/** Longest word looked back over for its `@` (usernames are shorter). */
const MAX_QUERY_CHARS = 64;

/** The mention being written at `caret`, or null when the caret is not in an `@word` that can become one. */
export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  if (caret < 1 || caret > text.length) return null;
  let at = caret - 1;
  while (at >= 0 && caret - at <= MAX_QUERY_CHARS && text[at] !== '@') {
    if (!NAME_CHAR.test(text[at] ?? '')) return null;
    at--;
  }
  if (at < 0 || text[at] !== '@') return null;
  const before = at === 0 ? '' : (text[at - 1] ?? '');
  if (before !== '' && !BEFORE_AT.test(before)) return null;
  const query = text.slice(at + 1, caret);
  if (query !== '' && !/^\p{L}/u.test(query)) return null;
  let end = caret;
  while (end < text.length && NAME_CHAR.test(text[end] ?? '')) end++;
  return { start: at, end, query };
}

/** One choice the list offers: a ministry (`@JD`) or a person (`@ola.nordmann`). */
export type MentionOption =
  | { kind: 'ministry'; insert: MinistryCode; name: string }
  | { kind: 'person'; insert: string; name: string; ministry: MinistryCode | null };

/** Most choices shown at once. */
export const MAX_MENTION_OPTIONS = 8;

const startsAWord = (name: string, query: string): boolean => name.toLowerCase().split(/[\s()-]+/u).some((word) => word.startsWith(query));

/**
 * The ministries and people `query` may mean: those whose code or username starts with it
 * first, then those with a word of their name that does; ministries before people, each in the
 * server's order. Everyone for an empty query.
 */
export function mentionOptions(mentionables: Mentionables, query: string, limit = MAX_MENTION_OPTIONS): MentionOption[] {
  const q = query.toLowerCase();
  const all: MentionOption[] = [
    ...mentionables.ministries.map((m): MentionOption => ({ kind: 'ministry', insert: m.code, name: m.name })),
    ...mentionables.people.map((p): MentionOption => ({ kind: 'person', insert: p.username, name: p.name, ministry: p.ministry })),
  ];
  const byHandle = all.filter((option) => option.insert.toLowerCase().startsWith(q));
  const byName = all.filter((option) => !byHandle.includes(option) && q !== '' && startsAWord(option.name, q));
  return [...byHandle, ...byName].slice(0, limit);
}

/** The text with the query's `@word` replaced by the chosen mention and a space, and where the caret goes. */
export function insertMention(text: string, query: MentionQuery, insert: string): { text: string; caret: number } {
  const after = text.slice(query.end);
  const spaced = /^\s/u.test(after);
  const mention = `@${insert}${spaced ? '' : ' '}`;
  // After the space either way, ready for the next word.
  return { text: text.slice(0, query.start) + mention + after, caret: query.start + mention.length + (spaced ? 1 : 0) };
}

/**
 * The names written after `@` in `body` that are neither a ministry nor a person who can be
 * mentioned, as written, each once; a name `before` already had is not counted (the server
 * checks only what an edit adds). Nothing when it is not known who can be (`mentionables` null).
 */
export function unknownMentions(body: string, mentionables: Mentionables | null, before = ''): string[] {
  if (mentionables === null) return [];
  const known = new Set(mentionables.people.map((p) => p.username.toLowerCase()));
  const had = new Set(mentionsOf(before).people);
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const token of mentionTokens(body)) {
    if (token.username === null || known.has(token.username) || had.has(token.username) || seen.has(token.username)) continue;
    seen.add(token.username);
    unknown.push(token.written);
  }
  return unknown;
}
