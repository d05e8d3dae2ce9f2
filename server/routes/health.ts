import { Hono } from 'hono';
import type { z } from 'zod';
import type { HealthSchema, ReadinessSchema } from '../../shared/api.js';

/** How long the store may take to answer the readiness check before the server counts as not ready. */
export const READINESS_TIMEOUT_MS = 2_000;

/**
 * `GET /api/health`: the process is up and answering (liveness). `GET /api/health/ready`: the
 * store answers a read within READINESS_TIMEOUT_MS and the server is not shutting down (503
 * otherwise), for a load balancer or an orchestrator to send people here or not.
 */
export function healthRoutes(ready: () => Promise<void> = async () => undefined): Hono {
  return new Hono()
    .get('/api/health', (c) => c.json({ ok: true } satisfies z.infer<typeof HealthSchema>))
    .get('/api/health/ready', async (c) => {
      c.header('Cache-Control', 'no-store');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the store did not answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
      });
      try {
        await Promise.race([ready(), timeout]);
        return c.json({ ok: true, store: 'ok' } satisfies z.infer<typeof ReadinessSchema>);
      } catch (error) {
        return c.json({ ok: false, store: error instanceof Error ? error.message : String(error) } satisfies z.infer<typeof ReadinessSchema>, 503);
      } finally {
        clearTimeout(timer);
      }
    });
}
