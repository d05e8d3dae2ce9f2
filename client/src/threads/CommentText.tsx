import { mentionsIn } from '../../../shared/comments.js';
import { MINISTRIES } from '../../../shared/ministries.js';

/**
 * `@word` not glued to a letter, digit or underscore on either side; whether the word is a
 * ministry code (any case) is `mentionsIn`'s call, the server's own rule.
 */
const CANDIDATE = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;

/** A comment's text with its `@JD` mentions marked, line breaks kept. */
export function CommentText({ body }: { body: string }) {
  const parts: (string | { code: keyof typeof MINISTRIES; text: string })[] = [];
  let last = 0;
  for (const match of body.matchAll(CANDIDATE)) {
    const [code] = mentionsIn(match[0]);
    if (!code || match[0].length !== code.length + 1) continue;
    parts.push(body.slice(last, match.index), { code, text: match[0] });
    last = match.index + match[0].length;
  }
  parts.push(body.slice(last));
  return (
    <p className="comment__body">
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <mark key={i} className="mention" data-mention={part.code} title={MINISTRIES[part.code]}>
            {part.text}
          </mark>
        ),
      )}
    </p>
  );
}
