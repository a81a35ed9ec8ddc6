/**
 * Build time: HTML's named character references, how web developers (and
 * people used to TeX's words) name characters: `&approx;`, `&Sqrt;`, `&iff;`,
 * `&rarr;`, `&hellip;`, `&mdash;`, `&nbsp;`. Unicode's names do not have
 * these words, so without them `sqrt` finds no √.
 *
 * Source: the package `character-entities` (wooorm), WHATWG's list as an
 * object name → text: 2,125 names. 2,032 are one code point, of 1,446
 * characters; 93 are two (`&nvlt;` is < U+20D2, `&fjlig;` is fj), kept only
 * where they are a sequence of the index, else counted as skipped (the build
 * report says how many). Case duplicates merged, 2,005 names of single code
 * points remain.
 *
 * Every name of a character is kept (→ is `&rarr;`, `&rightarrow;`,
 * `&srarr;`, `&ShortRightArrow;`…: each is what somebody types), but names
 * that differ only by case are one (`&RightArrow;` is `&rightarrow;` to a
 * search, whose words are lower case): the lower-case spelling is kept where
 * there is one. Names that differ by case and mean different characters stay
 * apart (`&rarr;` →, `&rArr;` ⇒, `&Rarr;` ↠).
 *
 * They are filed as aliases of type `html`, spelt as they are typed
 * (`&approx;`). Many entity names are ordinary English words that mean
 * something else to a person (`&smile;` is ⌣, `&cap;` ∩, `&dash;` U+2010,
 * `&phone;` ☎, `&in;` ∈): those are only words to find a character by, as an
 * informal alias's are. The others, words no Unicode name and no English
 * CLDR keyword has (`sqrt`, `approx`, `iff`, `implies`, `hellip`, `rarr`),
 * are HTML's own names for their character: a query that is the whole of one
 * is ranked as meaning it (isExactEntity; the points in search/ranking.ts).
 */
import { characterEntities } from 'character-entities';

export const HTML_ENTITIES_SOURCE = 'character-entities (WHATWG named character references)';

export interface HtmlEntities {
  /** Per index entry: its entity names without `&` and `;`, each once whatever its case, in the table's order. */
  byEntry: Map<number, string[]>;
  /** Names filed, after case duplicates are merged. */
  names: number;
  /** Names that are several code points of no sequence of the index. */
  skipped: number;
}

/**
 * The entity names of each entry: `table` is name → text (character-entities'
 * shape), `entryOf` the index entry of some code points (a code point, or a
 * sequence of several), −1 for none.
 */
export function collectHtmlEntities(table: Readonly<Record<string, string>>, entryOf: (codePoints: readonly number[]) => number): HtmlEntities {
  const byEntry = new Map<number, string[]>();
  let skipped = 0;
  let names = 0;
  for (const [name, text] of Object.entries(table)) {
    const codePoints = [...text].map((char) => char.codePointAt(0)!);
    const entry = entryOf(codePoints);
    if (entry < 0) {
      skipped++;
      continue;
    }
    let known = byEntry.get(entry);
    if (!known) byEntry.set(entry, (known = []));
    const same = known.findIndex((other) => other.toLowerCase() === name.toLowerCase());
    if (same < 0) {
      known.push(name);
      names++;
    } else if (name === name.toLowerCase()) known[same] = name;
  }
  return { byEntry, names, skipped };
}

/** The entity names of each entry, from character-entities. */
export function readHtmlEntities(entryOf: (codePoints: readonly number[]) => number): HtmlEntities {
  return collectHtmlEntities(characterEntities, entryOf);
}

/**
 * Whether a query that is the whole entity name means its character: only
 * where the name is no word people already call characters by (a word of a
 * Unicode name or of an English CLDR keyword or short name), so `smile`
 * stays 🙂's and `cap` 🧢's, while `sqrt` is √.
 */
export function isExactEntity(name: string, isEverydayWord: (word: string) => boolean): boolean {
  return !isEverydayWord(name.toLowerCase());
}

/** How an entity name is shown as an alias: as it is typed in HTML (`&approx;`). */
export function htmlAlias(name: string): string {
  return `&${name};`;
}
