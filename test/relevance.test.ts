import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQueries, parseWanted } from '../scripts/relevance/queries.js';
import { answerKey, rankOf, score, worstFirst } from '../scripts/relevance/score.js';
import { extractTokens, pickerSearch } from '../scripts/relevance/emojiPickerPeer.js';

const SMILEY = [0x1f600];
const SLIGHT_SMILE = [0x1f642];
const SMILE = [0x2323];
const FRANCE = [0x1f1eb, 0x1f1f7];
const REGIONAL_F = [0x1f1eb];

test('a query line: wanted alternatives by space, a sequence joined by +, comments skipped', () => {
  const [query] = parseQueries('# query\twanted\tcategory\tnote\nflag france\t1F1EB+1F1F7 1F3F3\tsequence/flag/skin-tone\n');
  assert.deepEqual(query, { text: 'flag france', wanted: [FRANCE, [0x1f3f3]], category: 'sequence/flag/skin-tone', note: '' });
  assert.throws(() => parseWanted('1F600 smile'), /'smile' is not a code point/);
  assert.throws(() => parseQueries('smile\t1F600\n'), /line 1: want query, wanted code points and category/);
});

test('the rank is the position of the first acceptable answer, counted from 1', () => {
  assert.equal(rankOf([SMILE, SLIGHT_SMILE, SMILEY], [SMILEY, SLIGHT_SMILE]), 2);
  assert.equal(rankOf([SMILEY], [SMILEY]), 1);
  assert.equal(rankOf([SMILE], [SMILEY]), null);
  assert.equal(rankOf([], [SMILEY]), null);
});

test('a sequence is found only whole: its first code point alone is another answer', () => {
  assert.equal(rankOf([REGIONAL_F, FRANCE], [FRANCE]), 2);
  assert.equal(rankOf([FRANCE], [REGIONAL_F]), null);
});

test('emoji presentation (U+FE0F) does not make another answer', () => {
  assert.equal(answerKey([0x2764, 0xfe0f]), answerKey([0x2764]));
  assert.equal(rankOf([[0x1f3f3, 0x200d, 0x1f308]], [[0x1f3f3, 0xfe0f, 0x200d, 0x1f308]]), 1);
});

test('a lazy ranking is read only as far as the wanted answer', () => {
  const read: number[] = [];
  const ranking = { length: 1_000_000, at: (position: number) => (read.push(position), position === 4 ? SMILEY : SMILE) };
  assert.equal(rankOf(ranking, [SMILEY]), 5);
  assert.deepEqual(read, [0, 1, 2, 3, 4]);
});

test('scores: shares first, in the top 3, top 10, at all, and the mean reciprocal rank', () => {
  assert.deepEqual(score([1, 2, 5, 20, null]), { queries: 5, first: 0.2, top3: 0.4, top10: 0.6, found: 0.8, mrr: (1 + 1 / 2 + 1 / 5 + 1 / 20) / 5 });
  assert.deepEqual(score([]), { queries: 0, first: 0, top3: 0, top10: 0, found: 0, mrr: 0 });
});

test('misses worst first: not found, then the deepest rank', () => {
  const misses = [{ rank: 2, q: 'a' }, { rank: null, q: 'b' }, { rank: 9, q: 'c' }, { rank: null, q: 'd' }];
  assert.deepEqual(worstFirst(misses).map(({ q }) => q), ['b', 'd', 'c', 'a']);
});

test("the emoji picker's rules: every word a token, the last a prefix; emoticons kept whole", () => {
  const emoji = (codePoint: number, order: number, tokens: string[]) => ({ codePoints: [codePoint], order, tokens: new Set(tokens) });
  const emojis = [emoji(0x1f642, 2, ['face', 'slightly', 'smiling', ':)']), emoji(0x1f600, 1, ['face', 'grinning', 'smile'])];
  assert.deepEqual(pickerSearch(emojis, 'smil').map((found) => found.codePoints[0]), [0x1f600, 0x1f642]);
  assert.deepEqual(pickerSearch(emojis, 'smil face').map((found) => found.codePoints[0]), []);
  assert.deepEqual(pickerSearch(emojis, ':)').map((found) => found.codePoints[0]), [0x1f642]);
  assert.deepEqual(extractTokens('flag: Japan'), ['flag', 'japan']);
  assert.deepEqual(extractTokens(':D'), [':d']);
});
