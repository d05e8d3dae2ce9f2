import { describe, expect, it } from 'vitest';
import type { Mentionables } from '../../shared/mentionables.js';
import { insertMention, mentionOptions, mentionQueryAt, unknownMentions } from '../../client/src/threads/mentionQuery.js';

const mentionables: Mentionables = {
  ministries: [
    { code: 'UD', name: 'Utenriksdepartementet' },
    { code: 'JD', name: 'Justis- og beredskapsdepartementet' },
    { code: 'BLD', name: 'Barne-, likestillings- og inkluderingsdepartementet' },
  ],
  people: [
    { username: 'koordinator', name: 'Koordinator', ministry: null },
    { username: 'ola.nordmann', name: 'Ola Nordmann', ministry: 'JD' },
    { username: 'udvalg', name: 'Kari Udvalg', ministry: 'UD' },
  ],
};

/** The query at the `|` in `text`. */
const queryAt = (marked: string) => mentionQueryAt(marked.replace('|', ''), marked.indexOf('|'));

describe('the @word being written at the caret', () => {
  it('starts at an @ at the start, after a space, a bracket or a quote, and runs to the caret', () => {
    expect(queryAt('@|')).toEqual({ start: 0, end: 1, query: '' });
    expect(queryAt('Hei @u|')).toEqual({ start: 4, end: 6, query: 'u' });
    expect(queryAt('(@ola.n|')).toEqual({ start: 1, end: 7, query: 'ola.n' });
    expect(queryAt('«@JD|»')).toEqual({ start: 1, end: 4, query: 'JD' });
    expect(queryAt('spør "@koo|')).toEqual({ start: 6, end: 10, query: 'koo' });
  });

  it('ends where the word ends, also past the caret', () => {
    expect(queryAt('Hei @o|la, se her')).toEqual({ start: 4, end: 8, query: 'o' });
  });

  it('is nothing in an address, after a space, or for a word that cannot be a name', () => {
    expect(queryAt('post@jd|')).toBeNull();
    expect(queryAt('https://x.no/@ola|')).toBeNull();
    expect(queryAt('@ola |')).toBeNull();
    expect(queryAt('@1|')).toBeNull();
    expect(queryAt('Hei|')).toBeNull();
    expect(queryAt('|')).toBeNull();
  });
});

describe('the choices for a query', () => {
  it('offers everyone for a bare @, ministries first', () => {
    expect(mentionOptions(mentionables, '').map((o) => o.insert)).toEqual(['UD', 'JD', 'BLD', 'koordinator', 'ola.nordmann', 'udvalg']);
  });

  it('puts codes and usernames that start with the query before names with a word that does', () => {
    expect(mentionOptions(mentionables, 'ud').map((o) => o.insert)).toEqual(['UD', 'udvalg']);
    expect(mentionOptions(mentionables, 'Nord').map((o) => o.insert)).toEqual(['ola.nordmann']);
    expect(mentionOptions(mentionables, 'kari').map((o) => o.insert)).toEqual(['udvalg']);
    expect(mentionOptions(mentionables, 'zz')).toEqual([]);
  });

  it('shows at most the limit', () => {
    expect(mentionOptions(mentionables, '', 2)).toHaveLength(2);
  });
});

describe('taking a choice', () => {
  it('replaces the @word with the mention and a space, and puts the caret after it', () => {
    const text = 'Kan @u svare?';
    const query = mentionQueryAt(text, 6)!;
    expect(insertMention(text, query, 'UD')).toEqual({ text: 'Kan @UD svare?', caret: 8 });
    const end = mentionQueryAt('Hei @ol', 7)!;
    expect(insertMention('Hei @ol', end, 'ola.nordmann')).toEqual({ text: 'Hei @ola.nordmann ', caret: 18 });
  });
});

describe('names that name nobody', () => {
  it('reads mentions as the server does: @UDD is a name, @UD and @jd.ola a ministry, an address nothing', () => {
    expect(unknownMentions('@UDD og @UD, se post@udd.no og @jd.ola', mentionables)).toEqual(['UDD']);
    expect(unknownMentions('@ola.nordmann, @Koordinator.', mentionables)).toEqual([]);
    expect(unknownMentions('@Ukjent og @ukjent og @UDD', mentionables)).toEqual(['Ukjent', 'UDD']);
  });

  it('counts only what an edit adds, and nothing while it is not known who can be mentioned', () => {
    expect(unknownMentions('@UDD og @Ukjent', mentionables, 'Gammel @udd')).toEqual(['Ukjent']);
    expect(unknownMentions('@UDD', null)).toEqual([]);
  });
});
