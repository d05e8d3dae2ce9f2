import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUND } from '../../server/seed/buildRoundSeed.js';
import { api } from '../helpers/session.js';
import { suiteServer } from '../helpers/suiteServer.js';

const DIST_INDEX = fileURLToPath(new URL('../../dist/index.html', import.meta.url));

/** A Content-Security-Policy header as directive → its sources. */
function directives(header: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe("the app's pages are served under a strict Content-Security-Policy", () => {
  const server = suiteServer({ publicUrl: 'https://rapport.example.no' });

  it('the index page and a client route: own scripts only, own websockets, nothing inline or evaluated', async () => {
    for (const path of ['/', `/runder/${DEFAULT_ROUND.id}/tiltak/3`, '/sw.js']) {
      const response = await api(server, path);
      expect(response.status, path).toBe(200);
      const csp = directives(response.headers.get('content-security-policy'));
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('script-src'), path).toEqual(["'self'"]);
      expect(csp.get('style-src'), path).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('base-uri'), path).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('form-action'), path).toEqual(["'self'"]);
      expect(csp.get('worker-src'), path).toEqual(["'self'"]);
      // Connections: the page's own origin and the websockets of the server's own origins.
      const connect = csp.get('connect-src') ?? [];
      expect(connect[0], path).toBe("'self'");
      expect(connect, path).toEqual(
        expect.arrayContaining([`ws://127.0.0.1:${server.port}`, `ws://localhost:${server.port}`, 'wss://rapport.example.no']),
      );
      // No IPv6 literal: the grammar has none, and Chromium ignores such a source with an error.
      expect(connect.filter((s) => s.includes('[')), path).toEqual([]);
      for (const sources of csp.values()) {
        expect(sources.filter((s) => s === "'unsafe-eval'" || s === '*' || s.startsWith('http:') || s === 'https:')).toEqual([]);
      }
    }
  });

  it('the built index.html has no inline script (dist/, built before the tests)', () => {
    const html = readFileSync(DIST_INDEX, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('the HTML export keeps its own, stricter policy', async () => {
    const response = await api(server, `/api/rounds/${DEFAULT_ROUND.id}/export.html`);
    expect(response.status).toBe(200);
    const csp = directives(response.headers.get('content-security-policy'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.has('script-src')).toBe(false);
  });
});
