import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIndex, serverForThisFile } from './support/server.js';
import { answerCodePoints } from './support/nameMatches.js';
import { LineClient } from '../scripts/line-client.js';

const served = serverForThisFile();

test('/page N: the first N matches, then Enter and /more show the next pages, to the end', async () => {
  const { client } = await LineClient.ready(served.port);
  // The book's results exactly: official names, code point order.
  await client.ask('/match names');
  await client.ask('/sort cp');
  assert.deepEqual(await client.ask('/page 7'), ['page size 7: Enter or /more shows the next page']);
  const first = await client.ask('rook');
  assert.equal(first.length, 8);
  assert.equal(first[0], 'U+2656\t♖\tWHITE CHESS ROOK');
  assert.equal(first[7], "showing 1–7 of 18 matches for 'rook' — Enter for more");
  const second = await client.ask('');
  assert.equal(second[0], 'U+1FA0B\t🨋\tWHITE CHESS ROOK ROTATED NINETY DEGREES');
  assert.equal(second[7], "showing 8–14 of 18 matches for 'rook' — Enter for more");
  const last = await client.ask('/more');
  assert.deepEqual(last, [
    'U+1FA3B\t🨻\tBLACK CHESS ROOK ROTATED TWO HUNDRED SEVENTY DEGREES',
    'U+1FA41\t🩁\tNEUTRAL CHESS ROOK ROTATED TWO HUNDRED SEVENTY DEGREES',
    'U+1FA4F\t🩏\tWHITE CHESS KNIGHT-ROOK',
    'U+1FA52\t🩒\tBLACK CHESS KNIGHT-ROOK',
    "18 matches for 'rook'",
  ]);
  // After the end, Enter is only a prompt again, and /more says there is nothing.
  assert.deepEqual(await client.ask(''), []);
  assert.deepEqual(await client.ask('/more'), ['nothing more to show']);
  client.close();
});

test('paging through all of cjk with Enter covers every match once, in order', async () => {
  const { client } = await LineClient.ready(served.port);
  await client.ask('/sort cp');
  await client.ask('/page 5000');
  let lines = await client.ask('cjk');
  const seen: string[] = [];
  for (let pages = 1; ; pages++) {
    const status = lines.at(-1)!;
    seen.push(...lines.slice(0, -1));
    if (status === "103,204 matches for 'cjk'") {
      assert.equal(pages, 21);
      break;
    }
    assert.match(status, /^showing [\d,]+–[\d,]+ of 103,204 matches for 'cjk' — Enter for more$/);
    lines = await client.ask('');
  }
  assert.equal(seen.length, 103_204);
  assert.equal(new Set(seen).size, 103_204);
  const codes = seen.map((line) => parseInt(line.slice(2, line.indexOf('\t')), 16));
  for (let k = 1; k < codes.length; k++) assert.ok(codes[k] > codes[k - 1]);
  client.close();
});

test('a new query starts over; a result that fits in a page ends with the plain status', async () => {
  const { client } = await LineClient.ready(served.port);
  await client.ask('/page 3');
  assert.equal((await client.ask('cjk')).at(-1), "showing 1–3 of 103,204 matches for 'cjk' — Enter for more");
  assert.deepEqual(await client.ask('registered'), ['U+00AE\t®\tREGISTERED SIGN', "1 match for 'registered'"]);
  assert.deepEqual(await client.ask(''), []);
  const sun = await client.ask('sun');
  // The words as typed, their folded forms and plurals (`suns`, `sùn`), and ideographs by meaning or reading.
  assert.equal(sun.at(-1), `showing 1–3 of ${answerCodePoints(loadIndex(), 'sun').length} matches for 'sun' — Enter for more`);
  assert.equal(sun[0], 'U+2600\t☀\tBLACK SUN WITH RAYS', 'sun is its English short name');
  client.close();
});

test('/page off (or 0) restores complete replies; a bad size is refused', async () => {
  const { client } = await LineClient.ready(served.port);
  await client.ask('/page 2');
  assert.deepEqual(await client.ask('/page off'), ['paging off: every reply is complete']);
  assert.equal((await client.ask('rook')).length, answerCodePoints(loadIndex(), 'rook').length + 1);
  await client.ask('/page 2');
  assert.deepEqual(await client.ask('/page 0'), ['paging off: every reply is complete']);
  assert.equal((await client.ask('rook')).length, answerCodePoints(loadIndex(), 'rook').length + 1);
  assert.deepEqual(await client.ask('/page -4'), ["error: /page takes a number of matches per page, or off, not '-4'"]);
  client.close();
});

test('paging state is per connection', async () => {
  const { client: paged } = await LineClient.ready(served.port);
  const { client: whole } = await LineClient.ready(served.port);
  await paged.ask('/page 2');
  assert.equal((await paged.ask('rook')).length, 3);
  assert.equal((await whole.ask('rook')).length, answerCodePoints(loadIndex(), 'rook').length + 1);
  paged.close();
  whole.close();
});
