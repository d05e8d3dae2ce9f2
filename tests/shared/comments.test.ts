import { describe, expect, it } from 'vitest';
import { mentionsIn, waitingFor, type CommentAuthor } from '../../shared/comments.js';

const jd: CommentAuthor = { username: 'jd', name: 'Redaktør JD', ministry: 'JD' };
const hod: CommentAuthor = { username: 'hod', name: 'Redaktør HOD', ministry: 'HOD' };
const koordinator: CommentAuthor = { username: 'koordinator', name: 'Koordinator', ministry: null };

describe('mentions', () => {
  it('finds ministry codes after @, in any case, once each, and nothing else', () => {
    expect(mentionsIn('@JD, kan dere legge inn tallene for 2011? Og @hod også. @JD!')).toEqual(['JD', 'HOD']);
    expect(mentionsIn('e-post til post@jd.dep.no')).toEqual([]);
    expect(mentionsIn('@JDX og @Kari')).toEqual([]);
    expect(mentionsIn('(@KRD)')).toEqual(['KRD']);
  });
});

describe('waiting for', () => {
  it('a mentioned ministry is waited for until someone of it answers', () => {
    const asked = [{ author: koordinator, body: '@JD @HOD: er tallet riktig?' }];
    expect(waitingFor(asked, false)).toEqual(['JD', 'HOD']);
    const jdAnswered = [...asked, { author: jd, body: 'Ja, det stemmer.' }];
    expect(waitingFor(jdAnswered, false)).toEqual(['HOD']);
    expect(waitingFor([...jdAnswered, { author: hod, body: 'Enig.' }], false)).toEqual([]);
  });

  it('asked again after answering, a ministry is waited for again; a resolved thread waits for nobody', () => {
    const thread = [
      { author: koordinator, body: '@JD?' },
      { author: jd, body: 'Svar.' },
      { author: koordinator, body: '@JD, en ting til.' },
    ];
    expect(waitingFor(thread, false)).toEqual(['JD']);
    expect(waitingFor(thread, true)).toEqual([]);
  });

  it('mentioning your own ministry does not make it wait for itself', () => {
    expect(waitingFor([{ author: jd, body: 'Notat til @JD selv.' }], false)).toEqual([]);
  });
});
