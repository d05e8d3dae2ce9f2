import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's package puts Chromium. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The executable inside one of Playwright's `chromium*` cache folders: Chrome for Testing's
 * layouts (`chromium-<rev>/chrome-linux64/chrome`, `chromium_headless_shell-<rev>/
 * chrome-headless-shell-linux64/chrome-headless-shell`, as the pinned playwright-core installs
 * them), then the older Chromium builds' (`chrome-linux/chrome`, `chrome-linux/headless_shell`).
 */
const PLAYWRIGHT_EXECUTABLES = [
  ['chrome-linux64', 'chrome'],
  ['chrome-linux-arm64', 'chrome'],
  ['chrome-headless-shell-linux64', 'chrome-headless-shell'],
  ['chrome-headless-shell-linux-arm64', 'chrome-headless-shell'],
  ['chrome-linux', 'chrome'],
  ['chrome-linux', 'headless_shell'],
];

/** Chromium builds Playwright may have left in its cache, newest revision first. */
function playwrightBrowsers(): string[] {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .filter((dir) => dir.startsWith('chromium'))
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
    .flatMap((dir) => PLAYWRIGHT_EXECUTABLES.map((parts) => join(cache, dir, ...parts)));
}

/** Where a Chromium may be, in order: `debian` (Debian's unless told), then Playwright's cache. */
export function chromiumCandidates(debian: string | null = DEBIAN_CHROMIUM): string[] {
  return [...(debian === null ? [] : [debian]), ...playwrightBrowsers()];
}

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set, else the first of `candidates`
 * that exists (Debian's, else one Playwright downloaded earlier); null when there is none.
 * Nothing is ever downloaded here.
 */
export function findChromium(candidates: readonly string[] = chromiumCandidates()): string | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return candidates.find((path) => existsSync(path)) ?? null;
}
