import { Hono } from 'hono';
import type { z } from 'zod';
import type { HealthSchema } from '../../shared/api.js';

/** `GET /api/health`: the process is up and answering. */
export function healthRoutes(): Hono {
  return new Hono().get('/api/health', (c) => c.json({ ok: true } satisfies z.infer<typeof HealthSchema>));
}
