/**
 * A browser's part in a redirect dance, with fetch: cookies kept per origin (name and value;
 * what a test needs of a cookie jar), redirects followed by hand, so that a test can stop at any
 * step (the provider's answer on its way back to Samskriv) and change or replay it.
 */
export class RedirectDance {
  private readonly jars = new Map<string, Map<string, string>>();

  /** The cookie `name` this browser holds for `origin`. */
  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(new URL(origin).origin)?.get(name);
  }

  /** `name=value` of Samskriv's session cookie for `origin`, as the API helpers take it ('' for none). */
  sessionCookie(origin: string): string {
    const value = this.cookie(origin, 'samskriv_session');
    return value === undefined ? '' : `samskriv_session=${value}`;
  }

  /** One request, with this browser's cookies for its origin; keeps the cookies the answer sets. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const gone = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()));
      if (gone) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /**
   * Follows redirects from `url` until an answer is not a redirect, or the next address
   * satisfies `stopAt` (then that address is returned, not fetched).
   */
  async follow(url: string, stopAt: (next: URL) => boolean = () => false): Promise<{ response: Response | null; url: string }> {
    let current = url;
    for (let hops = 0; hops < 20; hops++) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return { response, url: current };
      await response.body?.cancel();
      const next = new URL(location, current);
      if (stopAt(next)) return { response: null, url: next.href };
      current = next.href;
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  /** Posts a form (as a browser does), with this browser's cookies. */
  postForm(url: string, fields: Record<string, string>): Promise<Response> {
    return this.request(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  }
}

/**
 * Signs in at the test identity provider as `login`, starting from Samskriv's sign-in button,
 * and stops where the provider sends the browser back: returns that callback address (not yet
 * visited), so that the test decides what to do with it.
 */
export async function signInAtProvider(dance: RedirectDance, samskrivUrl: string, login: string, returnTo = '/'): Promise<string> {
  const isCallback = (next: URL): boolean => next.origin === new URL(samskrivUrl).origin && next.pathname === '/api/auth/oidc/callback';
  const toForm = await dance.follow(`${samskrivUrl}/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`, isCallback);
  // Already signed in at the provider: it answers at once.
  if (toForm.response === null) return toForm.url;
  const form = await toForm.response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(form)?.[1];
  if (!action) throw new Error(`no sign-in form at ${toForm.url} (HTTP ${toForm.response.status}): ${form.slice(0, 500)}`);
  const posted = await dance.postForm(new URL(action, toForm.url).href, { login });
  const location = posted.headers.get('location');
  if (location === null) throw new Error(`the provider did not take ${login}: HTTP ${posted.status} ${await posted.text()}`);
  const back = await dance.follow(new URL(location, toForm.url).href, isCallback);
  if (back.response !== null) throw new Error(`the provider did not send the browser back: HTTP ${back.response.status} at ${back.url}: ${(await back.response.text()).slice(0, 500)}`);
  return back.url;
}
