import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CommentText } from '../../client/src/threads/CommentText.js';

const render = (body: string): string => renderToStaticMarkup(createElement(CommentText, { body }));

describe('a comment’s text', () => {
  it('marks ministries and people as the server reads them, and nothing in an address', () => {
    const html = render('@JD og @ola.nordmann, se post@jd.dep.no.');
    expect(html).toContain('<mark class="mention" data-mention="JD" title="Justis- og beredskapsdepartementet">@JD</mark>');
    expect(html).toContain('<mark class="mention mention--person" data-mention-person="ola.nordmann">@ola.nordmann</mark>, se post@jd.dep.no.');
  });

  it('leaves an unknown ministry-like word as a person’s mention, and text without mentions as it is', () => {
    expect(render('@UDD')).toContain('data-mention-person="udd"');
    expect(render('Ingen nevnt her.\nNy linje.')).toBe('<p class="comment__body">Ingen nevnt her.\nNy linje.</p>');
  });
});
