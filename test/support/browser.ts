/**
 * Debian's chromium, driven headless by playwright-core: a fresh profile
 * each time, nothing fetched from the network but the page under test.
 *
 * Every wait is on a condition or an event, with one generous limit: CI
 * shares its machine, and a busy machine makes the page slow, not wrong
 * (issue 10: a 10 s wait for the count row timed out with both cores busy).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Where tests leave screenshots (gitignored). */
export const TEST_OUTPUT = new URL('../../../test-output/', import.meta.url);

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

/** Why browser tests cannot run here, or null. CI must have chromium: there a missing one fails rather than skips. */
export function browserMissing(): string | null {
  if (existsSync(CHROMIUM) || process.env.CI) return null;
  return `${CHROMIUM} is not installed (apt-get install -y chromium)`;
}

/**
 * How long any one wait may take before it fails: a wait for the page, for
 * Playwright's actions and navigations. Only a page that is stuck reaches it.
 */
export const WAIT_LIMIT_MS = 60_000;
/** A browser test's own limit: room for several slow waits, still an end for a hang. */
export const BROWSER_TEST_TIMEOUT_MS = 5 * WAIT_LIMIT_MS;

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'charfinder-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  context.setDefaultTimeout(WAIT_LIMIT_MS);
  context.setDefaultNavigationTimeout(WAIT_LIMIT_MS);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  return new URL(name, TEST_OUTPUT).pathname;
}

/** Polls until `check` holds; fails with `what` after `ms`. */
export async function eventually(what: string, check: () => Promise<boolean>, ms = WAIT_LIMIT_MS): Promise<void> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (await check()) return;
    if (performance.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A page's next two frames: whatever its tasks had queued is drawn by then. */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const frame = (globalThis as unknown as { requestAnimationFrame(callback: () => void): void }).requestAnimationFrame;
        frame(() => frame(() => resolve()));
      }),
  );
}

/** A gate a test holds shut (say, on a request) and opens once it has seen what it waited for. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
