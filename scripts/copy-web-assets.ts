/** Part of `npm run build`: puts the page's HTML, CSS and icon beside its compiled scripts in dist/browser/web/. */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS = new Set(['.html', '.css', '.svg']);
const source = fileURLToPath(new URL('../../src/web/', import.meta.url));
const target = fileURLToPath(new URL('../browser/web/', import.meta.url));

mkdirSync(target, { recursive: true });
const copied = readdirSync(source).filter((name) => ASSETS.has(extname(name)));
for (const name of copied) copyFileSync(join(source, name), join(target, name));
console.log(`web assets: ${copied.join(', ')} → ${target}`);
