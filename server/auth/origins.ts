import { isIPv6 } from 'node:net';
import { isLoopbackHost } from './demoAccounts.js';
import type { RequestPolicy } from './http.js';

/** What decides which browser origins are the server's own, as the server was configured. */
export interface OriginSettings {
  /** The listen address (HOST). */
  host: string;
  /** PUBLIC_URL: the address people open, e.g. the reverse proxy's `https://rapport.example.no`. */
  publicUrl?: string | undefined;
  /** ALLOWED_ORIGINS: other sites' origins whose pages may write and open sockets. */
  allowedOrigins?: readonly string[] | undefined;
  /** TRUST_PROXY: believe X-Forwarded-For. */
  trustProxy?: boolean | undefined;
}

const LOOPBACK_ALIASES = ['localhost', '127.0.0.1', '[::1]'];

/** `host` as it appears in a URL (IPv6 in brackets), or null when it is no host at all. */
function urlHost(host: string): string | null {
  const bare = host.replace(/^\[|\]$/g, '');
  try {
    return new URL(`http://${isIPv6(bare) ? `[${bare}]` : bare}`).hostname;
  } catch {
    return null;
  }
}

/** True for HOST values that listen on every address (0.0.0.0, ::). */
export function isWildcardHost(host: string): boolean {
  const hostname = urlHost(host);
  return hostname === '0.0.0.0' || hostname === '[::]';
}

/** The origin of an http(s) URL; throws, naming the setting, for anything else. */
function httpOrigin(url: string, setting: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${setting}: ${url} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`${setting}: ${url} is not an http(s) URL`);
  return parsed.origin;
}

/**
 * The request policy of these settings, with PUBLIC_URL's origin and ALLOWED_ORIGINS; the
 * listen address's origins follow with `addListenOrigins` once the port is known. Refuses
 * (throws, naming PUBLIC_URL) settings where the server cannot know its own origin: listening
 * on every address, or behind a proxy, where the Host header is whatever the client sent.
 */
export function createRequestPolicy(settings: OriginSettings): RequestPolicy {
  const trustProxy = settings.trustProxy ?? false;
  if (settings.publicUrl === undefined) {
    if (isWildcardHost(settings.host)) {
      throw new Error(
        `refusing to listen on ${settings.host} without PUBLIC_URL: on every address the server cannot tell ` +
          'its own origin from another site\'s. Set PUBLIC_URL to the address people open ' +
          '(e.g. https://rapport.example.no), or HOST to one address.',
      );
    }
    if (trustProxy) {
      throw new Error(
        'refusing TRUST_PROXY=1 without PUBLIC_URL: behind a reverse proxy the server\'s own origin is the ' +
          'proxy\'s. Set PUBLIC_URL to the address people open (e.g. https://rapport.example.no).',
      );
    }
  }
  const publicOrigin = settings.publicUrl === undefined ? null : httpOrigin(settings.publicUrl, 'PUBLIC_URL');
  return {
    ownOrigins: new Set(publicOrigin === null ? [] : [publicOrigin]),
    allowedOrigins: (settings.allowedOrigins ?? []).map((origin) => httpOrigin(origin, 'ALLOWED_ORIGINS')),
    publicOrigin,
    trustProxy,
  };
}

/**
 * Adds the listen address's origins, `http://HOST:PORT` and, for a loopback HOST, the other
 * names of this machine on the same port; nothing for a wildcard HOST (PUBLIC_URL says it).
 */
export function addListenOrigins(policy: RequestPolicy, host: string, port: number): void {
  const hostname = urlHost(host);
  if (hostname === null || isWildcardHost(host)) return;
  const hosts = isLoopbackHost(host) ? [hostname, ...LOOPBACK_ALIASES] : [hostname];
  for (const name of hosts) policy.ownOrigins.add(new URL(`http://${name}:${port}`).origin);
}
