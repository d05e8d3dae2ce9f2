import { Hono } from 'hono';
import { mentionable } from '../../shared/mentions.js';
import { MINISTRIES, MINISTRY_CODES } from '../../shared/ministries.js';
import type { Mentionables } from '../../shared/mentionables.js';
import type { AppEnv } from '../auth/http.js';
import type { ServerContext } from '../context.js';
import { loadRound } from '../domain/loaders.js';

/**
 * `GET /api/rounds/:roundId/mentionables`: whom a comment in the round can mention (`@`
 * autocomplete): the ministries responsible for its measures, and every enabled account that
 * `@username` names (not `jd`: `@jd` mentions the ministry JD, and its people with it).
 */
export function mentionableRoutes(ctx: ServerContext): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/api/rounds/:roundId/mentionables', async (c) => {
    const round = await loadRound(ctx.store, c.req.param('roundId'));
    const responsible = new Set((await ctx.store.listMeasures(round.id)).flatMap((m) => m.ministries));
    const people = (await ctx.store.listUsers())
      .filter((account) => !account.disabled && mentionable(account.username))
      .map((account) => ({ username: account.username, name: account.name, ministry: account.ministry }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nb') || a.username.localeCompare(b.username));
    const answer: Mentionables = {
      ministries: MINISTRY_CODES.filter((code) => responsible.has(code)).map((code) => ({ code, name: MINISTRIES[code] })),
      people,
    };
    return c.json(answer);
  });
}
