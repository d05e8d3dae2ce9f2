import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ServerOptions } from '../../server/app.js';
import { finishPeople, launchBrowser, newPerson, type DemoUsername, type Person, type PersonOptions } from './browser.js';
import { Late } from './late.js';
import { startTestServer, type TestServer } from './server.js';
import { startTcpProxy, type TcpProxy } from './tcpProxy.js';

export interface BrowserSuiteOptions {
  /** startTestServer's options, e.g. a short `deadlineCheckIntervalMs`. */
  server?: Partial<ServerOptions>;
  /**
   * A TCP proxy in front of the server: another origin, whose network a test can cut. It is
   * started first and added to the server's `allowedOrigins`, and restored after each test.
   */
  proxy?: boolean;
}

export interface SuitePersonOptions extends PersonOptions {
  /** Where the person loads the app from: the suite's server unless given (`proxy.url`, another server's `url`). */
  baseUrl?: string;
}

export interface BrowserSuite {
  /** A fresh test server, one per suite: started before the suite's own beforeAll hooks run. */
  server: TestServer;
  /** Chromium, one per suite. */
  browser: Browser;
  /** The TCP proxy in front of the server (with `proxy: true`). */
  proxy: TcpProxy;
  /**
   * A person (newPerson) in the suite's Chromium; closed after the test, with a screenshot and
   * their browser log on stderr when it failed.
   */
  person: (username?: DemoUsername | (string & {}), options?: SuitePersonOptions) => Promise<Person>;
}

/**
 * The browser tests' one fixture. Called at the top of a `describe`, it registers the hooks that
 * start a test server (and a proxy, if asked) and Chromium before the suite's tests and close
 * them after, and hands out what the tests use. `server`, `browser` and `proxy` may be
 * destructured at once; they are there from beforeAll on.
 */
export function browserSuite({ server: serverOptions = {}, proxy: withProxy = false }: BrowserSuiteOptions = {}): BrowserSuite {
  const server = new Late<TestServer>('no test server yet: it starts in beforeAll');
  const browser = new Late<Browser>('no browser yet: it starts in beforeAll');
  const proxy = new Late<TcpProxy>(withProxy ? 'no proxy yet: it starts in beforeAll' : 'no proxy: browserSuite({ proxy: true }) starts one');
  const people: Person[] = [];

  beforeAll(async () => {
    let allowedOrigins = serverOptions.allowedOrigins;
    if (withProxy) {
      // The proxy is another origin: the server must know it before it starts.
      proxy.value = await startTcpProxy(() => server.get().port);
      allowedOrigins = [...(allowedOrigins ?? []), proxy.value.url];
    }
    server.value = await startTestServer({ ...serverOptions, ...(allowedOrigins ? { allowedOrigins } : {}) });
    browser.value = await launchBrowser();
  });
  afterEach(async ({ task }) => {
    await finishPeople(people, task);
    proxy.value?.restore();
  });
  afterAll(async () => {
    await proxy.value?.close();
    await browser.value?.close();
    await server.value?.stop();
  });

  return {
    server: server.ref,
    browser: browser.ref,
    proxy: proxy.ref,
    person: async (username, { baseUrl, ...options } = {}) => {
      const person = await newPerson(browser.get(), baseUrl ?? server.get().url, username, options);
      people.push(person);
      return person;
    },
  };
}
