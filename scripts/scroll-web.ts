// Scrolls the page through every match of a query in headless chromium, as a
// fast reader would (a wheel turn every 50 ms), and prints one summary line:
// time to the last tile, pages, per-page time from asking to drawn, 429s,
// how often the reader caught up with the loading row, and the most tiles
// the document held. `--help` is its documentation.
//
//   node dist/scripts/scroll-web.js                    # cjk, the server's default rate limit
//   node dist/scripts/scroll-web.js --rate 0           # no rate limit

import { chromium } from 'playwright-core';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CharIndex } from '../src/index/charIndex.js';
import { DEFAULT_HTTP_LIMITS } from '../src/http/limits.js';
import { startHttpServer } from '../src/http/server.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/browser.js';

const options = await yargs(hideBin(process.argv))
  .scriptName('node dist/scripts/scroll-web.js')
  .usage('$0 [options]\n\nScrolls the web page through all the matches of a query and times it.')
  .option('query', { type: 'string', default: 'cjk' })
  .option('rate', { type: 'number', default: DEFAULT_HTTP_LIMITS.requestsPerSecond, describe: 'the server’s API requests per second per address (0: no limit)' })
  .option('wheel', { type: 'number', default: 2000, describe: 'pixels per wheel turn' })
  .option('interval', { type: 'number', default: 50, describe: 'milliseconds between wheel turns' })
  .option('timeout', { type: 'number', default: 600, describe: 'seconds before giving up' })
  .strict()
  .help()
  .parseAsync();

interface PageState {
  count: string;
  tiles: number;
  pages: number[];
  /** Whether the loading row is on the screen: the reader has caught up with the pages fetched. */
  waiting: boolean;
}

const server = await startHttpServer({ host: '127.0.0.1', port: 0, index: CharIndex.load(), limits: { requestsPerSecond: options.rate } });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let refused = 0;
  page.on('response', (response) => {
    if (response.status() === 429) refused++;
  });
  await page.goto(`http://127.0.0.1:${server.address.port}/`);
  await page.locator('#q').fill(options.query);
  await page.locator('#tiles li').first().waitFor();
  await page.mouse.move(640, 400);
  const state = (): Promise<PageState> =>
    page.evaluate(() => {
      interface Element {
        textContent: string;
        hidden: boolean;
        getBoundingClientRect(): { top: number };
      }
      const window = globalThis as unknown as {
        document: { querySelector(s: string): Element; querySelectorAll(s: string): { length: number } };
        performance: { getEntriesByName(n: string): { duration: number }[] };
        innerHeight: number;
      };
      const loading = window.document.querySelector('#loading');
      return {
        count: window.document.querySelector('#count').textContent,
        tiles: window.document.querySelectorAll('#tiles li').length,
        pages: window.performance.getEntriesByName('charfinder:page').map((entry) => entry.duration),
        waiting: !loading.hidden && loading.getBoundingClientRect().top < window.innerHeight,
      };
    });
  const started = performance.now();
  const deadline = started + options.timeout * 1000;
  let mostTiles = 0;
  let turns = 0;
  let waits = 0;
  let last: PageState;
  for (;;) {
    last = await state();
    mostTiles = Math.max(mostTiles, last.tiles);
    if (last.waiting) waits++;
    const [loaded, total] = last.count.split(' of ');
    if (loaded !== undefined && loaded === total) break;
    if (performance.now() > deadline) throw new Error(`not at the end after ${options.timeout} s: ${last.count}`);
    await page.mouse.wheel(0, options.wheel);
    turns++;
    await page.waitForTimeout(options.interval);
  }
  const seconds = (performance.now() - started) / 1000;
  const pages = [...last.pages].sort((a, b) => a - b);
  const at = (p: number) => pages[Math.min(pages.length - 1, Math.ceil((p / 100) * pages.length) - 1)].toFixed(1);
  console.log(
    `scrolled '${options.query}' to "${last.count}" in ${seconds.toFixed(1)} s (rate limit ${options.rate === 0 ? 'off' : `${options.rate}/s`}): ` +
      `${pages.length} pages, asked → drawn p50 ${at(50)} ms, p99 ${at(99)} ms, max ${pages.at(-1)!.toFixed(1)} ms; ` +
      `${refused} × 429; the loading row on screen at ${waits} of ${turns} wheel turns; at most ${mostTiles} tiles in the document`,
  );
} finally {
  await browser.close();
  await server.close();
}
