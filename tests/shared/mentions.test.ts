import { describe, expect, it } from 'vitest';
import { mentionsIn } from '../../shared/comments.js';
import { mentionable, mentionsAdded, mentionsOf, mentionTokens } from '../../shared/mentions.js';

describe('mentions of ministries and people', () => {
  it('reads ministries as before, people by username in any case, each once, in order', () => {
    const body = '@JD og @Ola.Nordmann: kan dere se på dette? @jd @ola.nordmann. Spør også @kari-m!';
    expect(mentionsOf(body)).toEqual({ ministries: ['JD'], people: ['ola.nordmann', 'kari-m'] });
    expect(mentionsIn(body)).toEqual(['JD']);
  });

  it('a ministry code wins where a name starts with it; a longer word is a name (unknown or not)', () => {
    expect(mentionsOf('@JD-ene og @jd.ola')).toEqual({ ministries: ['JD'], people: [] });
    expect(mentionsOf('@UDD og @JDX og @Kari')).toEqual({ ministries: [], people: ['udd', 'jdx', 'kari'] });
    expect(mentionsIn('@UDD og @JDX og @Kari')).toEqual([]);
  });

  it('an @ inside a word, an address or a link mentions nobody; brackets and quotes are fine', () => {
    expect(mentionsOf('post@jd.dep.no, https://eksempel.no/@ola og @2012')).toEqual({ ministries: [], people: [] });
    expect(mentionsOf('(@ola) «@kari» "@per" [@KRD]')).toEqual({ ministries: ['KRD'], people: ['ola', 'kari', 'per'] });
    // A ministry keeps its old, wider rule: any non-word character before it.
    expect(mentionsOf('/@HOD')).toEqual({ ministries: ['HOD'], people: [] });
  });

  it('gives each mention’s place and spelling, without trailing punctuation', () => {
    const body = 'Hei @Ola. Og @hod, og @per-';
    expect(mentionTokens(body)).toEqual([
      { index: 4, length: 4, written: 'Ola', ministry: null, username: 'ola' },
      { index: 13, length: 4, written: 'hod', ministry: 'HOD', username: null },
      { index: 22, length: 4, written: 'per', ministry: null, username: 'per' },
    ]);
    for (const token of mentionTokens(body)) expect(body.slice(token.index + 1, token.index + token.length)).toBe(token.written);
  });

  it('an edit’s new mentions are those the old text did not have', () => {
    expect(mentionsAdded('@JD @ola', '@ola @JD @HOD @kari')).toEqual({ ministries: ['HOD'], people: ['kari'] });
    expect(mentionsAdded('@JD', 'Bare tekst')).toEqual({ ministries: [], people: [] });
  });

  it('a username is mentionable when @username names exactly it', () => {
    expect(mentionable('ola.nordmann')).toBe(true);
    expect(mentionable('koordinator')).toBe(true);
    expect(mentionable('jd')).toBe(false);
    expect(mentionable('jd.ola')).toBe(false);
    expect(mentionable('ola-')).toBe(false);
  });
});
