/**
 * Emoji shortcodes (src/ucd/shortcodes.ts): read from a few lines of
 * emojibase-data's tables, then found through the search of the built index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEntry } from '../src/index/describeChar.js';
import { infoText } from '../src/index/infoText.js';
import { filterNamesOf } from '../src/query/filters.js';
import { parseQuery } from '../src/query/parse.js';
import { DEFAULT_SETTINGS } from '../src/query/settings.js';
import { answerQuery } from '../src/search/answer.js';
import { nextBatch } from '../src/search/matchLines.js';
import { collectShortcodes, isExactShortcode, shortcodeAlias } from '../src/ucd/shortcodes.js';
import { textWords } from '../src/index/words.js';
import { loadIndex } from './support/server.js';

test('shortcodes are read per emoji without U+FE0F, each once, skin tones left out, signs kept apart', () => {
  const github = { '1F44D': ['+1', 'thumbsup'], '2764': 'heart', '0023-FE0F-20E3': 'hash', '1F44D-1F3FB': 'thumbsup_tone1', '1F1EC-1F1E7': ['gb', 'uk'] };
  const emojibase = { '1F44D': ['+1', 'thumbsup', 'yes'], '1F1EC-1F1E7': ['flag_gb', 'uk', 'united_kingdom'] };
  const { byEmoji, typed } = collectShortcodes([
    { table: github, platform: true },
    { table: emojibase, platform: false },
  ]);
  assert.deepEqual(byEmoji.get('👍'), [
    { code: 'thumbsup', platform: true },
    { code: 'yes', platform: false },
  ]);
  assert.deepEqual(byEmoji.get('#\u20e3'), [{ code: 'hash', platform: true }]);
  assert.deepEqual(byEmoji.get('🇬🇧')?.map(({ code }) => code), ['gb', 'uk', 'flag_gb', 'united_kingdom']);
  assert.equal(byEmoji.get('👍🏻'), undefined);
  assert.deepEqual(typed.map(({ text }) => text), ['+1', ':+1:']);
  assert.equal(shortcodeAlias('thumbs_up'), ':thumbs_up:');
});

test('a platform shortcode is an exact answer, unless it is a letter or two, or its own name in another order', () => {
  const own = (...names: string[]) => names.map(textWords);
  assert.equal(isExactShortcode({ code: 'thumbsup', platform: true }, own('THUMBS UP SIGN', 'thumbs up')), true);
  assert.equal(isExactShortcode({ code: 'heart', platform: true }, own('HEAVY BLACK HEART', 'red heart')), true);
  assert.equal(isExactShortcode({ code: 'a', platform: true }, own('NEGATIVE SQUARED LATIN CAPITAL LETTER A')), false);
  assert.equal(isExactShortcode({ code: 'it', platform: true }, own('FLAG: ITALY')), false);
  assert.equal(isExactShortcode({ code: 'arrow_right', platform: true }, own('BLACK RIGHTWARDS ARROW', 'right arrow')), false);
  assert.equal(isExactShortcode({ code: 'lol', platform: false }, own('SMILING FACE WITH OPEN MOUTH AND TIGHTLY-CLOSED EYES')), false);
});

const index = loadIndex();
const names = filterNamesOf(index.header);

function lines(line: string): string[] {
  const query = parseQuery(line, names);
  assert.ok(query.kind === 'search' || query.kind === 'characters', line);
  const { lines: result } = answerQuery(index, query, DEFAULT_SETTINGS);
  return nextBatch(result, 0, result.total, 1 << 20).bytes.toString('utf8').split('\r\n').slice(0, -1);
}

test('through the search: a shortcode finds its emoji, says which, and claims no more than an emoji', () => {
  assert.deepEqual(lines('thumbsup'), ['U+1F44D\t👍\tTHUMBS UP SIGN [:thumbsup:]']);
  assert.equal(lines(':tada:')[0], 'U+1F389\t🎉\tPARTY POPPER [:tada:]');
  assert.equal(lines('+1')[0], 'U+1F44D\t👍\tTHUMBS UP SIGN [shortcode +1]');
  assert.equal(lines(':-1:')[0], 'U+1F44E\t👎\tTHUMBS DOWN SIGN [shortcode :-1:]');
  assert.equal(lines('uk flag')[0], 'U+1F1EC U+1F1E7\t🇬🇧\tFLAG: UNITED KINGDOM [:uk:]');
  assert.equal(lines('keycap hash')[0], 'U+0023 U+FE0F U+20E3\t#️⃣\tKEYCAP: # [:hash:]');
  assert.equal(lines('heart')[0], 'U+2764\t❤\tHEAVY BLACK HEART');
  // The name stays first where a shortcode is another character's name, or a letter.
  assert.equal(lines('euro')[0], 'U+20AC\t€\tEURO SIGN');
  assert.equal(lines('a')[0], 'U+0061\ta\tLATIN SMALL LETTER A');
});

test('/info lists the shortcodes as aliases', () => {
  const info = infoText(describeEntry(index, [0x1f44d], null)).split('\r\n');
  assert.ok(info.some((line) => /^alias \(shortcode\): :thumbsup:$/.test(line)), info.join('\n'));
  const flag = infoText(describeEntry(index, [0x1f1ec, 0x1f1e7], null)).split('\r\n');
  assert.ok(flag.some((line) => /^alias \(shortcode\): :uk:$/.test(line)), flag.join('\n'));
});
