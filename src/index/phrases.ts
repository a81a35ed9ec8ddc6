/**
 * "Is the query exactly this character's name?" Names, aliases and CLDR
 * short names are found in a table of phrase hashes (32-bit FNV-1a), one
 * binary search. A name or alias hit is confirmed against its text (names
 * joined the table in INDEX_FORMAT 14: before, they were found by
 * intersecting the words' name lists, which for a query with `with` or `of`
 * walked lists of thousands). A short-name hit is not (the texts
 * stay on disk until /lang needs them): a collision — about one query in
 * 20,000 — could at worst list a character that matches every query word
 * among the exact keyword matches instead of after them.
 */

/** Where an exact match comes from (for the table's phrases, stored in the low byte of an entry). */
export const PHRASE_NAME = 0;
/** The name without a trailing SIGN or SYMBOL: `plus` is PLUS SIGN's exact match. */
export const PHRASE_NAME_GENERIC = 1;
export const PHRASE_ALIAS = 2;
export const PHRASE_INFORMAL_ALIAS = 3;
/** An emoji shortcode (`:thumbsup:`), one of the aliases: an emoji's name in chat apps, ranked as an English short name is. */
export const PHRASE_SHORTCODE = 4;
/**
 * An HTML entity name (`&sqrt;`) that is no word of a Unicode name or an
 * English CLDR keyword: the whole query being it means its character, ranked
 * below an alias (src/ucd/htmlEntities.ts). Entity names that are such words
 * (`&smile;`, `&cap;`) have no phrase: they are words to find by only.
 */
export const PHRASE_HTML = 5;
/** CLDR short names: PHRASE_CLDR + language id. */
export const PHRASE_CLDR = 6;

/** Words a name may end with that say only what kind of thing it is. */
export const GENERIC_NAME_ENDINGS = new Set(['sign', 'symbol']);

/** Phrase hashes are found through their top 16 bits: a bucket's hashes are a handful, searched within. */
export const PHRASE_BUCKETS = 0x1_0000;

/**
 * Where the (ascending) hashes of each bucket start, the end last: made at
 * build time (a cold pass over 500,000 hashes was 4 ms of a server's first
 * query), 256 KB read at start.
 */
export function phraseBucketStarts(hashes: Uint32Array): Uint32Array {
  const starts = new Uint32Array(PHRASE_BUCKETS + 1);
  let at = 0;
  for (let bucket = 0; bucket <= PHRASE_BUCKETS; bucket++) {
    while (at < hashes.length && hashes[at] >>> 16 < bucket) at++;
    starts[bucket] = at;
  }
  return starts;
}

/** A space's UTF-16 code unit, hashed between the words. */
const SPACE = 0x20;

/**
 * FNV-1a over the UTF-16 code units of the words joined by spaces, hashed
 * word by word with the space between: the same value as over the joined
 * string (the build's table is made with this function), without making it.
 * On the diverse bench's parsed query words 0.21 → 0.095 µs a call; on words
 * sliced from a longer text (the build's) slower, 0.21 → 0.37 µs, a few tens
 * of milliseconds of a build.
 */
export function phraseHash(words: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (let w = 0; w < words.length; w++) {
    if (w > 0) hash = Math.imul(hash ^ SPACE, 0x01000193);
    const word = words[w];
    for (let k = 0; k < word.length; k++) hash = Math.imul(hash ^ word.charCodeAt(k), 0x01000193);
  }
  return hash >>> 0;
}
