/**
 * The page in a real browser (headless chromium): type `cjk`, scroll, get
 * more tiles; copy with the mouse and the keyboard; Back; a phone's width;
 * the detail view, opened from a tile and from a shared URL.
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
import { answerCodePoints } from './support/nameMatches.js';

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
    // A 429 is the rate limit at work, and the page waits its Retry-After and asks again; how many a
    // run meets depends on how busy the machine is (search time is charged too), so it is no trouble.
    if (message.type() === 'error' && !/status of 429\b/.test(message.text())) trouble.push(`console: ${message.text()} ${message.location().url}`);
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
  const cp = answerCodePoints(loadIndex(), 'cjk')[position - 1];
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `27 of 27`: the count row of a query's answer, as the engine answers it (with the browser's English). */
function countOf(line: string): number {
  return answerCodePoints(loadIndex(), line).length;
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
  // Ranked: the engine's first answer (🈚, an emoji that CLDR names, then the common ideographs).
  const first = page.locator('#tiles li').first();
  const firstCp = parseInt(codeOf(1).slice(2), 16);
  assert.equal(await first.locator('.code').textContent(), codeOf(1));
  assert.equal(await first.locator('.name').textContent(), loadIndex().name(loadIndex().indexOf(firstCp)));
  assert.equal(await first.locator('.glyph').textContent(), String.fromCodePoint(firstCp));

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
  assert.equal(await page.locator('#tiles li').first().locator('.code').textContent(), codeOf(1));

  await page.goForward();
  await eventually('cat face again after Forward', async () => (await countRow(page)) === '11 of 11');
  await page.close();
  assert.deepEqual(trouble, []);
});

test("a link with ?q= shows its results; a tile's corner button copies; so do C and Ctrl+C on a focused tile", { skip, timeout }, async () => {
  const page = await openPage('/?q=cat+face');
  await eventually('cat face results', async () => (await countRow(page)) === '11 of 11');
  assert.equal(await page.locator('#q').inputValue(), 'cat face');

  await page.locator('#tiles li', { hasText: 'U+1F63A' }).locator('.tile-copy').click();
  await eventually('the copy note', async () => (await page.locator('#toast').textContent()) === 'Copied 😺 U+1F63A');
  assert.equal(await clipboard(page), '😺');
  assert.equal(await page.locator('#detail').getAttribute('open'), null, 'copying opens no view');

  // Keyboard alone: from the search box down into the grid (to the tile last used), Home, C; on, Ctrl+C; Escape back.
  await page.locator('#q').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focusedCode(page), 'U+1F63A');
  // The tiles in the order the engine ranks them.
  const [first, second, third] = answerCodePoints(loadIndex(), 'cat face').map((cp) => ({ code: `U+${cp.toString(16).toUpperCase()}`, char: String.fromCodePoint(cp) }));
  await page.keyboard.press('Home');
  assert.equal(await focusedCode(page), first.code);
  await page.keyboard.press('ArrowRight');
  assert.equal(await focusedCode(page), second.code);
  await page.keyboard.press('c');
  await eventually('the copy note for C', async () => (await page.locator('#toast').textContent()) === `Copied ${second.char} ${second.code}`);
  assert.equal(await clipboard(page), second.char);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Control+c');
  await eventually('the copy note for Ctrl+C', async () => (await page.locator('#toast').textContent()) === `Copied ${third.char} ${third.code}`);
  assert.equal(await clipboard(page), third.char);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id), 'q');
  // Tab from the box reaches the grid in one step: one tab stop for all the tiles, the last one used.
  await page.keyboard.press('Tab');
  assert.equal(await focusedCode(page), third.code);
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
  await eventually('rook results', async () => (await countRow(page)) === `${countOf('rook')} of ${countOf('rook')}`);
  rookShown.open();
  await cjkEnded;
  await page.unrouteAll({ behavior: 'wait' });
  await nextFrames(page); // had the page taken the late answer, it would have drawn it by now
  const rooks = countOf('rook');
  assert.equal(await countRow(page), `${rooks} of ${rooks}`);
  assert.equal(await page.locator('#tiles li').count(), rooks);
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
  await eventually('chess results', async () => (await countRow(page)).endsWith(` of ${countOf('chess')}`));
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
  await eventually('bom results', async () => (await countRow(page)) === `${countOf('bom')} of ${countOf('bom')}`);
  const bom = page.locator('#tiles li', { hasText: 'U+FEFF' });
  assert.equal(await bom.locator('.matched').textContent(), '[BOM]');
  assert.equal(await bom.locator('.glyph').textContent(), 'Cf');
  assert.equal(await bom.locator('.glyph').getAttribute('class'), 'glyph blank');
  await bom.locator('.tile-copy').click();
  await eventually('the copy note', async () => (await page.locator('#toast').textContent()) === 'Copied \uFEFF U+FEFF');
  assert.equal(await clipboard(page), '\uFEFF');
  await page.close();
  assert.deepEqual(trouble, []);
});

async function detailOpen(page: Page): Promise<boolean> {
  return page.locator('#detail').evaluate((dialog) => (dialog as unknown as { open: boolean }).open);
}

async function detailTitle(page: Page): Promise<string> {
  return (await page.locator('#detail-title').textContent()) ?? '';
}

/** The view's definition of a term (the first, when it has several). */
async function detailValue(page: Page, term: string): Promise<string> {
  const dt = page.locator('#detail dt', { hasText: new RegExp(`^${term}$`) }).first();
  return (await dt.locator('xpath=following-sibling::dd[1]').textContent()) ?? '';
}

async function focusInDetail(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as { document: { activeElement: { closest(selector: string): unknown } } }).document.activeElement.closest('#detail') !== null);
}

test('Enter on a tile opens its detail view at a URL of its own; Escape and Back close it, Forward reopens it; its buttons copy', { skip, timeout }, async () => {
  const page = await openPage('/?q=cat+face');
  await eventually('cat face results', async () => (await countRow(page)) === '11 of 11');
  let searches = 0;
  page.on('request', (request) => {
    if (request.url().includes('/api/search')) searches++;
  });
  // To 😸 by the keyboard: from the search box into the grid, then Right until it has the focus.
  await page.locator('#q').focus();
  await page.keyboard.press('ArrowDown');
  const position = answerCodePoints(loadIndex(), 'cat face').indexOf(0x1f638);
  for (let k = 0; k < position; k++) await page.keyboard.press('ArrowRight');
  assert.equal(await focusedCode(page), 'U+1F638');
  await page.keyboard.press('Enter');

  await page.waitForURL(`${base}/?q=cat+face&char=1F638`);
  await eventually('the view of 😸', async () => (await detailTitle(page)) === 'GRINNING CAT FACE WITH SMILING EYES');
  assert.ok(await detailOpen(page));
  assert.ok(await focusInDetail(page), 'the focus moves into the view');
  assert.equal(await page.title(), 'GRINNING CAT FACE WITH SMILING EYES — charfinder');
  assert.equal(await page.locator('#detail .detail-glyph').textContent(), '😸');
  assert.equal(await detailValue(page, 'Block'), 'Emoticons');
  assert.equal(await detailValue(page, 'Age'), 'Unicode 6.0');
  assert.equal(await detailValue(page, 'CLDR name \\(en\\)'), 'grinning cat with smiling eyes');
  assert.equal(await page.locator('#detail dt', { hasText: 'UTF-8' }).locator('xpath=following-sibling::dd[1]/code').textContent(), 'F0 9F 98 B8');
  await settled(page);
  await page.screenshot({ path: screenshotPath('web-detail-cat.png') });

  await page.locator('#detail').getByRole('button', { name: 'Copy UTF-8', exact: true }).click();
  await eventually('the UTF-8 copied', async () => (await clipboard(page)) === 'F0 9F 98 B8');
  await page.locator('#detail').getByRole('button', { name: 'Copy JavaScript', exact: true }).click();
  await eventually('the escape copied', async () => (await clipboard(page)) === '\\u{1F638}');
  await page.locator('#detail .detail-copy.primary').click();
  await eventually('the character copied', async () => (await clipboard(page)) === '😸');

  // Escape goes back in history: the results' URL, the focus on the tile it came from, no new search.
  await page.keyboard.press('Escape');
  await page.waitForURL(`${base}/?q=cat+face`);
  await eventually('the view to close', async () => !(await detailOpen(page)));
  assert.equal(await focusedCode(page), 'U+1F638');
  assert.equal(await page.title(), 'cat face — charfinder');

  await page.goForward();
  await eventually('the view again after Forward', async () => (await detailOpen(page)) && (await detailTitle(page)) === 'GRINNING CAT FACE WITH SMILING EYES');
  assert.equal(page.url(), `${base}/?q=cat+face&char=1F638`);
  await page.goBack();
  await eventually('the view to close after Back', async () => !(await detailOpen(page)));
  assert.equal(page.url(), `${base}/?q=cat+face`);
  assert.equal(await focusedCode(page), 'U+1F638');
  assert.equal(await countRow(page), '11 of 11');
  assert.equal(searches, 0, 'opening and closing the view keeps the results');

  // A click opens it too; the close button closes it.
  await page.locator('#tiles li', { hasText: 'U+1F63B' }).locator('.tile').click();
  await page.waitForURL(`${base}/?q=cat+face&char=1F63B`);
  await eventually('the view of 😻', async () => (await detailTitle(page)) === 'SMILING CAT FACE WITH HEART-SHAPED EYES');
  await page.locator('#detail').getByRole('button', { name: 'Close', exact: true }).click();
  await page.waitForURL(`${base}/?q=cat+face`);
  await eventually('the view to close', async () => !(await detailOpen(page)));
  await page.close();
  assert.deepEqual(trouble, []);
});

test('a shared URL opens its detail view: ❤ copies as ❤️, cross-references open their own view, a flag sequence shows its code points', { skip, timeout }, async () => {
  const page = await openPage('/?q=heavy+black+heart&char=2764');
  await eventually('the view of ❤', async () => (await detailTitle(page)) === 'HEAVY BLACK HEART');
  assert.ok(await focusInDetail(page));
  assert.equal(await detailValue(page, 'Emoji form'), '❤️ (U+2764 U+FE0F)');
  await page.locator('#detail').getByRole('button', { name: 'Copy ❤️', exact: true }).click();
  await eventually('the emoji form copied', async () => (await clipboard(page)) === '\u2764\uFE0F');
  assert.equal(await page.locator('#toast').textContent(), 'Copied ❤️ U+2764 U+FE0F');
  await page.locator('#detail').getByRole('button', { name: 'Copy text form ❤', exact: true }).click();
  await eventually('the text form copied', async () => (await clipboard(page)) === '\u2764');

  // A cross-reference is a link to its own view, one history entry further; Back returns to ❤.
  const suit = page.locator('#detail a.detail-link', { hasText: 'U+2665 BLACK HEART SUIT' });
  assert.equal(await suit.getAttribute('href'), '/?q=heavy+black+heart&char=2665');
  await suit.click();
  await page.waitForURL(`${base}/?q=heavy+black+heart&char=2665`);
  await eventually('the view of ♥', async () => (await detailTitle(page)) === 'BLACK HEART SUIT');
  await page.goBack();
  await eventually('the view of ❤ again', async () => (await detailTitle(page)) === 'HEAVY BLACK HEART');

  // Opened from a link, Escape leaves the view for the results at the same entry of history; the tile copies ❤️ too.
  await page.keyboard.press('Escape');
  await page.waitForURL(`${base}/?q=heavy+black+heart`);
  await eventually('the view to close', async () => !(await detailOpen(page)));
  await eventually('the heart results', async () => (await countRow(page)) === '2 of 2');
  await page.locator('#tiles li', { hasText: 'U+2764' }).locator('.tile-copy').click();
  await eventually('the emoji form copied from the tile', async () => (await clipboard(page)) === '\u2764\uFE0F');

  // A sequence, with no query at all.
  await page.goto(`${base}/?char=1F1EB-1F1F7`);
  await eventually('the view of 🇫🇷', async () => (await detailTitle(page)) === 'FLAG: FRANCE');
  assert.equal(await detailValue(page, 'Kind'), 'flag sequence');
  assert.equal(await page.locator('#detail .detail-code').textContent(), 'U+1F1EB U+1F1F7');
  assert.equal(await page.locator('#detail .detail-briefs a').count(), 2);
  await page.locator('#detail .detail-copy.primary').click();
  await eventually('the flag copied', async () => (await clipboard(page)) === '🇫🇷');
  await settled(page);
  await page.screenshot({ path: screenshotPath('web-detail-flag.png') });
  await page.locator('#detail .detail-briefs a').first().click();
  await page.waitForURL(`${base}/?char=1F1EB`);
  await eventually('the view of 🇫', async () => (await detailTitle(page)) === 'REGIONAL INDICATOR SYMBOL LETTER F');
  await page.keyboard.press('Escape');
  await page.waitForURL(`${base}/?char=1F1EB-1F1F7`);
  await eventually('🇫🇷 again', async () => (await detailTitle(page)) === 'FLAG: FRANCE');

  // Not an entry id: no view, the page as it is.
  await page.goto(`${base}/?q=cat&char=not-a-char`);
  await eventually('cat results', async () => (await loaded(page)) > 0);
  assert.ok(!(await detailOpen(page)));
  await page.close();
  assert.deepEqual(trouble, []);
});
