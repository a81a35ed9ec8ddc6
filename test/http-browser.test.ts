/**
 * The page in a real browser (headless chromium): type `cjk`, scroll, get
 * more tiles; copy with the mouse and the keyboard; Back; a phone's width.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { RunningHttpServer } from '../src/http/server.js';
import { baseUrl, startTestHttpServer } from './support/http.js';
import { loadIndex } from './support/server.js';
import { browserMissing, eventually, launchBrowser, screenshotPath, type Browser } from './support/browser.js';

const skip = browserMissing() ?? false;
const CJK_COUNT = 98_887;

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

/** Waits for a wheel's smooth scrolling to end (the page drawn where it stopped). */
async function settled(page: Page): Promise<void> {
  const scrollY = () => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
  let last = -1;
  await eventually('scrolling to stop', async () => {
    const now = await scrollY();
    const still = now === last;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 100));
    return still;
  });
}

function codeOf(position: number): string {
  const index = loadIndex();
  const cp = index.codePoint(index.search(['cjk'])[position - 1]);
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

test('type cjk, scroll three times: more tiles arrive, the count row keeps up, Back restores the query', { skip, timeout: 60_000 }, async () => {
  const page = await openPage();
  let searches = 0;
  page.on('request', (request) => {
    if (request.url().includes('/api/search?')) searches++;
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
    if (scroll === 3) {
      // Hold the next page back a little to see the loading row.
      await page.route('**/api/search?*', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await route.continue();
      });
    }
    await page.mouse.wheel(0, 20_000);
    if (scroll === 3) {
      await eventually('the loading row', () => page.locator('#loading').isVisible());
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

  // A new query: typed in two goes, it is still one history entry.
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially('cat', { delay: 30 });
  await eventually('cat results', async () => page.url() === `${base}/?q=cat`);
  await page.locator('#q').pressSequentially(' face', { delay: 30 });
  await eventually('cat face results', async () => (await countRow(page)) === '11 of 11');
  assert.equal(page.url(), `${base}/?q=cat+face`);
  assert.equal(await page.locator('#tiles li').count(), 11);

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

test('a link with ?q= shows its results; a click copies; so do Enter and Space on a focused tile', { skip, timeout: 30_000 }, async () => {
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

test('an answer to an older query is dropped when it arrives after a newer one', { skip, timeout: 30_000 }, async () => {
  const page = await openPage();
  await page.route('**/api/search?q=cjk*', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue().catch(() => {}); // aborted by the page: nobody wants it any more
  });
  await page.locator('#q').fill('cjk');
  await page.waitForRequest((request) => request.url().includes('q=cjk'));
  await page.locator('#q').fill('rook');
  await eventually('rook results', async () => (await countRow(page)) === '25 of 25');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(await countRow(page), '25 of 25');
  assert.equal(await page.locator('#tiles li').count(), 25);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.close();
  assert.deepEqual(trouble, []);
});

test('names and queries are shown as text: markup in a query stays text', { skip, timeout: 30_000 }, async () => {
  const page = await openPage();
  const markup = '<img src=x onerror=alert(1)>';
  await page.locator('#q').fill(markup);
  await eventually('no match', async () => (await countRow(page)) === `No match for “${markup}”`);
  assert.equal(await page.locator('img').count(), 0);
  await page.close();
  assert.deepEqual(trouble, []);
});

test('at a phone width: tiles in columns, nothing wider than the screen', { skip, timeout: 30_000 }, async () => {
  const page = await openPage('/?q=chess');
  await page.setViewportSize({ width: 375, height: 740 });
  await eventually('chess results', async () => (await countRow(page)).endsWith(' of 121'));
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

test('a match by alias shows the alias; an invisible character shows a labelled box', { skip, timeout: 30_000 }, async () => {
  const page = await openPage('/?q=bom');
  await eventually('bom results', async () => (await countRow(page)) === '35 of 35');
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
