import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/**
 * The Node response behind a Hono context, as @hono/node-server passes it (`c.env.outgoing`):
 * destroying it cuts a response off mid-body, which the client sees as a failed download rather
 * than a short one. Undefined when the app is asked without a Node server (`app.request`).
 */
export function outgoingOf(c: Context): ServerResponse | undefined {
  return (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
}
