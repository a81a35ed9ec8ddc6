/** The page's files over real HTTP: types, a strict Content-Security-Policy, nothing inline, ETags. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { httpServerForThisFile } from './support/http.js';

const served = httpServerForThisFile();

test('GET / is the page, with a CSP that allows this server only and nothing inline', async () => {
  for (const path of ['/', '/?q=cat+face', '/?q=cat+face&char=1F638', '/?char=1F1EB-1F1F7']) {
    const response = await fetch(served.base + path);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    assert.match(csp, /^default-src 'self';/);
    assert.doesNotMatch(csp, /unsafe|data:|http/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const html = await response.text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/, 'no inline script');
    assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/, 'no inline style or handler');
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'nothing from elsewhere');
  }
});

test('scripts, style sheet and icon are served with their types; unknown paths are 404', async () => {
  const types: Record<string, string> = {
    '/main.js': 'text/javascript; charset=utf-8',
    '/tiles.js': 'text/javascript; charset=utf-8',
    '/detail.js': 'text/javascript; charset=utf-8',
    '/app.css': 'text/css; charset=utf-8',
    '/favicon.svg': 'image/svg+xml',
  };
  for (const [path, type] of Object.entries(types)) {
    const response = await fetch(served.base + path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-type'), type, path);
  }
  for (const path of ['/main.js', '/tiles.js', '/detail.js']) {
    const script = await (await fetch(served.base + path)).text();
    assert.doesNotMatch(script, /innerHTML|insertAdjacentHTML|document\.write/, `${path}: names are set as text`);
  }
  for (const path of ['/nothing.js', '/../package.json', '/%2e%2e/package.json', '/http/wire.js']) {
    assert.equal((await fetch(served.base + path)).status, 404, path);
  }
});

test('files are revalidated by ETag: 304 on If-None-Match; HEAD has headers and no body', async () => {
  const first = await fetch(`${served.base}/app.css`);
  const etag = first.headers.get('etag')!;
  assert.equal(first.headers.get('cache-control'), 'public, no-cache');
  const again = await fetch(`${served.base}/app.css`, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  const head = await fetch(`${served.base}/`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
  assert.ok(Number(head.headers.get('content-length')) > 0);
});
