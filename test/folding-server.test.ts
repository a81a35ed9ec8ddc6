// Folding over a socket: what a person types, what comes back (the index of data/, as the server loads it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForThisFile } from './support/server.js';
import { LineClient } from '../scripts/line-client.js';

const served = serverForThisFile();

async function ask(line: string, settings: string[] = []): Promise<string[]> {
  const { client } = await LineClient.ready(served.port);
  for (const setting of settings) await client.ask(setting);
  const reply = await client.ask(line);
  client.socket.destroy();
  return reply;
}

/** The code points of a reply's result lines. */
const codePoints = (reply: string[]) => reply.filter((line) => line.startsWith('U+')).map((line) => line.split('\t')[0]);

test('diacritics and case fold: tete finds tête, corazon corazón', async () => {
  const tete = await ask('tete');
  assert.ok(tete.some((line) => line.startsWith('U+2620\t')), '☠ is tête de mort in French');
  const corazon = codePoints(await ask('corazon'));
  assert.ok(corazon.includes('U+2764'), '❤ is corazón in Spanish');
});

test('plural and singular: hearts finds HEART, box drawing finds BOX DRAWINGS', async () => {
  assert.ok(codePoints(await ask('hearts')).includes('U+2665'));
  for (const line of ['box drawings light horizontal', 'box drawing light horizontal']) {
    assert.equal(codePoints(await ask(line))[0], 'U+2500', line);
  }
});

test('synonyms the data gives: umlaut is DIAERESIS, lambda is LAMDA, right is RIGHTWARDS', async () => {
  assert.deepEqual(codePoints(await ask('u umlaut')).slice(0, 2), ['U+00FC', 'U+00DC']);
  assert.ok(codePoints(await ask('capital lambda')).includes('U+039B'));
  assert.ok(codePoints(await ask('double arrow right')).includes('U+21D2'), '⇒ RIGHTWARDS DOUBLE ARROW');
});

test('numbers, joined words, small words', async () => {
  assert.ok(codePoints(await ask('circled 1')).slice(0, 3).includes('U+2460'), 'CIRCLED DIGIT ONE among the first (🔂, an emoji with CIRCLED ONE in its name, may come first)');
  assert.deepEqual(codePoints(await ask('forall')), ['U+2200']);
  assert.equal(codePoints(await ask('plus or minus'))[0], 'U+00B1');
});

test('the last word as a prefix, and verb forms, when the words as typed match nothing', async () => {
  assert.ok(codePoints(await ask('thumbs u')).includes('U+1F44D'));
  // `pout` is a word (😡 :pout:), `cat` too, but no character has both: POUTING CAT FACE has pouting.
  assert.deepEqual(codePoints(await ask('pout cat')), ['U+1F63E']);
});

test('/match names keeps to whole official name words: no variants, no prefix', async () => {
  assert.ok(!codePoints(await ask('hearts', ['/match names'])).includes('U+2665'));
  assert.deepEqual(codePoints(await ask('thumbs u', ['/match names'])), []);
});
