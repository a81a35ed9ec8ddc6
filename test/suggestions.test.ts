// The did-you-mean table (index/suggestions.ts) on small fixtures: its deletion
// table finds every word within the allowed edits, as measuring every word would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedEdits, bigrams, editDistance, forEachDeletion, SUGGEST_IN_KEYWORD, SUGGEST_IN_NAME, SuggestionTable } from '../src/index/suggestions.js';
import { buildSuggestionTable, deletionTable } from '../src/ucd/suggestionTable.js';

const WORDS = [
  'face', 'fact', 'faced', 'facet', 'cat', 'cot', 'coat', 'act', 'ka', 'an', 'ab', 'ok', 'aa', 'smile', 'smiling', 'smiley',
  'elephant', 'eleven', 'arrow', 'narrow', 'heart', 'hearts', 'earth', 'tête', 'tete', 'café', 'кот', 'кит', '𝔸bc', 'x'.repeat(41), 'x'.repeat(43),
];

function tableOf(words: readonly string[]): SuggestionTable {
  return new SuggestionTable(buildSuggestionTable(words.map((word, k) => ({ word, weight: k + 1, flags: k % 3 === 0 ? SUGGEST_IN_KEYWORD : SUGGEST_IN_NAME }))));
}

/** What a lookup must find: every word within the allowed edits, measured one by one, in the table's order. */
function measured(words: readonly string[], word: string, wanted: number, max: number): { word: string; distance: number }[] {
  if (word.length > 40) return [];
  const limit = allowedEdits(word);
  const grams = bigrams(word);
  const found = words.flatMap((candidate, k) => {
    const flags = k % 3 === 0 ? SUGGEST_IN_KEYWORD : SUGGEST_IN_NAME;
    const distance = editDistance(word, candidate, limit);
    // As the bigram count asked: near a short word, a shared bigram (`ak` is no typo of `ka`).
    const shares = grams.length - 3 * limit >= 1 || bigrams(candidate).some((gram) => grams.includes(gram));
    return candidate !== word && (flags & wanted) !== 0 && distance <= limit && shares && candidate.length >= 2 ? [{ word: candidate, distance, weight: k + 1 }] : [];
  });
  found.sort((a, b) => a.distance - b.distance || b.weight - a.weight || (a.word < b.word ? -1 : 1));
  return found.slice(0, max).map(({ word: w, distance }) => ({ word: w, distance }));
}

test('a word and its variants of up to two deletions hash alike to the ones of the other words they become', () => {
  const hashes = (word: string, limit: number) => {
    const found: [number, number][] = [];
    forEachDeletion(word, limit, (hash, deleted) => found.push([hash, deleted]));
    return found;
  };
  assert.deepEqual(hashes('face', 0).map(([, deleted]) => deleted), [0]);
  // `aab` without either `a` is one variant, once; with two deleted, every pair.
  assert.deepEqual(hashes('aab', 1).map(([, deleted]) => deleted), [0, 1, 1]);
  assert.equal(hashes('aab', 2).filter(([, deleted]) => deleted === 2).length, 3);
  const [[fcae]] = hashes('fcae', 0);
  assert.ok(hashes('face', 2).some(([hash]) => hash === hashes('fce', 0)[0][0]));
  assert.ok(hashes('fcae', 1).some(([hash]) => hashes('face', 1).some(([other]) => other === hash)), 'a swap is one deletion on each side');
  assert.notEqual(fcae, hashes('face', 0)[0][0]);
});

test('the deletion table puts a word in each half of a bucket once, the variants of one deletion first', () => {
  const { deletionStarts, deletionWords } = deletionTable(['ab', 'abc']);
  const buckets = (deletionStarts.length - 1) / 2;
  assert.equal(buckets & (buckets - 1), 0);
  assert.equal(deletionStarts.at(-1), deletionWords.length);
  const wordsAt = (variant: string, half: number) => {
    let slot = -1;
    forEachDeletion(variant, 0, (hash) => (slot = 2 * (hash & (buckets - 1)) + half));
    return Array.from(deletionWords.subarray(deletionStarts[slot], deletionStarts[slot + 1]));
  };
  // `a` is `ab` less one unit and `abc` less two; `ab` is `abc` less one and itself.
  assert.ok(wordsAt('a', 0).includes(0));
  assert.ok(wordsAt('a', 1).includes(1));
  assert.ok(wordsAt('ab', 0).includes(0) && wordsAt('ab', 0).includes(1));
  for (const half of [0, 1]) for (const variant of ['a', 'ab', 'b', '']) assert.equal(new Set(wordsAt(variant, half)).size, wordsAt(variant, half).length);
});

test('nearest words are every word within the allowed edits, nearest and weightiest first, as measuring each would find', () => {
  const table = tableOf(WORDS);
  const typos = ['fcae', 'fase', 'cta', 'ak', 'ka', 'a', 'smilling', 'elephnat', 'arow', 'hart', 'tète', 'tet', 'кат', '𝔸b', 'abc', 'x'.repeat(40), 'x'.repeat(42), 'zzz', ''];
  for (const typo of [...typos, ...WORDS]) {
    for (const wanted of [SUGGEST_IN_NAME, SUGGEST_IN_KEYWORD, SUGGEST_IN_NAME | SUGGEST_IN_KEYWORD]) {
      assert.deepEqual(table.nearest(typo, wanted, 5), measured(WORDS, typo, wanted, 5), `${typo} ${wanted}`);
    }
  }
  assert.deepEqual(table.nearest('fcae', SUGGEST_IN_NAME | SUGGEST_IN_KEYWORD, 1), [{ word: 'face', distance: 1 }]);
  assert.equal(table.oneEditAway('smilin', SUGGEST_IN_NAME | SUGGEST_IN_KEYWORD), true);
  assert.equal(table.oneEditAway('smilling', SUGGEST_IN_NAME | SUGGEST_IN_KEYWORD), true);
  assert.equal(table.oneEditAway('zzz', SUGGEST_IN_NAME | SUGGEST_IN_KEYWORD), false);
});
