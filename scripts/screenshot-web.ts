// Takes the picture of the page in the README and docs/http.md: serves it in
// process, opens it in headless chromium, types a query and saves a PNG.
// `--help` is its documentation.
//
//   node dist/scripts/screenshot-web.js                       # docs/screenshot.png of 'cjk'
//   node dist/scripts/screenshot-web.js --query 'cat face' --output test-output/cat.png
//   node dist/scripts/screenshot-web.js --query 'cat face' --char 1F638 --output /tmp/cat-detail.png

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CharIndex } from '../src/index/charIndex.js';
import { startHttpServer } from '../src/http/server.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/browser.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const options = await yargs(hideBin(process.argv))
  .scriptName('node dist/scripts/screenshot-web.js')
  .usage('$0 [options]\n\nSaves a screenshot of the web page showing the results of a query, as a person would type it.')
  .option('query', { type: 'string', default: 'cjk', describe: 'what to type in the search box' })
  .option('output', { type: 'string', default: 'docs/screenshot.png', describe: 'where to save the PNG (relative to the repository)' })
  .option('char', { type: 'string', describe: "then open this entry's detail view, by its URL's char= (1F638, 1F1EB-1F1F7)" })
  .option('width', { type: 'number', default: 1200 })
  .option('height', { type: 'number', default: 760 })
  .strict()
  .help()
  .parseAsync();

const server = await startHttpServer({ host: '127.0.0.1', port: 0, index: CharIndex.load() });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: options.width, height: options.height } });
  await page.goto(`http://127.0.0.1:${server.address.port}/`);
  await page.locator('#q').pressSequentially(options.query, { delay: 40 });
  await page.locator('#tiles li').first().waitFor();
  await page.waitForFunction((query) => new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search).get('q') === query, options.query);
  // The first tile focused from the keyboard, and the pointer away from the tiles.
  await page.keyboard.press('ArrowDown');
  await page.mouse.move(0, 0);
  if (options.char !== undefined) {
    await page.goto(`http://127.0.0.1:${server.address.port}/?${new URLSearchParams({ q: options.query, char: options.char })}`);
    await page.locator('#detail .detail-properties').waitFor();
    await page.locator('#tiles li').first().waitFor();
  }
  const output = resolve(REPO_ROOT, options.output);
  mkdirSync(dirname(output), { recursive: true });
  await page.screenshot({ path: output });
  const shown = options.char === undefined ? '' : `, ${await page.locator('#detail-title').textContent()}`;
  console.log(`${options.query}: ${await page.locator('#count').textContent()}${shown} → ${output}`);
} finally {
  await browser.close();
  await server.close();
}
