import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SessionResponseSchema, type SessionUser } from '../../shared/auth.js';
import { DEBIAN_CHROMIUM, findChromium } from './chromium.js';
import { TEST_PASSWORD } from './server.js';
import { waitFor } from './waitFor.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');

/** The Chromium to drive (tests/helpers/chromium.ts); no tool may download a browser here. */
export const CHROMIUM_PATH = findChromium() ?? DEBIAN_CHROMIUM;
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The seeded round (the embedded default). */
export const ROUND_ID = 'statusrapport-2012-02';
export const overviewPath = (roundId = ROUND_ID): string => `/runder/${roundId}`;
export const measurePath = (number: number, roundId = ROUND_ID): string => `/runder/${roundId}/tiltak/${number}`;

/** Where the client keeps this browser's caret colour (client/src/presence.ts). */
export const COLOR_KEY = 'samskriv.color';

/**
 * The demo accounts of a fresh server: the coordinator, and one editor per ministry named by
 * the ministry's code in lower case.
 */
export type DemoUsername = 'koordinator' | 'ud' | 'jd' | 'bld' | 'fd' | 'hod' | 'ad' | 'krd';

export interface PersonOptions {
  /** For screenshot and log names; defaults to the username. */
  label?: string;
  /** Caret colour to start with (`#rrggbb`), so a test knows what the others should see. */
  color?: string;
  /** For an account a test made itself; the demo accounts have TEST_PASSWORD. */
  password?: string;
  /** 'block': no service worker, so that `page.route` sees every request of the app's own files. */
  serviceWorkers?: 'allow' | 'block';
}

export interface Person {
  /** For screenshot and log names. */
  label: string;
  /** Who the person signed in as (the server's answer), or null when not signed in. */
  user: SessionUser | null;
  /** The caret colour the person was given, when the test chose one. */
  color: string | null;
  /** The origin this person loads the app from (the server, or a TCP proxy in front of it). */
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests, for diagnosing a failed test. */
  log: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Signs the context in as `username` through the API, with the context's own request client
 * (which shares the cookie jar with its pages). Returns the server's view of the user.
 */
export async function signInByApi(
  context: BrowserContext,
  baseUrl: string,
  username: string,
  password: string = TEST_PASSWORD,
): Promise<SessionUser> {
  const response = await context.request.post(`${baseUrl}/api/session`, {
    data: { username, password },
    // What a browser's form post from the app would carry; the server checks it on writes.
    headers: { origin: new URL(baseUrl).origin },
  });
  if (response.status() !== 200) {
    throw new Error(`signing in as ${username} answered ${response.status()}: ${await response.text()}`);
  }
  return SessionResponseSchema.parse(await response.json()).user;
}

/**
 * One simulated person: a fresh browser context (no shared cookies, BroadcastChannel,
 * IndexedDB, localStorage or service worker with anyone else) and one page. With a username,
 * the context is signed in as that demo account before any page loads; without one, the app
 * shows its sign-in page.
 */
export async function newPerson(
  browser: Browser,
  baseUrl: string,
  username?: DemoUsername | (string & {}),
  { label, color, password, serviceWorkers = 'allow' }: PersonOptions = {},
): Promise<Person> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, locale: 'nb-NO', serviceWorkers });
  if (color) {
    await context.addInitScript(
      ({ key, value }) => {
        // Only on the first document: the colour is then the browser's own, as in real use.
        if (!window.localStorage.getItem(key)) window.localStorage.setItem(key, value);
      },
      { key: COLOR_KEY, value: color },
    );
  }
  let user: SessionUser | null = null;
  try {
    if (username) user = await signInByApi(context, baseUrl, username, password);
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
  const page = await context.newPage();
  const log: string[] = [];
  const stamp = (): string => new Date().toISOString().slice(11, 23);
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') log.push(`${stamp()} console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => log.push(`${stamp()} pageerror: ${error.stack ?? error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) log.push(`${stamp()} HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  page.on('requestfailed', (request) =>
    log.push(`${stamp()} requestfailed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  let closed = false;
  return {
    label: label ?? username ?? 'signed out',
    user,
    color: color ?? null,
    baseUrl,
    context,
    page,
    log,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
    },
  };
}

/** Saves a full-page PNG under test-artifacts/screenshots/; never throws (the page may be gone). */
export async function screenshot(page: Page, name: string): Promise<string | null> {
  const file = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  try {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
    return file;
  } catch {
    return null;
  }
}

/**
 * For afterEach: on a failed test, a screenshot of every person's page and their browser log
 * on stderr; then every person is closed.
 */
export async function finishPeople(
  people: Person[],
  task: { name: string; result?: { state?: string } | undefined },
): Promise<void> {
  const failed = task.result?.state === 'fail';
  for (const person of people) {
    if (failed) {
      const file = await screenshot(person.page, `FAILED ${task.name} - ${person.label}`);
      const lines = [`--- ${person.label} (${person.baseUrl}) at ${person.page.url()}; screenshot: ${file ?? 'none'}`];
      lines.push(...(person.log.length ? person.log.slice(-40) : ['(no browser errors logged)']));
      console.error(lines.join('\n'));
    }
    await person.close();
  }
  people.length = 0;
}

// --- in-page state ------------------------------------------------------------------------

/** The editor's text via the client's test hook (`window.__samskrivEditor`); undefined when no editor is mounted. */
export async function editorText(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () => (window as unknown as { __samskrivEditor?: { text(): string } }).__samskrivEditor?.text() ?? undefined,
  );
}

export interface ConnectionState {
  state: string | null;
  unsynced: string | null;
}

/** The header's connection indicator: `data-state` and `data-unsynced` (nulls when absent). */
export async function connectionState(page: Page): Promise<ConnectionState> {
  return page.evaluate(() => {
    const element = document.querySelector('[data-testid="connection-state"]');
    return { state: element?.getAttribute('data-state') ?? null, unsynced: element?.getAttribute('data-unsynced') ?? null };
  });
}

/** Waits until the connection indicator shows `state` (and `unsynced`, when given). */
export async function waitForConnection(
  page: Page,
  state: 'connected' | 'connecting' | 'offline',
  { unsynced, timeoutMs = 20_000, who = '' }: { unsynced?: boolean; timeoutMs?: number; who?: string } = {},
): Promise<void> {
  let last: ConnectionState = { state: null, unsynced: null };
  try {
    await waitFor(
      async () => {
        last = await connectionState(page);
        return last.state === state && (unsynced === undefined || last.unsynced === String(unsynced));
      },
      { timeoutMs, what: `${who} connection-state data-state="${state}"${unsynced === undefined ? '' : ` data-unsynced="${unsynced}"`}` },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message} (last seen: data-state=${last.state} data-unsynced=${last.unsynced})`, { cause: error });
  }
}

/**
 * Opens a measure page and waits until its editor is mounted, connected and has nothing
 * unsynced, and (when `expectText` is true) shows text, i.e. has loaded the stored narrative.
 */
export async function openMeasure(person: Person, number: number, { expectText = false } = {}): Promise<void> {
  await person.page.goto(measurePath(number));
  await waitFor(async () => (await editorText(person.page)) !== undefined, {
    timeoutMs: 20_000,
    what: `${person.label}: window.__samskrivEditor on measure ${number}`,
  });
  await waitForConnection(person.page, 'connected', { unsynced: false, who: person.label });
  if (expectText) {
    await waitFor(async () => ((await editorText(person.page)) ?? '').trim().length > 0, {
      what: `${person.label}: measure ${number}'s stored narrative in the editor`,
    });
  }
}

/** The username the header says is signed in, or null when nobody is shown. */
export async function signedInUsername(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('[data-testid="signed-in-user"]')?.getAttribute('data-username') ?? null);
}

/** Waits until the header names `username` as signed in (and the sign-in page is gone). */
export async function waitForSignedIn(page: Page, username: string, who = ''): Promise<void> {
  let seen: string | null = null;
  await waitFor(
    async () => {
      seen = await signedInUsername(page);
      return seen === username && !(await isSignInPageShown(page));
    },
    { timeoutMs: 15_000, what: `${who} header naming "${username}" as signed in` },
  ).catch((error: Error) => {
    throw new Error(`${error.message} (header shows ${JSON.stringify(seen)})`);
  });
}

/** Whether the sign-in form is on screen. */
export async function isSignInPageShown(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const form = document.querySelector('[data-testid="sign-in-form"]');
    return form instanceof HTMLElement && form.offsetParent !== null;
  });
}

/** Waits until the sign-in page shows and nothing of the app's pages is visible. */
export async function waitForSignInPage(page: Page, who = ''): Promise<void> {
  await waitFor(
    async () =>
      (await isSignInPageShown(page)) &&
      (await page.evaluate(
        () =>
          document.querySelector('[data-testid="signed-in-user"]') === null &&
          Array.from(document.querySelectorAll('main')).filter((main) => main.offsetParent !== null).length === 1,
      )),
    { timeoutMs: 15_000, what: `${who} the sign-in page, alone` },
  );
}

/** Signs in through the sign-in page's form. */
export async function signInWithForm(page: Page, username: string, password: string = TEST_PASSWORD): Promise<void> {
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Brukernavn', { exact: true }).fill(username);
  await form.getByLabel('Passord', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Logg inn' }).click();
}

/** Waits until the sign-in page's error summary says `text`, and returns all it says; the failure tells what it said. */
export async function waitForSignInError(page: Page, text: string): Promise<string> {
  const summary = page.getByTestId('sign-in-error');
  let said = '';
  await waitFor(
    async () => {
      said = (await summary.count()) === 1 ? await summary.innerText() : '';
      return said.includes(text);
    },
    { what: `the error summary says "${text}"` },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; it says ${JSON.stringify(said)}`);
  });
  return said;
}

/** Clicks into the narrative editor and puts the caret at the end of the document. */
export async function focusEditorEnd(page: Page): Promise<void> {
  await page.locator('[data-testid="narrative-editor"] .ProseMirror').click();
  await page.keyboard.press('Control+End');
}

/**
 * Selects the first occurrence of `text` (inside one text node) in the narrative editor, as a
 * mouse drag leaves it: focus in the editor, a DOM selection that ProseMirror picks up. Throws
 * when the text is not there.
 */
export async function selectEditorText(page: Page, text: string): Promise<void> {
  await page.locator('[data-testid="narrative-editor"] .ProseMirror').focus();
  const found = await page.evaluate((wanted) => {
    const root = document.querySelector('[data-testid="narrative-editor"] .ProseMirror');
    if (!root) return false;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      return true;
    }
    return false;
  }, text);
  if (!found) throw new Error(`"${text}" is not in one text node of the editor`);
}

/**
 * Comments the selected passage through the UI: "Kommenter", the text, "Send". Returns the new
 * thread's id, read from the panel once the thread shows there.
 */
export async function commentOnSelection(page: Page, body: string, { who = '' }: { who?: string } = {}): Promise<string> {
  const button = page.getByTestId('comment-selection');
  await waitFor(async () => (await button.getAttribute('aria-disabled')) === null, {
    what: `${who} "Kommenter" enabled by the selection`,
  });
  const before = await threadIds(page);
  await button.click();
  const form = page.getByTestId('new-thread-form');
  await form.getByRole('textbox').fill(body);
  await form.getByRole('button', { name: 'Send' }).click();
  return waitFor(
    async () => (await threadIds(page)).find((id) => !before.includes(id)),
    { what: `${who} the new thread in the panel` },
  );
}

/** The ids of the threads in the measure page's panel, in order. */
export async function threadIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="thread"]', (elements) => elements.map((element) => element.getAttribute('data-thread-id') ?? ''));
}

/** Waits until the editor's text satisfies `check`; the error names the last text seen. */
export async function waitForEditorText(
  page: Page,
  check: (text: string) => boolean,
  { what, timeoutMs = 15_000 }: { what: string; timeoutMs?: number },
): Promise<string> {
  let last: string | undefined;
  try {
    await waitFor(
      async () => {
        last = await editorText(page);
        return last !== undefined && check(last);
      },
      { what, timeoutMs },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}\n  last editor text: ${JSON.stringify(last)}`, { cause: error });
  }
  return last!;
}

/** How many times `needle` occurs in `haystack`. */
export function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** '#0062ba' → 'rgb(0, 98, 186)', as getComputedStyle and CSSOM write colours. */
export function hexToRgb(hex: string): string {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [match[1]!, match[2]!, match[3]!].map((part) => parseInt(part, 16));
  return `rgb(${r}, ${g}, ${b})`;
}

// --- axe-core -----------------------------------------------------------------------------

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; failureSummary: string }[];
}

let axeSource: string | null = null;
function axeScript(): string {
  if (axeSource === null) {
    const main = createRequire(import.meta.url).resolve('axe-core');
    axeSource = readFileSync(join(dirname(main), 'axe.min.js'), 'utf8');
  }
  return axeSource;
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the whole document; returns the violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // Evaluated through the DevTools protocol: an inline <script> tag would be refused by the
  // app's Content-Security-Policy.
  if (!hasAxe) await page.evaluate(axeScript());
  return page.evaluate(async () => {
    interface AxeResult {
      id: string;
      impact?: string | null;
      help: string;
      helpUrl: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))),
        failureSummary: node.failureSummary ?? '',
      })),
    }));
  });
}

/** Violations as readable lines: id, impact, help, and every target. */
export function formatViolations(violations: AxeViolation[]): string {
  if (violations.length === 0) return 'no axe violations';
  return violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact ?? '?'}): ${violation.help} <${violation.helpUrl}>\n` +
        violation.nodes.map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary.replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
}
