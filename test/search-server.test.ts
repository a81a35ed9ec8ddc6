import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CharIndex } from '../src/index/charIndex.js';
import { startServer, type RunningServer } from '../src/server/server.js';
import { LineClient } from '../scripts/line-client.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));

let server: RunningServer;
let client: LineClient;

before(async () => {
  server = await startServer({ host: '127.0.0.1', port: 0, index: CharIndex.load() });
  client = (await LineClient.ready(server.address.port)).client;
});

after(async () => {
  client.close();
  await server.close();
});

test('кот over the wire: 🐈 and 🐱, with the keyword that matched', async () => {
  const reply = await client.ask('кот');
  assert.equal(reply[0], 'U+1F408\t🐈\tCAT [be: кот]');
  assert.ok(reply.slice(0, 4).includes('U+1F431\t🐱\tCAT FACE [ru: кот]'));
  assert.equal(reply.at(-1), "13 matches for 'кот'");
});

test('euro and plus: the obvious character first', async () => {
  assert.equal((await client.ask('euro'))[0], 'U+20AC\t€\tEURO SIGN');
  assert.equal((await client.ask('plus'))[0], 'U+002B\t+\tPLUS SIGN');
});

test('arrow block:arrows right lists →', async () => {
  // `right` stands for the names' RIGHTWARDS (search/expansions.ts): a name match, no keyword note.
  assert.ok((await client.ask('arrow block:arrows right')).includes('U+2192\t→\tRIGHTWARDS ARROW'));
});

test('a typo gets a suggestion in the status line', async () => {
  const reply = await client.ask('xq');
  assert.equal(reply.length, 1);
  assert.match(reply[0], /^No match for 'xq' — did you mean '[a-z]+'/);
});

test('code points in other notations, and ranges', async () => {
  assert.deepEqual(await client.ask('&#x1F638;'), ['U+1F638\t😸\tGRINNING CAT FACE WITH SMILING EYES', "1 match for '&#x1F638;'"]);
  const range = await client.ask('U+2190..U+2193');
  assert.deepEqual(range, ['U+2190\t←\tLEFTWARDS ARROW', 'U+2191\t↑\tUPWARDS ARROW', 'U+2192\t→\tRIGHTWARDS ARROW', 'U+2193\t↓\tDOWNWARDS ARROW', "4 matches for 'U+2190..U+2193'"]);
});

test('a bad filter is one error line, and the session goes on', async () => {
  assert.deepEqual(await client.ask('block:nowhere'), ["error: no block 'nowhere'; give a block name such as block:arrows"]);
  assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'");
});

test('a filter matching 140,000 characters streams whole', async () => {
  const reply = await client.ask('gc:L');
  const status = reply.at(-1)!;
  const count = Number(/^([\d,]+) matches for 'gc:L'$/.exec(status)![1].replaceAll(',', ''));
  assert.ok(count > 130_000);
  assert.equal(reply.length, count + 1);
});

test('/match, /sort and /lang are per connection', async () => {
  const other = (await LineClient.ready(server.address.port)).client;
  try {
    assert.deepEqual(await other.ask('/match names'), ['match: names (official Unicode names only, as in the book)']);
    assert.deepEqual(await other.ask('/sort cp'), ['sort: cp (code point order)']);
    assert.deepEqual(await other.ask('cat face'), [
      'U+1F431\t🐱\tCAT FACE',
      'U+1F638\t😸\tGRINNING CAT FACE WITH SMILING EYES',
      'U+1F639\t😹\tCAT FACE WITH TEARS OF JOY',
      'U+1F63A\t😺\tSMILING CAT FACE WITH OPEN MOUTH',
      'U+1F63B\t😻\tSMILING CAT FACE WITH HEART-SHAPED EYES',
      'U+1F63C\t😼\tCAT FACE WITH WRY SMILE',
      'U+1F63D\t😽\tKISSING CAT FACE WITH CLOSED EYES',
      'U+1F63E\t😾\tPOUTING CAT FACE',
      'U+1F63F\t😿\tCRYING CAT FACE',
      'U+1F640\t🙀\tWEARY CAT FACE',
      "10 matches for 'cat face'",
    ]);
    for (const [query, status] of [
      ['sun', "17 matches for 'sun'"],
      ['face', "198 matches for 'face'"],
      ['letter', "11,639 matches for 'letter'"],
      ['cjk', "103,204 matches for 'cjk'"],
    ]) {
      assert.equal((await other.ask(query)).at(-1), status);
    }
    assert.equal((await client.ask('cat face')).at(-1), "11 matches for 'cat face'", 'the first connection still matches keywords');

    assert.deepEqual(await other.ask('/sort cp'), ['sort: cp (code point order)']);
    assert.deepEqual((await other.ask('euro')).slice(0, 2), ['U+20A0\t₠\tEURO-CURRENCY SIGN', 'U+20AC\t€\tEURO SIGN']);

    assert.deepEqual(await other.ask('/lang ru'), ['lang: ru (keywords in English and ru; CLDR short names in ru beside the official names)']);
    assert.equal((await other.ask('cat face'))[0], 'U+1F431\t🐱\tCAT FACE (морда кошки)');
    assert.deepEqual(await other.ask('/lang klingon'), ["error: no CLDR annotations in 'klingon'; try a language tag such as ru, ja, es, pt-PT (163 languages), or all"]);
    assert.deepEqual(await other.ask('/match'), ['match: names (official Unicode names only, as in the book)']);
  } finally {
    other.close();
  }
});

test('/help and its parts show the query syntax, the filters and the settings commands', async () => {
  const help = [...(await client.ask('/help syntax')), ...(await client.ask('/help filters')), ...(await client.ask('/help commands'))].join('\n');
  for (const part of ['hamb*', '-double', '"grinning face"', 'U+1F638', '0x1F638', '&#x1F638;', 'U+2600..U+26FF', 'block:arrows', 'gc:Sm', 'script:greek', 'age:', 'emoji', '/match', '/sort', '/lang']) {
    assert.ok(help.includes(part), part);
  }
});

test('charfinder find uses the same engine', async () => {
  const run = async (...args: string[]) => (await promisify(execFile)(process.execPath, [CLI, 'find', ...args], { env: { ...process.env, NO_COLOR: '1' } }));
  const cat = await run('кот');
  assert.equal(cat.stdout.split('\n')[0], 'U+1F408\t🐈\tCAT [be: кот]');
  assert.ok(cat.stdout.split('\n').slice(0, 4).includes('U+1F431\t🐱\tCAT FACE [ru: кот]'));
  assert.equal(cat.stderr, "13 matches for 'кот'\n");
  const names = await run('--match', 'names', 'cat', 'face');
  assert.equal(names.stderr, "10 matches for 'cat face'\n");
  const excluded = await run('arrow', 'block:arrows', '-double');
  assert.ok(!excluded.stdout.includes('DOUBLE'));
  assert.equal((await run('--lang', 'ru', 'U+1F408')).stdout, 'U+1F408\t🐈\tCAT (кошка)\n');
  assert.equal((await run('cat', 'fase')).stderr, "No match for 'cat fase' — showing 'cat face'\n11 matches for 'cat face'\n");
  await assert.rejects(run('xq'), (error: { stderr: string }) => /^No match for 'xq' — did you mean '[a-z]+'.*\?\n$/.test(error.stderr));
});

test('charfinder find stops quietly when its reader does', async () => {
  const child = spawn(process.execPath, [CLI, 'find', 'letter'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // Like `| head -1`: read a little, then close the pipe while output is still coming.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const [code] = await new Promise<[number | null]>((resolve) => child.once('exit', (exitCode) => resolve([exitCode])));
  assert.equal(code, 0);
  assert.ok(!stderr.includes('Error'), stderr);
});
