import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { formatViolations, runAxe, screenshot } from './browser.js';

/** The phone the browser tests hold the app to. */
export const PHONE = { width: 390, height: 844 };

/** Nothing wider than the window: the page never pans sideways. */
export async function expectNoSidewaysPanning(page: Page, what: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${what}: document width ${scrollWidth} in a window ${innerWidth} wide`).toBeLessThanOrEqual(innerWidth);
}

/** No axe violations on the page as it is; a screenshot named `shot` either way. */
export async function expectNoViolations(page: Page, what: string, shot: string): Promise<void> {
  const violations = await runAxe(page);
  await screenshot(page, shot);
  expect(violations, `${what}: ${formatViolations(violations)}`).toEqual([]);
}
