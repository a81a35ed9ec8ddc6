/**
 * Sequences are entries (issue 11): emoji sequences and named sequences are
 * found by name and CLDR keywords, and shown as one line, over a real socket.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIndex, serverForThisFile } from './support/server.js';
import { LineClient } from '../scripts/line-client.js';

const served = serverForThisFile();
const index = loadIndex();

async function ask(line: string): Promise<string[]> {
  const { client } = await LineClient.ready(served.port);
  try {
    return await client.ask(line);
  } finally {
    client.close();
  }
}

test('every RGI emoji sequence (flags, tags, keycaps, skin tones, ZWJ) and every named sequence is an entry after the code points', () => {
  assert.equal(index.sequenceCount, index.header.sequenceCount);
  assert.equal(index.entryCount, index.size + index.sequenceCount);
  assert.ok(index.sequenceCount >= 2_563 + 400, `${index.sequenceCount} sequences`);
  const france = index.sequenceOf([0x1f1eb, 0x1f1f7]);
  assert.ok(france >= index.size);
  assert.deepEqual(index.codePointsOf(france), [0x1f1eb, 0x1f1f7]);
  assert.equal(index.name(france), 'FLAG: FRANCE');
  assert.equal(index.sequenceKind(france), 'flag');
  assert.equal(index.codePoint(france), 0x1f1eb);
  // U+FE0F does not matter when a sequence is looked up.
  assert.equal(index.sequenceOf([0x31, 0x20e3]), index.sequenceOf([0x31, 0xfe0f, 0x20e3]));
  assert.equal(index.sequenceKind(index.sequenceOf([0x1f3f4, 0xe0067, 0xe0062, 0xe0073, 0xe0063, 0xe0074, 0xe007f])), 'tag');
  assert.equal(index.isEmoji(france), true);
});

test('flag france: the flag comes first, as one line', async () => {
  const reply = await ask('flag france');
  assert.equal(reply[0], 'U+1F1EB U+1F1F7\t🇫🇷\tFLAG: FRANCE');
});

test('skin tones, keycaps, professions and families are found by their names', async () => {
  assert.equal((await ask('thumbs up dark skin tone'))[0], 'U+1F44D U+1F3FF\t👍🏿\tTHUMBS UP: DARK SKIN TONE');
  assert.deepEqual(await ask('keycap 1'), ['U+0031 U+FE0F U+20E3\t1️⃣\tKEYCAP: 1', "1 match for 'keycap 1'"]);
  assert.equal((await ask('woman technologist'))[0], 'U+1F469 U+200D U+1F4BB\t👩‍💻\tWOMAN TECHNOLOGIST');
  assert.equal((await ask('family man woman girl'))[0], 'U+1F468 U+200D U+1F469 U+200D U+1F467\t👨‍👩‍👧\tFAMILY: MAN, WOMAN, GIRL');
  assert.deepEqual(await ask('rainbow flag'), ['U+1F3F3 U+FE0F U+200D U+1F308\t🏳️‍🌈\tRAINBOW FLAG', "1 match for 'rainbow flag'"]);
  assert.ok((await ask('thumbs up dark')).includes('U+1F44D U+1F3FF\t👍🏿\tTHUMBS UP: DARK SKIN TONE'));
  assert.equal((await ask('woman shrugging'))[0], 'U+1F937 U+200D U+2640 U+FE0F\t🤷‍♀️\tWOMAN SHRUGGING');
  assert.equal((await ask('"flag scotland"'))[0], 'U+1F3F4 U+E0067 U+E0062 U+E0073 U+E0063 U+E0074 U+E007F\t🏴󠁧󠁢󠁳󠁣󠁴󠁿\tFLAG: SCOTLAND');
});

test('a CLDR keyword in another language finds a sequence, and says so', async () => {
  assert.equal((await ask('drapeau france'))[0], 'U+1F1EB U+1F1F7\t🇫🇷\tFLAG: FRANCE [fr: drapeau france]');
  assert.equal((await ask('bandera francia'))[0], 'U+1F1EB U+1F1F7\t🇫🇷\tFLAG: FRANCE [es: bandera francia]');
});

test('a named sequence is found by its name', async () => {
  const reply = await ask('"latin capital letter a with macron and grave"');
  assert.equal(reply[0], 'U+0100 U+0300\tĀ̀\tLATIN CAPITAL LETTER A WITH MACRON AND GRAVE');
});

test('pasted sequences are described as one sequence, then their code points', async () => {
  assert.deepEqual(await ask('🇫🇷'), [
    'U+1F1EB U+1F1F7\t🇫🇷\tFLAG: FRANCE',
    'U+1F1EB\t🇫\tREGIONAL INDICATOR SYMBOL LETTER F',
    'U+1F1F7\t🇷\tREGIONAL INDICATOR SYMBOL LETTER R',
    "3 characters in '🇫🇷'",
  ]);
  const family = await ask('👍🏽👨‍👩‍👧');
  assert.equal(family[0], 'U+1F44D U+1F3FD\t👍🏽\tTHUMBS UP: MEDIUM SKIN TONE');
  assert.equal(family[3], 'U+1F468 U+200D U+1F469 U+200D U+1F467\t👨‍👩‍👧\tFAMILY: MAN, WOMAN, GIRL');
});

test('in JSON a sequence has its code points as an array, and its kind', async () => {
  const { client } = await LineClient.ready(served.port);
  client.send('/format json\r\n');
  await client.until((unread) => unread.endsWith('\r\n'));
  client.send('flag france\r\n');
  const text = await client.until((unread) => unread.includes('"query"') && unread.endsWith('\r\n'));
  client.close();
  const first = JSON.parse(text.split('\r\n')[0]);
  assert.deepEqual(first, { cp: ['U+1F1EB', 'U+1F1F7'], char: '🇫🇷', name: 'FLAG: FRANCE', kind: 'flag', block: 'Enclosed Alphanumeric Supplement', category: 'So', age: '6.0', via: 'name' });
});

test('filters treat sequences by their first code point and newest age', async () => {
  assert.ok((await ask('flag france emoji')).includes('U+1F1EB U+1F1F7\t🇫🇷\tFLAG: FRANCE'));
  assert.ok(!(await ask('flag france -emoji')).includes('U+1F1EB U+1F1F7\t🇫🇷\tFLAG: FRANCE'));
  assert.ok((await ask('woman technologist block:emoticons')).every((line) => !line.includes('TECHNOLOGIST')));
  assert.ok((await ask('woman technologist age:6.0')).includes('U+1F469 U+200D U+1F4BB\t👩‍💻\tWOMAN TECHNOLOGIST'));
});

test('tone: keeps one skin-tone variant of each emoji instead of six; entries without variants stay', async () => {
  // The phrase keeps out the SignWriting hands that `thumbs` finds as THUMB (search/expansions.ts).
  // The emoji (CLDR names it) before the Wingdings hand; the chosen tone stands for 👍.
  assert.deepEqual(await ask('"thumbs up" tone:dark'), ['U+1F44D U+1F3FF\t👍🏿\tTHUMBS UP: DARK SKIN TONE', 'U+1F592\t🖒\tREVERSED THUMBS UP SIGN', "2 matches for '\"thumbs up\" tone:dark'"]);
  assert.deepEqual(await ask('"thumbs up" tone:none'), ['U+1F44D\t👍\tTHUMBS UP SIGN', 'U+1F592\t🖒\tREVERSED THUMBS UP SIGN', "2 matches for '\"thumbs up\" tone:none'"]);
  const words = await ask('thumbs up tone:dark');
  assert.deepEqual(words.slice(0, 2), ['U+1F44D U+1F3FF\t👍🏿\tTHUMBS UP: DARK SKIN TONE', 'U+1F592\t🖒\tREVERSED THUMBS UP SIGN'], 'THUMBS as typed first, THUMB after');
  assert.deepEqual(await ask('woman technologist tone:medium'), ['U+1F469 U+1F3FD U+200D U+1F4BB\t👩🏽‍💻\tWOMAN TECHNOLOGIST: MEDIUM SKIN TONE', "1 match for 'woman technologist tone:medium'"]);
  assert.equal((await ask('flag france tone:dark'))[0], 'U+1F1EB U+1F1F7\t🇫🇷\tFLAG: FRANCE');
  assert.deepEqual(await ask('cat tone:purple'), ["error: no skin tone 'purple'; tones: none, light, medium-light, medium, medium-dark, dark"]);
});

test('/tone sets a default tone for the connection; a tone: in the query still wins; /tone alone shows it', async () => {
  const { client } = await LineClient.ready(served.port);
  try {
    assert.deepEqual(await client.ask('/tone'), ['tone: all (every skin-tone variant; /tone medium shows one of each)']);
    assert.deepEqual(await client.ask('/tone medium dark'), ['tone: medium-dark (the medium-dark variant of each emoji that has them; /tone all shows every variant)']);
    assert.deepEqual(await client.ask('"thumbs up"'), ['U+1F44D U+1F3FE\t👍🏾\tTHUMBS UP: MEDIUM-DARK SKIN TONE', 'U+1F592\t🖒\tREVERSED THUMBS UP SIGN', "2 matches for '\"thumbs up\"'"]);
    assert.deepEqual((await client.ask('"thumbs up" tone:light'))[0], 'U+1F44D U+1F3FB\t👍🏻\tTHUMBS UP: LIGHT SKIN TONE');
    assert.deepEqual(await client.ask('/tone purple'), ["error: /tone takes all, none, light, medium-light, medium, medium-dark, dark; not 'purple'"]);
    await client.ask('/tone all');
    assert.equal((await client.ask('"thumbs up"')).at(-1), "7 matches for '\"thumbs up\"'");
  } finally {
    client.close();
  }
});

test('the JSON status says how many matches are sequences', async () => {
  const { client } = await LineClient.ready(served.port);
  client.send('/format json\r\n"thumbs up"\r\n');
  const text = await client.until((unread) => unread.includes('"query"'));
  client.close();
  const status = JSON.parse(text.split('\r\n').find((line) => line.includes('"query"'))!);
  assert.equal(status.count, 7);
  assert.equal(status.sequences, 5);
});

test('code points that together are a sequence show that sequence first', async () => {
  assert.deepEqual(await ask('U+1F1EB U+1F1F7'), [
    'U+1F1EB U+1F1F7\t🇫🇷\tFLAG: FRANCE',
    'U+1F1EB\t🇫\tREGIONAL INDICATOR SYMBOL LETTER F',
    'U+1F1F7\t🇷\tREGIONAL INDICATOR SYMBOL LETTER R',
    "3 matches for 'U+1F1EB U+1F1F7'",
  ]);
  assert.deepEqual(await ask('U+0041 U+0042'), ['U+0041\tA\tLATIN CAPITAL LETTER A', 'U+0042\tB\tLATIN CAPITAL LETTER B', "2 matches for 'U+0041 U+0042'"]);
});
