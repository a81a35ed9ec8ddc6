// Words read for what they name when the words as typed match nothing
// (search/propertyWords.ts), flags by language (ucd/flagLanguages.ts), and
// how much of a name a query covers with per-name kind words (index/words.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CharIndex } from '../src/index/charIndex.js';
import { ScriptNames } from '../src/index/words.js';
import { flagNamesByRegion } from '../src/ucd/flagLanguages.js';
import { romanisation } from '../src/ucd/transliterations.js';
import { exactWordsOf } from '../src/search/smallWords.js';
import { answerCodePoints, answerEntries } from './support/nameMatches.js';
import { parseQuery } from '../src/query/parse.js';
import { hasVerbFormInIndex } from '../src/search/expansions.js';
import { withVerbForms } from '../src/search/relaxed.js';

const index = CharIndex.load();
const first = (line: string, count = 1) => answerCodePoints(index, line).slice(0, count);

test('a word naming a script, beside words that match nothing with it, is that script: its ideographs by their meanings', () => {
  // `kanji` is in no name: the words as typed find nothing, so `kanji` reads as script:Han.
  assert.deepEqual(first('kanji water'), [0x6c34]);
  assert.deepEqual(first('kanji water'), first('water script:han'));
  assert.deepEqual(first('hanzi mountain'), [0x5c71]);
  // A language's English name stands for the script it is likely written in.
  assert.ok(first('chinese horse', 3).includes(0x99ac));
  // Without the reading, ideographs come after every name and keyword: water is 🌊 and 💧 before 水.
  assert.notEqual(first('water')[0], 0x6c34);
  // Words that match as typed keep their answer: JAPANESE CASTLE, not a reading.
  assert.deepEqual(first('japanese castle'), [0x1f3ef]);
});

test('a script word beside words only Unihan definitions have together reads as its filter: chinese dragon', () => {
  // 㡣 is defined with both `chinese` and `dragon`; the reading `dragon script:Han` finds 龍 and 龙, defined as dragon.
  assert.deepEqual(first('chinese dragon', 2), first('dragon script:han', 2));
  assert.ok(first('chinese dragon', 2).includes(0x9f8d));
});

test('participles and adverbs find each other, after the words as typed: curved arrow, approximately', () => {
  // Expected before looking: ↩ (CLDR: right arrow curving left) among the curved arrows; ≈ (CLDR: approximate).
  assert.ok(answerCodePoints(index, 'curved arrow').includes(0x21a9));
  const approximately = answerCodePoints(index, 'approximately');
  assert.ok(approximately.includes(0x2248));
  assert.equal(approximately[0], 0x2245, 'APPROXIMATELY EQUAL TO, as typed, first');
});

test('Cyrillic and Greek letters by their romanisation: cyrillic yo is ё, greek th θ', () => {
  assert.equal(romanisation(0x451, 'CYRILLIC SMALL LETTER IO', 'Cyrillic', 'Ll'), 'yo');
  // One letter is no word; a word the name has is nothing new; other scripts and non-letters get none.
  assert.equal(romanisation(0x430, 'CYRILLIC SMALL LETTER A', 'Cyrillic', 'Ll'), null);
  assert.equal(romanisation(0x44e, 'CYRILLIC SMALL LETTER YU', 'Cyrillic', 'Ll'), null);
  assert.equal(romanisation(0x448, 'CYRILLIC SMALL LETTER SHA', 'Cyrillic', 'Ll'), 'sh');
  assert.equal(romanisation(0x5d0, 'HEBREW LETTER ALEF', 'Hebrew', 'Lo'), null);
  assert.equal(romanisation(0x482, 'CYRILLIC THOUSANDS SIGN', 'Cyrillic', 'So'), null);
  assert.deepEqual(first('cyrillic yo', 2), [0x451, 0x401]);
  assert.equal(first('greek th')[0], 0x3b8);
  // Never an exact answer: `yo` alone is 🪀 YO-YO first.
  assert.equal(first('yo')[0], 0x1fa80);
});

test('a word naming a general category reads as its filter: uppercase, lowercase', () => {
  assert.deepEqual(first('uppercase n tilde'), [0xd1]);
  assert.ok(answerCodePoints(index, 'lowercase sigma').every((cp) => index.category(index.indexOf(cp)) === 'Ll'));
  // Never in /match names: the book's semantics, whole name words only.
  assert.deepEqual(answerCodePoints(index, 'uppercase n tilde', { match: 'names' }), []);
  assert.ok(!answerCodePoints(index, 'kanji water', { match: 'names' }).includes(0x6c34));
});

test('flags by the language of their country, when each is the other\'s likely one', () => {
  const names = flagNamesByRegion(['en', 'de', 'fr', 'cy', 'ca', 'pt', 'pt-PT']);
  assert.deepEqual(names.get('DE'), ['German flag']);
  assert.deepEqual(names.get('FR'), ['French flag']);
  assert.deepEqual(names.get('US'), ['English flag']);
  assert.deepEqual(names.get('BR'), ['Portuguese flag']);
  // Welsh is likely in GB, but GB's language is English; Catalan is likely in ES, whose language is Spanish.
  assert.equal(names.get('GB'), undefined);
  assert.equal(names.get('ES'), undefined);
  // 🇫🇷 before FLAG: FRENCH GUIANA and FRENCH POLYNESIA, whose names hold both words.
  assert.deepEqual(answerEntries(index, 'french flag')[0], [0x1f1eb, 0x1f1f7]);
  assert.deepEqual(answerEntries(index, 'german flag')[0], [0x1f1e9, 0x1f1ea]);
});

test('kind words are a name\'s own: its script\'s, a script that begins it, case words of letters', () => {
  const names = new ScriptNames(['Common', 'Greek', 'Old_Italic', 'Devanagari', 'Zanabazar_Square', 'Seal', 'Hiragana']);
  const scripts = ['Common', 'Greek', 'Old_Italic', 'Devanagari', 'Zanabazar_Square', 'Seal', 'Hiragana'];
  const content = (name: string, script: string, cased = false) => [...names.contentWords(name.toLowerCase().split(/[ -]/), scripts.indexOf(script), cased)];
  assert.deepEqual(content('GREEK SMALL LETTER ALPHA', 'Greek', true), ['alpha']);
  assert.deepEqual(content('OLD ITALIC LETTER A', 'Old_Italic'), ['a']);
  assert.deepEqual(content('HIRAGANA LETTER SMALL A', 'Hiragana'), ['small', 'a']);
  assert.deepEqual(content('BLACK SQUARE', 'Common'), ['black', 'square']);
  assert.deepEqual(content('BLACK SMALL SQUARE', 'Common'), ['black', 'small', 'square']);
  assert.deepEqual(content('DEVANAGARI DANDA', 'Common'), ['danda']);
  assert.deepEqual(content('SEAL', 'Common'), ['seal']);
  assert.deepEqual(content('ZANABAZAR SQUARE LETTER KA', 'Zanabazar_Square'), ['ka']);
});

test('an exact match is sought with digits spelt out when the words as typed are no whole name', () => {
  assert.deepEqual(exactWordsOf(index, ['subscript', '2'], 'all').words, ['subscript', 'two']);
  assert.deepEqual(exactWordsOf(index, ['subscript', 'two'], 'all').words, ['subscript', 'two']);
  assert.deepEqual(exactWordsOf(index, ['subscript', '2'], 'names').words, ['subscript', '2']);
  assert.deepEqual(exactWordsOf(index, ['subscript', '2'], 'all').matches.map(({ char }) => index.codePoint(char)), [0x2082]);
});

test('a whole query in one other language finds its words in any of that language\'s keywords: cara de gato', () => {
  // `de` is English vocabulary too (FLEUR-DE-LIS), and a word of the Spanish short name of 🐱.
  assert.deepEqual(answerEntries(index, 'cara de gato')[0], [0x1f431]);
  // Beside English words, a foreign word still counts only as a whole keyword, and one entry's words come from one language.
  assert.deepEqual(answerEntries(index, 'drapeau france')[0], [0x1f1eb, 0x1f1f7]);
});

test('words matching only through other languages keep their answer; a prefix reading that matches by name still answers (thumbs u)', async () => {
  const { parseQuery } = await import('../src/query/parse.js');
  const { filterNamesOf } = await import('../src/query/filters.js');
  const { DEFAULT_SETTINGS } = await import('../src/query/settings.js');
  const { searchIndex } = await import('../src/search/search.js');
  const search = (line: string, relax: boolean) => {
    const query = parseQuery(line, filterNamesOf(index.header));
    assert.equal(query.kind, 'search');
    return searchIndex(index, query as Extract<typeof query, { kind: 'search' }>, DEFAULT_SETTINGS, undefined, relax, relax);
  };
  // `кот морда` is Russian for 😺 and 😸: the prefix reading `кот морда*` is not taken, whether or not it is run.
  for (const line of ['кот морда', 'gato cara', 'osso esqueleto cão']) {
    const typed = search(line, false);
    const answered = search(line, true);
    assert.ok(typed.total > 0, line);
    assert.equal(answered.readAs, undefined, line);
    assert.deepEqual(answered.segments.map(({ chars }) => [...chars]), typed.segments.map(({ chars }) => [...chars]), line);
  }
  assert.equal(search('thumbs u', true).readAs, 'thumbs u*');
});

test('the verb forms reading marks only the words that have a verb form in the index, and is not made when none has', () => {
  const search = (line: string) => {
    const query = parseQuery(line);
    if (query.kind !== 'search') throw new Error(line);
    return query;
  };
  const held = (word: string) => hasVerbFormInIndex(index, word);
  // POUTING is a name word; `catting`, `cated` are no words of the index.
  assert.equal(held('pout'), true);
  assert.equal(held('cat'), false);
  assert.deepEqual(withVerbForms(search('pout cat'), held)?.terms, [
    { kind: 'word', word: 'pout', verbForms: true },
    { kind: 'word', word: 'cat' },
  ]);
  assert.equal(withVerbForms(search('cat zebra'), held), null);
  assert.deepEqual(answerCodePoints(index, 'pout cat'), [0x1f63e]);
});
