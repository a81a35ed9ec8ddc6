import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldWord } from '../src/index/folding.js';
import { derivations, inflections, numberVariant } from '../src/search/expansions.js';
import { countQueryRules, dataSynonyms, foldedWordTable, oneEditApart } from '../src/ucd/folding.js';
import { Vocabulary, DensePostings } from '../src/index/vocabulary.js';
import { FoldedWords } from '../src/index/folding.js';
import { encodeVocabulary } from '../src/ucd/postingLists.js';
import { parseQuery } from '../src/query/parse.js';
import { withLastWordAsPrefix, withVerbForms } from '../src/search/relaxed.js';
import { requiredTerms } from '../src/search/smallWords.js';

test('folding removes Latin, Greek and Cyrillic diacritics, and case', () => {
  assert.equal(foldWord('tête'), 'tete');
  assert.equal(foldWord('corazón'), 'corazon');
  assert.equal(foldWord('Straße'), 'strasse');
  assert.equal(foldWord('ø'), 'o');
  assert.equal(foldWord('łódź'), 'lodz');
  assert.equal(foldWord('œuvre'), 'oeuvre');
  assert.equal(foldWord('ἄλφα'), 'αλφα');
  assert.equal(foldWord('ёж'), 'еж');
});

test('folding keeps the vowel signs of other scripts', () => {
  assert.equal(foldWord('नमस्ते'), 'नमस्ते');
  assert.equal(foldWord('ไทย'), 'ไทย');
});

test('a folded word table leads from the folded form to every word folding to it', () => {
  const words = encodeVocabulary(['corazon', 'corazón', 'córazon', 'tête', 'cat']).words;
  const table = foldedWordTable(words);
  assert.equal(table.foldedWords, 3);
  const folded = new FoldedWords(new Vocabulary(table.vocabulary, table.offsets, [new DensePostings(table.starts, table.ids)], table.slots), vocabularyOf(words));
  assert.deepEqual(folded.unfold('corazon').sort(), ['corazón', 'córazon']);
  assert.deepEqual(folded.unfold('tete'), ['tête']);
  assert.deepEqual(folded.unfold('cat'), []);
});

function vocabularyOf(words: string[]): Vocabulary {
  const encoded = encodeVocabulary(words);
  return new Vocabulary(encoded.bytes, encoded.offsets, [], encoded.slots);
}

test('singular and plural, both ways; verb forms only when asked', () => {
  assert.ok(inflections('hearts').includes('heart'));
  assert.ok(inflections('degrees').includes('degree'));
  assert.ok(inflections('boxes').includes('box'));
  assert.ok(inflections('cherries').includes('cherry'));
  assert.ok(inflections('leaves').includes('leaf'));
  assert.ok(inflections('drawing').includes('drawings'));
  assert.ok(inflections('box').includes('boxes'));
  assert.ok(!inflections('roll').includes('rolling'));
  assert.ok(inflections('roll', true).includes('rolling'));
  assert.ok(inflections('rolling', true).includes('roll'));
  assert.ok(inflections('smiling', true).includes('smile'));
  assert.ok(!inflections('star', true).includes('stared'));
});

test('one participle for the other, an adverb for its adjective and back', () => {
  assert.ok(inflections('curved').includes('curving'));
  assert.ok(inflections('curving').includes('curved'));
  assert.ok(inflections('approximately').includes('approximate'));
  assert.ok(inflections('happily').includes('happy'));
  assert.ok(inflections('slight').includes('slightly'));
  assert.ok(inflections('happy').includes('happily'));
  // A base form has no participle without `verbForms` (`bike` is not BIKING).
  assert.ok(!inflections('curve').includes('curving'));
  assert.ok(!inflections('bed').includes('bing'));
});

test('ellipses and ellipsis; a verb\'s noun, never a noun\'s verb', () => {
  assert.ok(inflections('ellipses').includes('ellipsis'));
  assert.ok(inflections('ellipsis').includes('ellipses'));
  assert.ok(derivations('sum').includes('summation'));
  assert.ok(derivations('divide').includes('division'));
  assert.ok(derivations('multiply').includes('multiplication'));
  assert.ok(derivations('approximate').includes('approximation'));
  assert.deepEqual(derivations('notation'), []);
  assert.deepEqual(derivations('hearts'), []);
});

test('no inflection of words that only look plural, or of short stems', () => {
  assert.deepEqual(inflections('plus').filter((form) => form.length < 4), []);
  assert.ok(!inflections('cross').includes('cros'));
  assert.ok(!inflections('axis').includes('axi'));
  assert.ok(!inflections('us').length);
  assert.ok(!inflections('bed', true).includes('b'));
});

test('the build counts the words each query rule gives a variant, skipping words that can have none', () => {
  // cherry/cherries and knife/knives share less than the word; running → run, leaves → leaf share less still.
  const words = encodeVocabulary(['heart', 'hearts', 'heartbeat', 'cherry', 'cherries', 'knife', 'knives', 'run', 'running', 'leaf', 'leaves', 'smile', 'smiling', 'right', 'rightwards', 'one', '1', 'cat', 'кот', 'the']).words;
  const held = new Set(words);
  assert.equal(
    countQueryRules(words, (word) => held.has(word)),
    '8 words with another number, participle or adverb form (11 with -ing and -ed), 1 with a -wards form, 2 with a number form',
  );
});

test('digits and number words', () => {
  assert.equal(numberVariant('1'), 'one');
  assert.equal(numberVariant('two'), '2');
  assert.equal(numberVariant('20'), 'twenty');
  assert.equal(numberVariant('21'), null);
  assert.equal(numberVariant('01'), null);
});

test('synonyms from informal aliases: re-spellings free in their script, one-word aliases of combining marks', () => {
  assert.ok(oneEditApart('lambda', 'lamda'));
  assert.ok(!oneEditApart('lambda', 'lambda'));
  assert.ok(!oneEditApart('shekel', 'sheqal'));
  const { header, respellings, markAliases } = dataSynonyms(
    [
      { name: 'GREEK SMALL LETTER LAMDA', category: 'Ll', script: 'Greek', informalAliases: ['lambda'] },
      { name: 'LATIN SMALL LETTER LAMBDA', category: 'Ll', script: 'Latin', informalAliases: [] },
      { name: 'GREEK SMALL LETTER FINAL SIGMA', category: 'Ll', script: 'Greek', informalAliases: ['stigma'] },
      { name: 'GREEK LETTER STIGMA', category: 'Lu', script: 'Greek', informalAliases: [] },
      { name: 'COMBINING DIAERESIS', category: 'Mn', script: 'Inherited', informalAliases: ['double dot above', 'umlaut'] },
    ],
    (word) => ['lambda', 'stigma', 'double', 'dot', 'above'].includes(word) || word.length > 6,
  );
  assert.deepEqual(header.synonyms, [
    ['lambda', ['lamda']],
    ['umlaut', ['diaeresis']],
  ]);
  assert.equal(respellings, 1);
  assert.equal(markAliases, 1);
});

test('small words are optional beside other words, not alone, not in /match names', () => {
  const terms = (line: string) => {
    const query = parseQuery(line);
    assert.equal(query.kind, 'search');
    return query.kind === 'search' ? query.terms : [];
  };
  assert.deepEqual(requiredTerms(terms('plus or minus'), 'all'), terms('plus minus'));
  assert.deepEqual(requiredTerms(terms('the'), 'all'), terms('the'));
  assert.deepEqual(requiredTerms(terms('plus or minus'), 'names'), terms('plus or minus'));
});

test('relaxed readings: verb forms, and the last word as a prefix when it ends the line', () => {
  const search = (line: string) => {
    const query = parseQuery(line);
    if (query.kind !== 'search') throw new Error(line);
    return query;
  };
  assert.deepEqual(withLastWordAsPrefix(search('thumbs u'))?.terms, [
    { kind: 'word', word: 'thumbs' },
    { kind: 'prefix', prefix: 'u' },
  ]);
  assert.equal(withLastWordAsPrefix(search('cat U+1F600..U+1F64F')), null);
  assert.equal(withLastWordAsPrefix(search('"thumbs up"')), null);
  assert.equal(withLastWordAsPrefix(search('hamb*')), null);
  assert.deepEqual(withVerbForms(search('eye roll'))?.terms, [
    { kind: 'word', word: 'eye', verbForms: true },
    { kind: 'word', word: 'roll', verbForms: true },
  ]);
});
