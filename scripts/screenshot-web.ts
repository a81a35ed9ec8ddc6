// Takes the README's picture of the page: serves it in process, opens it in
// headless chromium, types a query and saves a PNG. `--help` is its documentation.
//
//   node dist/scripts/screenshot-web.js                       # docs/screenshot.png of 'cjk'
//   node dist/scripts/screenshot-web.js --query 'cat face' --output test-output/cat.png

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
  const output = resolve(REPO_ROOT, options.output);
  mkdirSync(dirname(output), { recursive: true });
  await page.screenshot({ path: output });
  console.log(`${options.query}: ${await page.locator('#count').textContent()} → ${output}`);
} finally {
  await browser.close();
  await server.close();
}
