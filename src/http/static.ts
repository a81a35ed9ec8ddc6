/**
 * The page's files, read into memory once when the server starts: a few
 * small files, each sent with its content type and an ETag of its bytes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { PACKAGE_ROOT } from '../about.js';

/** Where `npm run build` puts the page: compiled scripts beside the copied HTML and CSS. */
export const DEFAULT_WEB_ROOT = join(PACKAGE_ROOT, 'dist', 'browser', 'web');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** URL path → file; `/` is index.html. */
export function loadStaticFiles(root: string = DEFAULT_WEB_ROOT): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(root)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) continue;
    const body = readFileSync(join(root, name));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    files.set(`/${name}`, { body, contentType, etag });
  }
  const page = files.get('/index.html');
  if (!page) throw new Error(`no index.html in ${root}: run npm run build`);
  files.set('/', page);
  return files;
}
