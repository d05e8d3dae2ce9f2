import { mentionTokens } from '../../../shared/mentions.js';
import { MINISTRIES, type MinistryCode } from '../../../shared/ministries.js';

type Part = string | { ministry: MinistryCode; text: string } | { username: string; text: string };

/**
 * A comment's text with its mentions marked, line breaks kept: `@JD` (a ministry, named in the
 * tooltip) and `@ola.nordmann` (a person), read by `mentionTokens`, the server's own rule. The
 * server refuses a comment that names an unknown person, so a posted person's mention is someone.
 */
export function CommentText({ body }: { body: string }) {
  const parts: Part[] = [];
  let last = 0;
  for (const token of mentionTokens(body)) {
    const text = body.slice(token.index, token.index + token.length);
    parts.push(body.slice(last, token.index), token.ministry !== null ? { ministry: token.ministry, text } : { username: token.username ?? token.written, text });
    last = token.index + token.length;
  }
  parts.push(body.slice(last));
  return (
    <p className="comment__body">
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : 'ministry' in part ? (
          <mark key={i} className="mention" data-mention={part.ministry} title={MINISTRIES[part.ministry]}>
            {part.text}
          </mark>
        ) : (
          <mark key={i} className="mention mention--person" data-mention-person={part.username}>
            {part.text}
          </mark>
        ),
      )}
    </p>
  );
}
