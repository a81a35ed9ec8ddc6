// The `diverse` scenario's queries: tens of thousands of distinct queries of
// the shapes people type, made from the index itself, so that no reply or
// search cache can answer most of them and the bench measures the search.
// The `small` mix is 16 queries: after the first second every one is a cache
// hit, which is why it could not see that the ranking model made uncached
// queries slower.
//
// Plain words only (no prefixes, filters or quotes), so the same list runs
// against any charfinder since the first and against the book's
// tcp_mojifinder.py. Made with a seeded generator over the index's names and
// keywords: the same index gives the same list, byte for byte (its digest is
// printed with the figures, to tell which list a run used).

import { createHash } from 'node:crypto';
import type { CharIndex } from '../src/index/charIndex.js';
import { entryChar, entryTag } from '../src/index/taggedChars.js';
import { nameWords } from '../src/index/words.js';

/** How many of each kind: names of characters, CLDR keywords of one entry, names of emoji sequences. */
export const DIVERSE_MIX = { names: 48_000, keywords: 9_000, sequences: 3_000 } as const;
/** One query in this many of the keyword kind takes another language's keywords (`кот морда`), not English ones. */
const OTHER_LANGUAGE_EVERY = 4;
const SEED = 0x5eed_c4a2;
/** Attempts per wanted query before a kind gives up (too few distinct queries of that kind). */
const ATTEMPTS_PER_QUERY = 20;

export interface DiverseQueries {
  queries: string[];
  /** Queries of each kind actually made. */
  made: { names: number; keywords: number; sequences: number };
  /** sha256 of the list, first 12 hex digits. */
  digest: string;
}

/**
 * Two to four words of one name (in the name's order, its rarest word always
 * among them, so most queries have one or a few matches, as a person's
 * would); two or three CLDR keyword words of one entry in one language; two
 * to four words of an emoji sequence's name. Shuffled together.
 */
export function diverseQueries(index: CharIndex, mix: { names: number; keywords: number; sequences: number } = DIVERSE_MIX): DiverseQueries {
  const random = mulberry32(SEED);
  const seen = new Set<string>();
  const take = (wanted: number, propose: () => string | null): number => {
    let made = 0;
    for (let attempt = 0; made < wanted && attempt < wanted * ATTEMPTS_PER_QUERY; attempt++) {
      const query = propose();
      if (query === null || seen.has(query)) continue;
      seen.add(query);
      made++;
    }
    return made;
  };
  const rarity = (word: string) => index.postings('name', word).length;

  const named = namedCharacters(index);
  const names = take(mix.names, () => nameQuery(nameWords(index.name(named[Math.floor(random() * named.length)])), rarity, random));

  const keywordsOf = keywordWordsByEntry(index);
  const english = index.languageId('en');
  const annotated = [...keywordsOf.keys()].sort((a, b) => a - b);
  const keywords = take(mix.keywords, () => {
    const byLanguage = keywordsOf.get(annotated[Math.floor(random() * annotated.length)])!;
    const others = [...byLanguage.keys()].filter((language) => language !== english).sort((a, b) => a - b);
    const language = random() * OTHER_LANGUAGE_EVERY < 1 && others.length > 0 ? others[Math.floor(random() * others.length)] : english;
    const words = byLanguage.get(language);
    return words && words.length >= 2 ? pick(words, 2 + Math.floor(random() * 2), random).join(' ') : null;
  });

  const firstSequence = index.size;
  const sequenceCount = index.entryCount - firstSequence;
  const sequences = take(mix.sequences, () => nameQuery(nameWords(index.name(firstSequence + Math.floor(random() * sequenceCount))), rarity, random));

  const queries = shuffle([...seen], random);
  const digest = createHash('sha256').update(queries.join('\n')).digest('hex').slice(0, 12);
  return { queries, made: { names, keywords, sequences }, digest };
}

/**
 * Code points with a name of their own: not the names made from a code point
 * (CJK UNIFIED IDEOGRAPH-4E00, TANGUT IDEOGRAPH-17000), which are two thirds
 * of the index and which nobody types.
 */
function namedCharacters(index: CharIndex): number[] {
  const chars: number[] = [];
  for (let i = 0; i < index.size; i++) {
    const name = index.name(i);
    if (name.startsWith('<')) continue;
    const hex = index.codePoint(i).toString(16).toUpperCase().padStart(4, '0');
    if (!name.endsWith(`-${hex}`)) chars.push(i);
  }
  return chars;
}

/** Two to four distinct words of a name in its order, the rarest among them; null for a name of fewer than two. */
function nameQuery(words: string[], rarity: (word: string) => number, random: () => number): string | null {
  const distinct = [...new Set(words)];
  if (distinct.length < 2) return null;
  const count = Math.min(distinct.length, 2 + Math.floor(random() * 3));
  const rarest = distinct.reduce((best, word) => (rarity(word) < rarity(best) ? word : best));
  const chosen = new Set([rarest, ...pick(distinct.filter((word) => word !== rarest), count - 1, random)]);
  return distinct.filter((word) => chosen.has(word)).join(' ');
}

/** Entry → language → its keyword words there (the keyword vocabulary inverted). */
function keywordWordsByEntry(index: CharIndex): Map<number, Map<number, string[]>> {
  const byEntry = new Map<number, Map<number, string[]>>();
  const vocabulary = index.postingsWithPrefix('keyword', '');
  for (let k = 0; k < vocabulary.count; k++) {
    const word = vocabulary.word(k);
    for (const entry of vocabulary.postings(k)) {
      const char = entryChar(entry);
      let languages = byEntry.get(char);
      if (!languages) byEntry.set(char, (languages = new Map()));
      const language = entryTag(entry);
      const words = languages.get(language);
      if (words) words.push(word);
      else languages.set(language, [word]);
    }
  }
  return byEntry;
}

/** `count` distinct items of `items` in random order (fewer if it has fewer). */
function pick<T>(items: readonly T[], count: number, random: () => number): T[] {
  return shuffle([...items], random).slice(0, count);
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let k = items.length - 1; k > 0; k--) {
    const other = Math.floor(random() * (k + 1));
    [items[k], items[other]] = [items[other], items[k]];
  }
  return items;
}

/** A small seeded generator (mulberry32): the same seed, the same list, on every machine and Node version. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
