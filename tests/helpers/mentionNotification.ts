import type { AppNotification } from '../../shared/notifications.js';

/** JD's editor, who mentions. */
const jd = { username: 'jd', name: 'Redaktør JD', ministry: 'JD' as const };

/** A notification that JD's editor mentioned UD (or, with `via` null, the reader) in measure 5's thread `t<id>`. */
export function mention(id: string, readAt: string | null = null, via: 'UD' | null = 'UD'): AppNotification {
  return {
    kind: 'mention',
    id,
    createdAt: '2026-11-29T10:00:00.000Z',
    readAt,
    link: `/runder/r/tiltak/5#kommentar-t${id}`,
    roundId: 'r',
    roundTitle: 'Statusrapport februar 2012',
    measure: 5,
    measureTitle: 'Tiltak om ofre',
    threadId: `t${id}`,
    commentId: `c${id}`,
    by: jd,
    excerpt: '@UD kan dere svare?',
    via,
  };
}
