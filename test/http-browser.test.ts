/**
 * The page in a real browser (headless chromium): type `cjk`, scroll, get
 * more tiles; copy with the mouse and the keyboard; Back; a phone's width.
 * No wait here counts on an idle machine: each is for a condition or an
 * event (support/browser.ts gives them one generous limit), and what a test
 * holds back it holds on a gate it opens itself, never for a fixed time.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Request } from 'playwright-core';
import type { RunningHttpServer } from '../src/http/server.js';
import { baseUrl, startTestHttpServer } from './support/http.js';
import { loadIndex } from './support/server.js';
import { BROWSER_TEST_TIMEOUT_MS, browserMissing, eventually, gate, launchBrowser, nextFrames, screenshotPath, type Browser } from './support/browser.js';
import { nameOrAliasMatches } from './support/nameMatches.js';

const skip = browserMissing() ?? false;
const CJK_COUNT = 103_204;
const timeout = BROWSER_TEST_TIMEOUT_MS;
/** More than the page's pause before a typed query is searched (src/web/main.ts). */
const DEBOUNCE_MS = 300;

let server: RunningHttpServer;
let base: string;
let browser: Browser;
/** Trouble the page ran into: console errors, uncaught exceptions, requests leaving this server, dialogs. */
const trouble: string[] = [];

before(async () => {
  if (skip) return;
  // The default limits, rate limit included: the page must live within them.
  server = await startHttpServer();
  base = baseUrl(server);
  browser = await launchBrowser();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

function startHttpServer(): Promise<RunningHttpServer> {
  return startTestHttpServer({ limits: { requestsPerSecond: 20 } });
}

async function openPage(path = '/'): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') trouble.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => trouble.push(`page error: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(base + '/')) trouble.push(`request elsewhere: ${request.url()}`);
  });
  page.on('dialog', (dialog) => {
    trouble.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  const response = await page.goto(base + path);
  assert.equal(response?.status(), 200);
  return page;
}

async function countRow(page: Page): Promise<string> {
  return ((await page.locator('#count').textContent()) ?? '').trim();
}

/** Matches fetched so far, as the count row says. */
async function loaded(page: Page): Promise<number> {
  const [fetched] = (await countRow(page)).split(' of ');
  return Number(fetched.replaceAll(',', '')) || 0;
}

/** The position (1-based) of the last tile in the document. */
async function lastTilePosition(page: Page): Promise<number> {
  const tiles = page.locator('#tiles li');
  if ((await tiles.count()) === 0) return 0;
  return Number(await tiles.last().getAttribute('aria-posinset'));
}

async function focusedCode(page: Page): Promise<string> {
  return (await page.locator('.tile:focus .code').textContent()) ?? '';
}

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
}

/** Waits for a wheel's smooth scrolling to end: the page stays where it is across two frames. */
async function settled(page: Page): Promise<void> {
  const scrollY = () => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
  await eventually('scrolling to stop', async () => {
    const before = await scrollY();
    await nextFrames(page);
    return (await scrollY()) === before;
  });
}

function codeOf(position: number): string {
  const index = loadIndex();
  const cp = index.codePoint(nameOrAliasMatches(index, ['cjk'])[position - 1]);
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

test('type cjk, scroll three times: more tiles arrive, the count row keeps up, Back restores the query', { skip, timeout }, async () => {
  const page = await openPage();
  // Pages of cjk answered. Not every search request: typing on a busy machine can pause longer than the
  // debounce, and then `c` and `cj` are searched too (as they should be).
  let searches = 0;
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname === '/api/search' && url.searchParams.get('q') === 'cjk' && response.status() === 200) searches++;
  });

  await page.locator('#q').pressSequentially('cjk', { delay: 60 });
  await eventually('the first cjk page', async () => (await countRow(page)).endsWith(`of ${CJK_COUNT.toLocaleString('en-US')}`));
  assert.equal(page.url(), `${base}/?q=cjk`);
  assert.equal(await page.title(), 'cjk — charfinder');
  const first = page.locator('#tiles li').first();
  assert.equal(await first.locator('.code').textContent(), 'U+2E80');
  assert.equal(await first.locator('.name').textContent(), 'CJK RADICAL REPEAT');
  assert.equal(await first.locator('.glyph').textContent(), '⺀');

  await page.mouse.move(640, 400);
  for (let scroll = 1; scroll <= 3; scroll++) {
    const fetchedBefore = await loaded(page);
    const lastBefore = await lastTilePosition(page);
    // On the third scroll, the next page is held back until the loading row has been seen.
    const held = gate();
    if (scroll === 3) {
      await page.route('**/api/search?*', async (route) => {
        await held.opened;
        await route.continue();
      });
    }
    await page.mouse.wheel(0, 20_000);
    if (scroll === 3) {
      await eventually('the loading row', () => page.locator('#loading').isVisible());
      held.open();
      await page.unrouteAll({ behavior: 'wait' });
    }
    await eventually(`more tiles after scroll ${scroll}`, async () => (await loaded(page)) > fetchedBefore && (await lastTilePosition(page)) > lastBefore);
    await eventually('the loading row to go', async () => !(await page.locator('#loading').isVisible()));
  }

  // Each page fetched is 100 more in the count row, once the last answer is in.
  await eventually('the count row to match the pages fetched', async () => {
    return (await countRow(page)) === `${(searches * 100).toLocaleString('en-US')} of ${CJK_COUNT.toLocaleString('en-US')}`;
  });
  assert.ok(searches >= 4, `at least four pages after three scrolls (${searches})`);
  // The tiles in the document are the right characters for their positions.
  const shown = await page.locator('#tiles li').evaluateAll((cells) =>
    cells.map((cell) => [Number(cell.getAttribute('aria-posinset')), cell.querySelector('.code')?.textContent ?? ''] as const),
  );
  assert.ok(shown.length > 0);
  for (const [position, code] of shown) assert.equal(code, codeOf(position), `tile ${position}`);
  assert.ok((await page.locator('#tiles li').count()) < 400, 'only the rows near the screen are in the document');
  await settled(page);
  await page.screenshot({ path: screenshotPath('web-cjk.png') });

  // A new query: typed in two goes, it is still one history entry. A burst of typing ends 1.5 s after the
  // last key, so the page's clock is held while the test types: a busy machine cannot stretch the pause
  // between the goes past that. The clock moves only by the debounce after each go.
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially('cat', { delay: 30 });
  await page.clock.runFor(DEBOUNCE_MS);
  await page.waitForURL(`${base}/?q=cat`);
  await page.locator('#q').pressSequentially(' face', { delay: 30 });
  await page.clock.runFor(DEBOUNCE_MS);
  await eventually('cat face results', async () => (await countRow(page)) === '11 of 11');
  assert.equal(page.url(), `${base}/?q=cat+face`);
  await page.clock.resume();
  await eventually('the cat face tiles', async () => (await page.locator('#tiles li').count()) === 11);

  await page.goBack();
  await eventually('cjk again after Back', async () => (await countRow(page)).endsWith(`of ${CJK_COUNT.toLocaleString('en-US')}`));
  assert.equal(page.url(), `${base}/?q=cjk`);
  assert.equal(await page.locator('#q').inputValue(), 'cjk');
  assert.equal(await page.locator('#tiles li').first().locator('.code').textContent(), 'U+2E80');

  await page.goForward();
  await eventually('cat face again after Forward', async () => (await countRow(page)) === '11 of 11');
  await page.close();
  assert.deepEqual(trouble, []);
});

test('a link with ?q= shows its results; a click copies; so do Enter and Space on a focused tile', { skip, timeout }, async () => {
  const page = await openPage('/?q=cat+face');
  await eventually('cat face results', async () => (await countRow(page)) === '11 of 11');
  assert.equal(await page.locator('#q').inputValue(), 'cat face');

  await page.locator('#tiles li', { hasText: 'U+1F63A' }).click();
  await eventually('the copy note', async () => (await page.locator('#toast').textContent()) === 'Copied 😺 U+1F63A');
  assert.equal(await clipboard(page), '😺');

  // Keyboard alone: from the search box down into the grid (to the tile last used), Home, Enter; on, Space; Escape back.
  await page.locator('#q').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedCode(page), 'U+1F63A');
  await page.keyboard.press('Home');
  assert.equal(await focusedCode(page), 'U+1F431');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedCode(page), 'U+1F638');
  await page.keyboard.press('Enter');
  await eventually('the copy note for Enter', async () => (await page.locator('#toast').textContent()) === 'Copied 😸 U+1F638');
  assert.equal(await clipboard(page), '😸');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await eventually('the copy note for Space', async () => (await page.locator('#toast').textContent()) === 'Copied 😹 U+1F639');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id), 'q');
  // Tab from the box reaches the grid in one step: one tab stop for all the tiles, the last one used.
  await page.keyboard.press('Tab');
  assert.equal(await focusedCode(page), 'U+1F639');
  await page.keyboard.press('End');
  assert.equal(await focusedCode(page), 'U+1F42F');
  await page.close();
  assert.deepEqual(trouble, []);
});

test('an answer to an older query is dropped when it arrives after a newer one', { skip, timeout }, async () => {
  const page = await openPage();
  // The cjk answer is held until the rook results are drawn: it arrives after the newer one however slow the machine.
  const rookShown = gate();
  await page.route('**/api/search?q=cjk*', async (route) => {
    await rookShown.opened;
    await route.continue().catch(() => {}); // aborted by the page: nobody wants it any more
  });
  const cjkAsked = page.waitForRequest((request) => request.url().includes('q=cjk'));
  await page.locator('#q').fill('cjk');
  const cjk = await cjkAsked;
  const cjkEnded = new Promise<void>((resolve) => {
    const ended = (request: Request) => request === cjk && resolve();
    page.on('requestfinished', ended).on('requestfailed', ended);
  });
  await page.locator('#q').fill('rook');
  await eventually('rook results', async () => (await countRow(page)) === '25 of 25');
  rookShown.open();
  await cjkEnded;
  await page.unrouteAll({ behavior: 'wait' });
  await nextFrames(page); // had the page taken the late answer, it would have drawn it by now
  assert.equal(await countRow(page), '25 of 25');
  assert.equal(await page.locator('#tiles li').count(), 25);
  await page.close();
  assert.deepEqual(trouble, []);
});

test('names and queries are shown as text: markup in a query stays text', { skip, timeout }, async () => {
  const page = await openPage();
  const markup = '<img src=x onerror=alert(1)>';
  await page.locator('#q').fill(markup);
  await eventually('no match', async () => (await countRow(page)) === `No match for “${markup}”`);
  assert.equal(await page.locator('img').count(), 0);
  await page.close();
  assert.deepEqual(trouble, []);
});

test('at a phone width: tiles in columns, nothing wider than the screen', { skip, timeout }, async () => {
  const page = await openPage('/?q=chess');
  await page.setViewportSize({ width: 375, height: 740 });
  await eventually('chess results', async () => (await countRow(page)).endsWith(' of 125'));
  const overflow = await page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  assert.equal(overflow, 0, 'no sideways scrolling');
  const boxes = await Promise.all([0, 1, 2, 3].map((i) => page.locator('#tiles li').nth(i).boundingBox()));
  assert.equal(boxes[0]!.y, boxes[1]!.y, 'at least two tiles a row');
  assert.ok(boxes[0]!.width >= 90, 'tiles stay large enough to read');
  await page.screenshot({ path: screenshotPath('web-phone.png') });
  await page.close();
  assert.deepEqual(trouble, []);
});

test('a match by alias shows the alias; an invisible character shows a labelled box', { skip, timeout }, async () => {
  const page = await openPage('/?q=bom');
  // 36 as typed, 2 more through keywords that fold to `bom` (search/expansions.ts).
  await eventually('bom results', async () => (await countRow(page)) === '38 of 38');
  const bom = page.locator('#tiles li', { hasText: 'U+FEFF' });
  assert.equal(await bom.locator('.matched').textContent(), '[BOM]');
  assert.equal(await bom.locator('.glyph').textContent(), 'Cf');
  assert.equal(await bom.locator('.glyph').getAttribute('class'), 'glyph blank');
  await bom.click();
  await eventually('the copy note', async () => (await page.locator('#toast').textContent()) === 'Copied \uFEFF U+FEFF');
  assert.equal(await clipboard(page), '\uFEFF');
  await page.close();
  assert.deepEqual(trouble, []);
});
