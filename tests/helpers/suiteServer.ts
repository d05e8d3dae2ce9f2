import { afterAll, beforeAll } from 'vitest';
import type { ServerOptions } from '../../server/app.js';
import { Late } from './late.js';
import { startTestServer, type TestServer } from './server.js';

/**
 * For a `describe`: a test server (startTestServer) started before the describe's own beforeAll
 * hooks and stopped after its afterAll hooks. It is returned at once, to be used from the hooks
 * and tests on.
 */
export function suiteServer(options: Partial<ServerOptions> = {}): TestServer {
  const server = new Late<TestServer>('no test server yet: it starts in beforeAll');
  beforeAll(async () => {
    server.value = await startTestServer(options);
  });
  afterAll(async () => {
    await server.value?.stop();
  });
  return server.ref;
}
