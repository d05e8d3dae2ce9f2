import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's package puts Chromium. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Chromium builds Playwright may have left in its cache, newest first. */
function playwrightBrowsers(): string[] {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((dir) => dir.startsWith('chromium'))
    .sort()
    .reverse()
    .flatMap((dir) => [join(cache, dir, 'chrome-linux', 'chrome'), join(cache, dir, 'chrome-linux', 'headless_shell')]);
}

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set, else Debian's, else one
 * Playwright downloaded earlier; null when there is none. Nothing is ever downloaded here.
 */
export function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return [DEBIAN_CHROMIUM, ...playwrightBrowsers()].find((path) => existsSync(path)) ?? null;
}
