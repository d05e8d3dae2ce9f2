import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chromiumCandidates, DEBIAN_CHROMIUM, findChromium } from '../helpers/chromium.js';

/** The browser tests' Chromium lookup (tests/helpers/chromium.ts) against a Playwright cache laid out in a temporary folder. */
describe('findChromium in a Playwright cache', () => {
  let cache: string;

  /** Puts an empty executable at `path` below the cache and answers its full path. */
  function install(path: string): string {
    const file = join(cache, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    chmodSync(file, 0o755);
    return file;
  }

  /** Looks in the cache only: no CHROMIUM_PATH, Debian's left out. */
  function found(): string | null {
    return findChromium(chromiumCandidates(null));
  }

  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'samskriv-playwright-'));
    vi.stubEnv('PLAYWRIGHT_BROWSERS_PATH', cache);
    vi.stubEnv('CHROMIUM_PATH', undefined);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(cache, { recursive: true, force: true });
  });

  it('finds Chrome for Testing as the pinned playwright-core installs it (chrome-linux64/chrome)', () => {
    const chrome = install('chromium-1255/chrome-linux64/chrome');
    expect(found()).toBe(chrome);
  });

  it('finds the headless shell alone (chromium_headless_shell-<rev>/chrome-headless-shell-linux64)', () => {
    const shell = install('chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell');
    expect(found()).toBe(shell);
  });

  it('still finds the older layouts (chrome-linux/chrome, chrome-linux/headless_shell)', () => {
    const chrome = install('chromium-1148/chrome-linux/chrome');
    expect(found()).toBe(chrome);
    rmSync(chrome);
    const shell = install('chromium_headless_shell-1148/chrome-linux/headless_shell');
    expect(found()).toBe(shell);
  });

  it('takes the newest revision, by number', () => {
    install('chromium-999/chrome-linux/chrome');
    const newest = install('chromium-1255/chrome-linux64/chrome');
    expect(found()).toBe(newest);
  });

  it('answers null for an empty cache, or one that is not there', () => {
    expect(found()).toBeNull();
    rmSync(cache, { recursive: true });
    expect(found()).toBeNull();
  });

  it("puts Debian's Chromium first unless told otherwise, and CHROMIUM_PATH before all", () => {
    const chrome = install('chromium-1255/chrome-linux64/chrome');
    expect(chromiumCandidates()[0]).toBe(DEBIAN_CHROMIUM);
    expect(chromiumCandidates()).toContain(chrome);
    vi.stubEnv('CHROMIUM_PATH', '/opt/elsewhere/chrome');
    expect(found()).toBe('/opt/elsewhere/chrome');
  });
});
