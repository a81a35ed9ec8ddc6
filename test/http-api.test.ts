/** The JSON API over real HTTP: pages and cursors, limits, errors, one character, ETags. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CharInfo, ErrorReply, SearchPage, SequenceInfo } from '../src/http/wire.js';
import { CursorSigner } from '../src/http/cursor.js';
import { baseUrl, getJson, httpServerForThisFile, startTestHttpServer } from './support/http.js';
import { loadIndex } from './support/server.js';
import { answerCodePoints, nameOrAliasMatches } from './support/nameMatches.js';

const served = httpServerForThisFile();

function search(params: Record<string, string>, init?: RequestInit) {
  return getJson<SearchPage & ErrorReply>(`${served.base}/api/search?${new URLSearchParams(params)}`, init);
}

test("GET /api/search?q=cat+face: the book's 10 cats and a tiger by keyword, one page, each item as in the TCP JSON format", async () => {
  const { status, headers, body } = await search({ q: 'cat face' });
  assert.equal(status, 200);
  assert.equal(headers.get('content-type'), 'application/json; charset=utf-8');
  assert.equal(body.query, 'cat face');
  assert.equal(body.count, 11);
  assert.equal(body.next, null);
  // In the engine's order: CAT FACE itself, the nine others ranked, the tiger by keyword last.
  assert.deepEqual(
    body.items.map((item) => item.cp),
    answerCodePoints(loadIndex(), 'cat face').map((cp) => `U+${cp.toString(16).toUpperCase()}`),
  );
  assert.deepEqual([body.items[0].cp, body.items[10].cp], ['U+1F431', 'U+1F42F']);
  assert.equal(body.items[10].via, 'cldr:en');
  assert.deepEqual(body.items.find((item) => item.cp === 'U+1F638'), {
    cp: 'U+1F638',
    char: '😸',
    name: 'GRINNING CAT FACE WITH SMILING EYES',
    block: 'Emoticons',
    category: 'So',
    age: '6.0',
    via: 'name',
  });
});

test('an alias match says so: nbsp', async () => {
  const { body } = await search({ q: 'nbsp' });
  assert.deepEqual(body.items[0], {
    cp: 'U+00A0',
    char: '\u00A0',
    name: 'NO-BREAK SPACE',
    block: 'Latin-1 Supplement',
    category: 'Zs',
    age: '1.1',
    via: 'alias',
    matched: 'NBSP',
  });
});

test('cjk: 100 a page by default; following `next` to the end gives all 103,204 in order, each once', async () => {
  const index = loadIndex();
  const expected = answerCodePoints(index, 'cjk');
  assert.deepEqual([...expected].sort((a, b) => a - b), [...nameOrAliasMatches(index, ['cjk'])].map((i) => index.codePoint(i)), 'the book\'s matches, ranked');
  const first = await search({ q: 'cjk' });
  assert.equal(first.body.count, 103_204);
  assert.equal(first.body.items.length, 100);
  assert.equal(typeof first.body.next, 'string');

  const seen: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params: Record<string, string> = { q: 'cjk', limit: '1000' };
    if (cursor !== null) params.cursor = cursor;
    const { status, body } = await search(params);
    assert.equal(status, 200);
    assert.equal(body.count, 103_204);
    for (const item of body.items) seen.push(parseInt((item.cp as string).slice(2), 16));
    cursor = body.next;
    pages++;
  } while (cursor !== null);
  assert.equal(pages, 104);
  assert.equal(seen.length, 103_204);
  assert.deepEqual(seen, expected);
});

test('the last page is short and its next is null', async () => {
  const index = loadIndex();
  const { body } = await search({ q: 'cjk', cursor: served.server.api.cursorAt('cjk', 103_200) });
  assert.equal(body.items.length, 4);
  assert.equal(body.next, null);
  const last = answerCodePoints(index, 'cjk').at(-1)!;
  assert.equal(body.items.at(-1)!.cp, `U+${last.toString(16).toUpperCase()}`);
});

test('limit: 1 and 1,000 are allowed; 0, 1,001 and words are refused with 400', async () => {
  assert.equal((await search({ q: 'cjk', limit: '1' })).body.items.length, 1);
  assert.equal((await search({ q: 'cjk', limit: '1000' })).body.items.length, 1000);
  for (const limit of ['0', '1001', 'ten', '-5', '1e3', '']) {
    const { status, body } = await search({ q: 'cjk', limit });
    assert.equal(status, 400, `limit=${limit}`);
    assert.equal(body.error, 'invalid limit');
    assert.match(body.message, /limit takes a number of matches from 1 to 1,000/);
  }
});

test('bad cursors are refused with 400 and a way out', async () => {
  const garbage = await search({ q: 'cjk', cursor: 'not-a-cursor' });
  assert.equal(garbage.status, 400);
  assert.equal(garbage.body.error, 'invalid cursor');
  assert.match(garbage.body.message, /pass the `next` value/);

  const catCursor = (await search({ q: 'cat', limit: '1' })).body.next!;
  const elsewhere = await search({ q: 'cjk', cursor: catCursor });
  assert.equal(elsewhere.status, 400);
  assert.match(elsewhere.body.message, /another query or index version; start again without a cursor/);

  const pastTheEnd = await search({ q: 'cat face', cursor: served.server.api.cursorAt('cat face', 11) });
  assert.equal(pastTheEnd.status, 400);
  assert.match(pastTheEnd.body.message, /past the last match/);
});

test('cursors are signed: an altered or made-up one is not valid, one from an earlier run says so', async () => {
  const next = (await search({ q: 'cjk', limit: '10' })).body.next!;
  const [form, run, , tag, signature] = Buffer.from(next, 'base64url').toString('latin1').split('.');
  const moved = Buffer.from([form, run, '50000', tag, signature].join('.'), 'latin1').toString('base64url');
  const altered = await search({ q: 'cjk', cursor: moved });
  assert.equal(altered.status, 400);
  assert.equal(altered.body.error, 'invalid cursor');
  assert.match(altered.body.message, /^cursor is not valid for this server: its signature does not match/);

  const earlier = await search({ q: 'cjk', cursor: new CursorSigner().encode(10, tag) });
  assert.equal(earlier.status, 400);
  assert.match(earlier.body.message, /^cursor is from an earlier run of this server \(it has restarted since\)/);

  const unsigned = await search({ q: 'cjk', cursor: Buffer.from(`1.10.${tag}`, 'latin1').toString('base64url') });
  assert.match(unsigned.body.message, /^cursor is from an earlier run of this server/);

  const eleventh = (await search({ q: 'cjk', limit: '11' })).body.items[10].cp;
  assert.equal((await search({ q: 'cjk', cursor: next })).body.items[0].cp, eleventh, 'the real one still works');
});

test('queries are refused as on TCP: empty (400), beyond U+10FFFF (400), over 1,024 bytes (413)', async () => {
  const empty = await search({ q: '  ' });
  assert.equal(empty.status, 400);
  assert.equal(empty.body.error, 'empty query');
  assert.equal((await search({})).status, 400);

  const invalid = await search({ q: 'U+110000' });
  assert.equal(invalid.status, 400);
  assert.deepEqual(invalid.body, {
    error: 'invalid query',
    message: 'U+110000 is beyond U+10FFFF, the last code point',
    reason: 'U+110000 is beyond U+10FFFF, the last code point',
  });

  assert.equal((await search({ q: 'é'.repeat(512) })).status, 200, '1,024 bytes is allowed');
  const tooLong = await search({ q: 'é'.repeat(512) + 'a' });
  assert.equal(tooLong.status, 413);
  assert.equal(tooLong.headers.get('cache-control'), 'no-store');
  assert.deepEqual(tooLong.body, { error: 'line too long', message: 'query too long (1,025 bytes; the limit is 1,024)', bytes: 1025, limit: 1024 });
});

test('other paths and methods: 404 and 405 as JSON', async () => {
  const missing = await getJson<ErrorReply>(`${served.base}/api/nothing`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error, 'not found');
  const post = await getJson<ErrorReply>(`${served.base}/api/search?q=cat`, { method: 'POST' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET, HEAD');
});

test('pasted characters and code points work as on TCP', async () => {
  const pasted = await search({ q: '😸é→' });
  assert.deepEqual(
    pasted.body.items.map((item) => [item.cp, item.via]),
    [
      ['U+1F638', 'character'],
      ['U+00E9', 'character'],
      ['U+2192', 'character'],
    ],
  );
  const codePoint = await search({ q: 'U+1F638' });
  assert.equal(codePoint.body.items[0].via, 'codepoint');
});

test('GET /api/char/U+1F638: everything about one character, the first version\'s fields under their names; lower case and the character itself work too', async () => {
  const { status, headers, body } = await getJson<CharInfo>(`${served.base}/api/char/U+1F638`);
  assert.equal(status, 200);
  assert.ok(headers.get('etag'));
  const { cp, char, name, block, category, age, script, aliases } = body;
  assert.deepEqual(
    { cp, char, name, block, category, age, script, aliases },
    { cp: 'U+1F638', char: '😸', name: 'GRINNING CAT FACE WITH SMILING EYES', block: 'Emoticons', category: 'So', age: '6.0', script: 'Common', aliases: [{ alias: ':smile_cat:', type: 'shortcode' }, { alias: ':grinning_cat_with_closed_eyes:', type: 'shortcode' }] },
  );
  assert.equal(body.kind, 'char');
  assert.deepEqual(body.emoji, ['Emoji', 'Emoji_Presentation', 'Extended_Pictographic']);
  assert.deepEqual(body.encodings, { utf8: 'F0 9F 98 B8', utf16: 'D83D DE38', utf32: '0001F638' });
  assert.deepEqual(body.escapes, {
    html: '&#x1F638;',
    css: '\\1F638',
    javascript: '\\u{1F638}',
    python: '\\U0001F638',
    rust: '\\u{1F638}',
    url: '%F0%9F%98%B8',
  });
  assert.deepEqual(body.cldr, [
    { language: 'en', name: 'grinning cat with smiling eyes', keywords: ['animal', 'cat', 'eye', 'eyes', 'face', 'grin', 'grinning', 'smile', 'smiling'] },
  ]);
  assert.equal((await getJson<CharInfo>(`${served.base}/api/char/u+1f638`)).body.name, 'GRINNING CAT FACE WITH SMILING EYES');
  assert.equal((await getJson<CharInfo>(`${served.base}/api/char/${encodeURIComponent('😸')}`)).body.cp, 'U+1F638');
  const russian = await getJson<CharInfo>(`${served.base}/api/char/U+1F638?lang=ru`);
  assert.deepEqual(russian.body.cldr.map(({ language, name }) => [language, name]), [['en', 'grinning cat with smiling eyes'], ['ru', 'смеющийся кот']]);
  assert.equal((await getJson<ErrorReply>(`${served.base}/api/char/U+1F638?lang=xx`)).body.error, 'invalid lang');
});

test('GET /api/char of a sequence: the whole, then each code point briefly', async () => {
  const { status, body } = await getJson<SequenceInfo>(`${served.base}/api/char/${encodeURIComponent('🇫🇷')}`);
  assert.equal(status, 200);
  assert.equal(body.kind, 'sequence');
  assert.equal(body.cp, 'U+1F1EB U+1F1F7');
  assert.equal(body.encodings.utf8, 'F0 9F 87 AB F0 9F 87 B7');
  assert.deepEqual(body.codePoints.map(({ cp, name }) => [cp, name]), [
    ['U+1F1EB', 'REGIONAL INDICATOR SYMBOL LETTER F'],
    ['U+1F1F7', 'REGIONAL INDICATOR SYMBOL LETTER R'],
  ]);
  assert.equal((await getJson<SequenceInfo>(`${served.base}/api/char/U+1F1EB%20U+1F1F7`)).body.char, '🇫🇷');
});

test('GET /api/char/U+1F1EB,U+1F1F7: a sequence of the index in detail, with its name, kind and aliases', async () => {
  const { status, body } = await getJson<SequenceInfo>(`${served.base}/api/char/U+1F1EB,U+1F1F7`);
  assert.equal(status, 200);
  assert.deepEqual([body.kind, body.cp, body.char, body.name, body.sequenceKind, body.age], ['sequence', 'U+1F1EB U+1F1F7', '🇫🇷', 'FLAG: FRANCE', 'flag', '6.0']);
  const keycap = await getJson<SequenceInfo>(`${served.base}/api/char/U+0031%20U+20E3`);
  assert.deepEqual([keycap.body.name, keycap.body.aliases], ['KEYCAP: 1', [{ alias: 'KEYCAP DIGIT ONE', type: 'sequence' }, { alias: ':one:', type: 'shortcode' }]]);
  // Two code points that are no sequence of the index are still described, code point by code point, without a name.
  const loose = await getJson<SequenceInfo>(`${served.base}/api/char/U+0041,U+0042`);
  assert.deepEqual([loose.status, loose.body.name, loose.body.codePoints.length], [200, null, 2]);
});

test('GET /api/char: controls come escaped with their aliases; unassigned code points get labels; bad notations 400', async () => {
  const nul = await getJson<CharInfo>(`${served.base}/api/char/U+0000`);
  assert.ok(nul.text.includes('"char":"\\u0000"'), 'U+0000 is sent as an escape');
  assert.equal(nul.body.char, '\0');
  assert.deepEqual(nul.body.aliases, [
    { alias: 'NULL', type: 'control' },
    { alias: 'NUL', type: 'abbreviation' },
  ]);
  const unassigned = await getJson<CharInfo>(`${served.base}/api/char/U+0378`);
  assert.equal(unassigned.body.name, '<reserved-0378>');
  assert.equal(unassigned.body.age, null);
  for (const notation of ['U+110000', 'cat', 'U+', '1F638', '']) {
    const { status, body } = await getJson<ErrorReply>(`${served.base}/api/char/${notation}`);
    assert.equal(status, 400, notation);
    assert.equal(body.error, 'invalid code point');
  }
});

test('ETag by index version and query, page and limit; If-None-Match gets 304 with no body', async () => {
  const first = await search({ q: 'cat face' });
  const etag = first.headers.get('etag')!;
  assert.match(etag, /^"[\w-]{22}"$/);
  assert.equal(first.headers.get('cache-control'), 'public, no-cache');

  const again = await search({ q: 'cat face' }, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal(again.text, '');
  assert.equal(again.headers.get('etag'), etag);

  const otherLimit = await search({ q: 'cat face', limit: '5' }, { headers: { 'If-None-Match': etag } });
  assert.equal(otherLimit.status, 200);
  assert.notEqual(otherLimit.headers.get('etag'), etag);
  const nextPage = await search({ q: 'cat face', limit: '5', cursor: otherLimit.body.next! });
  assert.notEqual(nextPage.headers.get('etag'), otherLimit.headers.get('etag'));
  assert.equal((await search({ q: 'cat' }, { headers: { 'If-None-Match': etag } })).status, 200);

  const char = await getJson(`${served.base}/api/char/U+1F638`);
  const charAgain = await getJson(`${served.base}/api/char/U+1F638`, { headers: { 'If-None-Match': `W/${char.headers.get('etag')}, "other"` } });
  assert.equal(charAgain.status, 304);
});

test('429 with Retry-After once an address has spent its burst; other limits unchanged', async () => {
  const limited = await startTestHttpServer({ limits: { burstRequests: 3, requestsPerSecond: 0.5 } });
  try {
    // Not a search: a search that takes 2 ms or more spends more than its one token (server.ts), and how long one takes depends on the machine.
    const url = `${baseUrl(limited)}/api/char/U+1F638`;
    for (let i = 0; i < 3; i++) assert.equal((await getJson(url)).status, 200);
    const refused = await getJson<ErrorReply>(url);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '2');
    assert.deepEqual(refused.body, { error: 'too many requests', message: 'too many requests from your address; try again in 2 s', retryAfter: 2 });
    // The page itself is not rationed: only the API is.
    assert.equal((await fetch(`${baseUrl(limited)}/`)).status, 200);
  } finally {
    await limited.close();
  }
});
