/**
 * Build time: emoji shortcodes, what people type in chat apps and on GitHub
 * (`:thumbsup:`, `:tada:`, `:joy:`, `:flag-us:`), from emojibase-data's
 * shortcode sets (en/shortcodes/*.json: hexcode → one shortcode or several).
 * CLDR calls 😂 `face with tears of joy`; GitHub, Slack and Discord call it `joy`.
 *
 *   github     GitHub's gemoji names (`+1`, `thumbsup`, `smiley`, `tada`, `uk`)
 *   iamcal     Slack's (iamcal/emoji-data): GitHub's, plus `flag-xx` for every flag
 *   joypixels  JoyPixels' (`slight_smile`, `sick`, `flag_de`)
 *   emojibase  emojibase's own, descriptive (`usa`, `united_kingdom`, `salute`, `lol`)
 *
 * Each becomes an alias of its entry (a code point, or a sequence: a flag, a
 * keycap, a ZWJ sequence; looked up without U+FE0F, as CLDR writes keys), of
 * type `shortcode`, written as a shortcode is (`:thumbs_up:`), so `/info` and
 * an explanation say where the word came from. The platforms' shortcodes are
 * what an emoji is called there, and a query that is one finds it first (see
 * isExactShortcode); emojibase's own are its editors' words for an emoji,
 * words to find it by like a keyword: its `lol` is 😆, where CLDR, and
 * people, mean 😂 as much. Skin-tone variants (`thumbsup_tone1`) are left
 * out, as their keywords are (see sequences.ts): they are found by their
 * names, `thumbs up dark`.
 *
 * A shortcode that is no run of words (`+1`, `-1`: a query's words drop the
 * sign) is returned apart, to be matched as typed, like an emoticon.
 */
import { createRequire } from 'node:module';
import { textWords } from '../index/words.js';

/** The sets read, and whether each is a platform's (whose shortcodes are an emoji's name there). */
export const SHORTCODE_SETS = [
  { set: 'github', platform: true },
  { set: 'iamcal', platform: true },
  { set: 'joypixels', platform: true },
  { set: 'emojibase', platform: false },
] as const;

export const SHORTCODES_SOURCE = `emojibase-data en/shortcodes (${SHORTCODE_SETS.map(({ set }) => set).join(', ')})`;

export interface Shortcode {
  code: string;
  /** Some platform's set gives it (not emojibase's own alone). */
  platform: boolean;
}

export interface Shortcodes {
  /** Per emoji (its code points without U+FE0F, as a string): its shortcodes in set order, each once. */
  byEmoji: Map<string, Shortcode[]>;
  /** Shortcodes a query's words cannot spell, with their emoji: to be matched as typed (`+1`, `:+1:`). */
  typed: { text: string; codePoints: number[]; kind: 'shortcode' }[];
}

const VARIATION_SELECTOR_16 = 0xfe0f;
const SKIN_TONES = { first: 0x1f3fb, last: 0x1f3ff };
/** Words (letters, digits) joined by `_` or `-`: what textWords() splits back into the same words. */
const RUN_OF_WORDS = /^[\p{L}\p{N}]+(?:[_-][\p{L}\p{N}]+)*$/u;

function codePointsOf(hexcode: string): number[] {
  return hexcode.split('-').map((hex) => parseInt(hex, 16));
}

/** The shortcodes of emojibase-data's tables (hexcode → shortcode or shortcodes), each with whether it is a platform's. */
export function collectShortcodes(tables: readonly { table: Record<string, string | string[]>; platform: boolean }[]): Shortcodes {
  const byEmoji = new Map<string, Shortcode[]>();
  const typed: Shortcodes['typed'] = [];
  const typedSeen = new Set<string>();
  for (const { table, platform } of tables) {
    for (const [hexcode, given] of Object.entries(table)) {
      const codePoints = codePointsOf(hexcode);
      if (codePoints.length > 1 && codePoints.some((cp) => cp >= SKIN_TONES.first && cp <= SKIN_TONES.last)) continue;
      const key = String.fromCodePoint(...codePoints.filter((cp) => cp !== VARIATION_SELECTOR_16));
      for (const code of [given].flat()) {
        if (!RUN_OF_WORDS.test(code)) {
          for (const text of [code, `:${code}:`]) {
            if (typedSeen.has(text)) continue;
            typedSeen.add(text);
            typed.push({ text, codePoints, kind: 'shortcode' });
          }
          continue;
        }
        let known = byEmoji.get(key);
        if (!known) byEmoji.set(key, (known = []));
        const same = known.find((shortcode) => shortcode.code === code);
        if (!same) known.push({ code, platform });
        else same.platform ||= platform;
      }
    }
  }
  return { byEmoji, typed };
}

export function readShortcodes(): Shortcodes {
  const load = createRequire(import.meta.url);
  return collectShortcodes(SHORTCODE_SETS.map(({ set, platform }) => ({ table: load(`emojibase-data/en/shortcodes/${set}.json`) as Record<string, string | string[]>, platform })));
}

/** How a shortcode is shown as an alias: between colons, as it is typed (`:thumbs_up:`). */
export function shortcodeAlias(shortcode: string): string {
  return `:${shortcode}:`;
}

/**
 * Whether a whole query that is the shortcode means its emoji (ranked as an
 * English short name is). Only a platform's (see above), and not one of a
 * letter or two (`:a:` 🅰, `:x:` ❌, `:m:` Ⓜ, `:it:` 🇮🇹): `a` is still the
 * letter, as a flag's region code is never an exact answer. Nor one that is the emoji's own name or
 * English short name in another order (`arrow_right` for ➡ RIGHT ARROW): those
 * words in their order are already its name; in another, they are not the
 * shortcode's to claim (`arrow right` is → RIGHTWARDS ARROW as much).
 */
export function isExactShortcode({ code, platform }: Shortcode, ownNames: readonly (readonly string[])[]): boolean {
  if (!platform) return false;
  const words = textWords(code);
  if (words.join('').length <= 2) return false;
  const sorted = [...words].sort().join(' ');
  return !ownNames.some((name) => [...name].sort().join(' ') === sorted);
}
