import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIndex, serverForThisFile } from './support/server.js';
import { answerCodePoints } from './support/nameMatches.js';
import { LineClient } from '../scripts/line-client.js';

const served = serverForThisFile();

/** Switches a fresh connection to JSON; returns it with the acknowledgement. */
async function jsonClient(): Promise<LineClient> {
  const { client } = await LineClient.ready(served.port);
  client.send('/format json\r\n');
  assert.deepEqual(JSON.parse(await client.until((unread) => unread.endsWith('\r\n'))), { format: 'json' });
  return client;
}

/** Sends a query; reads objects up to its status object. Every line must parse. */
async function askJson(client: LineClient, line: string): Promise<Record<string, unknown>[]> {
  client.send(line + '\r\n');
  const closing = /^\{"(query|error|more|page|format|help|bye|settings)"[^\r\n]*\r\n$/;
  const lastLine = (unread: string) => {
    const at = unread.lastIndexOf('\r\n', unread.length - 3);
    return at < 0 ? unread : unread.slice(at + 2);
  };
  const text = await client.until((unread) => unread.endsWith('\r\n') && closing.test(lastLine(unread)), 10_000, 4096);
  assert.ok(!text.includes('?> '), 'no prompt in JSON mode');
  return text
    .slice(0, -2)
    .split('\r\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("one object per match, then a status object: 'cat face'", async () => {
  const client = await jsonClient();
  const objects = await askJson(client, 'cat face');
  assert.equal(objects.length, 12);
  assert.deepEqual(objects.find((object) => object.cp === 'U+1F638'), {
    cp: 'U+1F638',
    char: '😸',
    name: 'GRINNING CAT FACE WITH SMILING EYES',
    block: 'Emoticons',
    category: 'So',
    age: '6.0',
    via: 'name',
  });
  // The tiger, found by an English keyword, after the ten whose names hold both words.
  assert.deepEqual({ cp: objects[10].cp, via: objects[10].via, matched: objects[10].matched }, { cp: 'U+1F42F', via: 'cldr:en', matched: 'en: cat' });
  assert.equal(objects[0].cp, 'U+1F431', 'CAT FACE itself first');
  const status = objects[11];
  assert.equal(status.query, 'cat face');
  assert.equal(status.count, 11);
  assert.equal(status.sent, 11);
  assert.equal(status.more, false);
  assert.equal(typeof status.ms, 'number');
  client.close();
});

test('counts agree for large replies; every line parses', async () => {
  const client = await jsonClient();
  // The engine's own count (names, aliases, English keywords, folded forms and plurals, Unihan): the wire must agree with it.
  for (const [query, count] of [['letter', answerCodePoints(loadIndex(), 'letter').length], ['cjk', 103_204], ['jabberwocky', 0]] as const) {
    const objects = await askJson(client, query);
    assert.equal(objects.length, count + 1, query);
    assert.deepEqual(objects.at(-1)!.count, count);
    assert.deepEqual(objects.at(-1)!.sent, count);
    assert.ok(objects.slice(0, -1).every((o) => (typeof o.cp === 'string' || Array.isArray(o.cp)) && typeof o.char === 'string'));
  }
  client.close();
});

test('tricky characters round-trip exactly, and the wire carries them escaped', async () => {
  const client = await jsonClient();
  const cases: [string, string, string][] = [
    ['quotation mark', 'U+0022', '"'],
    ['reverse solidus', 'U+005C', '\\'],
    ['U+2028', 'U+2028', '\u2028'],
    ['null', 'U+0000', '\u0000'],
    ['U+202E', 'U+202E', '\u202e'],
    ['😸', 'U+1F638', '😸'],
    ['U+1F3F4', 'U+1F3F4', '🏴'],
  ];
  for (const [query, cp, char] of cases) {
    const before = client.all.length;
    const objects = await askJson(client, query);
    const match = objects.find((o) => o.cp === cp);
    assert.ok(match, `${query} finds ${cp}`);
    assert.equal(match.char, char);
    const wire = client.all.subarray(before).toString('utf8');
    assert.ok(!/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u2028\u2029\u202a-\u202e]/.test(wire), `${query}: the wire has no raw control`);
  }
  const nul = (await askJson(client, 'null')).find((o) => o.cp === 'U+0000')!;
  assert.equal(nul.via, 'alias');
  assert.equal(nul.matched, 'NULL');
  client.close();
});

test('paging in JSON: sent and more tell where the client stands', async () => {
  const client = await jsonClient();
  await askJson(client, '/match names');
  assert.deepEqual(await askJson(client, '/page 8'), [{ page: 8 }]);
  let objects = await askJson(client, 'rook');
  assert.equal(objects.length, 9);
  assert.deepEqual({ ...objects[8], ms: 0 }, { query: 'rook', count: 18, sent: 8, more: true, ms: 0 });
  objects = await askJson(client, '/more');
  assert.deepEqual({ ...objects.at(-1)!, ms: 0 }, { query: 'rook', count: 18, sent: 16, more: true, ms: 0 });
  objects = await askJson(client, '/more');
  assert.equal(objects.length, 3);
  assert.deepEqual({ ...objects.at(-1)!, ms: 0 }, { query: 'rook', count: 18, sent: 18, more: false, ms: 0 });
  assert.deepEqual(await askJson(client, '/more'), [{ more: false }]);
  client.close();
});

test('errors are objects; /format text switches back', async () => {
  const client = await jsonClient();
  const [tooLong] = await askJson(client, 'x'.repeat(2000));
  assert.equal(tooLong.error, 'line too long');
  assert.equal(tooLong.limit, 1024);
  assert.equal(tooLong.bytes, 2000);
  const [unknown] = await askJson(client, '/nope');
  assert.equal(unknown.error, 'unknown command');
  client.send(Buffer.from([0xc3, 0x28, 0x0a]));
  assert.equal(JSON.parse(await client.until((u) => u.endsWith('\r\n'))).error, 'invalid UTF-8');
  client.send('/format text\r\n');
  assert.equal(await client.untilPrompt(), 'format text\r\n');
  assert.deepEqual(await client.ask('registered'), ['U+00AE\t®\tREGISTERED SIGN', "1 match for 'registered'"]);
  client.close();
});

test('the fast JSON writer says exactly what matchObject says, for every kind of match', async () => {
  const { loadIndex } = await import('./support/server.js');
  const { parseQuery } = await import('../src/query/parse.js');
  const { filterNamesOf } = await import('../src/query/filters.js');
  const { answerQuery } = await import('../src/search/answer.js');
  const { matchObject } = await import('../src/search/matchLines.js');
  const { matchJsonLine } = await import('../src/protocol/json.js');
  const index = loadIndex();
  const queries = ['null', 'quotation mark', 'reverse solidus', 'U+2028', 'U+202E', 'U+E000', 'U+0378', 'кот', 'U+1F3F4', 'U+E0001', 'nbsp', '😸é→', 'U+0000..U+0030'];
  for (const line of queries) {
    const query = parseQuery(line, filterNamesOf(index.header));
    assert.ok(query.kind === 'search' || query.kind === 'code-points' || query.kind === 'characters', line);
    const answer = answerQuery(index, query, { match: 'all', sort: 'rank', lang: 'ru', languages: ['ru'], tone: null });
    for (let at = 0; at < answer.lines.total; at++) {
      const match = answer.lines.match(at);
      const text = matchJsonLine(index, match);
      assert.ok(!/[\u0000-\u001f\u2028\u2029\u202a-\u202e]/.test(text.slice(0, -2)), `${line}: raw control in ${JSON.stringify(text)}`);
      assert.deepEqual(JSON.parse(text), matchObject(index, match), line);
    }
  }
});

test("a Unihan match says its field in via and the word as Unihan writes it in matched: 'water', 'shui'", async () => {
  const client = await jsonClient();
  const pick = (objects: Record<string, unknown>[], cp: string) => {
    const found = objects.find((object) => object.cp === cp)!;
    return { cp: found.cp, char: found.char, name: found.name, via: found.via, matched: found.matched };
  };
  assert.deepEqual(pick(await askJson(client, 'water'), 'U+6C34'), { cp: 'U+6C34', char: '水', name: 'CJK UNIFIED IDEOGRAPH-6C34', via: 'unihan:def', matched: 'def: water' });
  assert.deepEqual(pick(await askJson(client, 'shui'), 'U+6C34'), { cp: 'U+6C34', char: '水', name: 'CJK UNIFIED IDEOGRAPH-6C34', via: 'unihan:pinyin', matched: 'pinyin: shuǐ' });
  client.close();
});
