import { SessionResponseSchema } from '../../shared/auth.js';

/** The demo accounts' password in tests (startTestServer and spawnServer pass it). */
export const TEST_PASSWORD = 'test-password-123';

/** Where to reach the server, and as whom: a session cookie (`''` for nobody). */
export interface Target {
  readonly url: string;
  readonly cookie: string;
}

/** Signs in through `POST /api/session` and returns the session cookie. */
export async function signIn(url: string, username: string, password: string = TEST_PASSWORD): Promise<Target> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${username}: HTTP ${response.status} ${await response.text()}`);
  SessionResponseSchema.parse(await response.json());
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('samskriv_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { url, cookie: cookie.split(';')[0] ?? '' };
}

/** fetch against the target's server, with its session cookie. */
export function api(target: Target, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (target.cookie) headers.set('cookie', target.cookie);
  return fetch(`${target.url}${path}`, { ...init, headers });
}

/** A JSON PATCH, as the client sends it. */
export function patchJson(target: Target, path: string, body: unknown): Promise<Response> {
  return api(target, path, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
