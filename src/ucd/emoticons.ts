/**
 * Build time: the emoticons people type for an emoji (`:)` 🙂, `<3` ❤️,
 * `:D` 😄), from two maintained lists, since neither alone has what people
 * type: emojibase-data's `emoticon` field (en/data.json; 49 emoji, 63
 * emoticons; `8)` but no `B)`, `>:(` for 👿 only) and wooorm's `emoticon`
 * package (29 emoji, 322 emoticons, its variants already spelled out: `B)`
 * 😎, `>:(` 😠, `T-T` 😢). CLDR has none to speak of: its English keywords
 * hold `<3` for 🫰 and 🫶 only.
 *
 * emojibase's spellings are widened by emojibase's own
 * `generateEmoticonPermutations` (`:)` → `:-)`, `=)`, `:]`, `:}`…; `:p` →
 * `:P`), so the variants are the data library's, not a rule of ours. Its
 * face permutations (other mouths and eyes, a nose) are for faces only: an
 * emoticon is a face when emojibase files its emoji under a face subgroup
 * (`face-smiling`, `cat-face`…; meta/groups.json), so `<3` gets no `<-3`
 * and `\m/` only its `\M/`; the vampire's `:E` and the mage's `:{>`, filed
 * under people, are kept as spelled.
 *
 * An emoticon may stand for several emoji (`:)` is 🙂 in emojibase, 😃 in
 * wooorm's list). Each is kept, once, in this order: the emoji a source
 * spells the emoticon for before those it is only a generated permutation
 * of (`:-)` is wooorm's own for 😃 and emojibase's 🙂 by permutation: 😃
 * first); then emojibase before wooorm's list (`>:(` 👿 then 😠); then as
 * each source lists them. So an emoticon's own spelling always wins over
 * another's permutation. In emojibase 17 no permutation is another emoji's
 * own emojibase spelling; 55 are wooorm's own for another emoji. Together:
 * 482 emoticons, 70 of them with several emoji.
 * See src/index/emoticons.ts for how the table is read.
 */
import { createRequire } from 'node:module';
import { generateEmoticonPermutations } from 'emojibase';
import { emoticon as wooormEmoticons } from 'emoticon';
import { TYPED_KINDS, type EmoticonSections, type TypedKind } from '../index/emoticons.js';

export interface Emoticon {
  text: string;
  /** The emoji's code points, as its source writes them (U+FE0F included or not). */
  codePoints: number[];
  /** An emoticon unless said otherwise: the table also holds shortcodes typed as they are (`+1`). */
  kind?: TypedKind;
  /** A permutation of a source's spelling (`:-)` of `:)`), not a spelling the source gives itself. */
  generated?: boolean;
}

interface EmojibaseEmoji {
  emoji: string;
  subgroup?: number;
  emoticon?: string | string[];
}

interface EmojibaseGroups {
  subgroups: Record<string, string>;
}

export const EMOTICONS_SOURCE = "emojibase-data en/data.json (emoticon) with emojibase's generateEmoticonPermutations; wooorm's emoticon";

const codePointsOf = (emoji: string) => [...emoji].map((ch) => ch.codePointAt(0)!);

/** emojibase's emoticons, each with its permutations after it, then wooorm's list, in the order `buildEmoticonTable` ranks sources. */
export function readEmoticons(): Emoticon[] {
  const require = createRequire(import.meta.url);
  const data = require('emojibase-data/en/data.json') as EmojibaseEmoji[];
  const { subgroups } = require('emojibase-data/meta/groups.json') as EmojibaseGroups;
  const emojibase = data.flatMap(({ emoji, subgroup, emoticon }) => {
    const isFace = subgroup !== undefined && /\bface\b/.test(subgroups[subgroup] ?? '');
    const codePoints = codePointsOf(emoji);
    return (emoticon === undefined ? [] : [emoticon].flat()).flatMap((own) => [
      { text: own, codePoints },
      ...generateEmoticonPermutations(own, { isFace })
        .filter((text) => text !== own)
        .map((text) => ({ text, codePoints, generated: true })),
    ]);
  });
  const wooorm = wooormEmoticons.flatMap(({ emoji, emoticons }) => emoticons.map((text) => ({ text, codePoints: codePointsOf(emoji) })));
  return [...emojibase, ...wooorm];
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The table's sections: emoticons in code unit order, each with its emoji's
 * entries, own spellings before generated ones and otherwise in the order
 * given, each entry once. `entryOf` gives -1 for an emoji the index lacks.
 * A text's kind is that of its first row (an emoticon or a shortcode).
 */
export function buildEmoticonTable(emoticons: readonly Emoticon[], entryOf: (codePoints: readonly number[]) => number): EmoticonSections {
  const ranked = [...emoticons.filter(({ generated }) => !generated), ...emoticons.filter(({ generated }) => generated)];
  const byText = new Map<string, number[]>();
  const kindOf = new Map<string, TypedKind>();
  for (const { text, codePoints, kind } of ranked) {
    const entry = entryOf(codePoints);
    if (entry < 0) continue;
    const entries = byText.get(text);
    if (entries === undefined) {
      byText.set(text, [entry]);
      kindOf.set(text, kind ?? 'emoticon');
    } else if (!entries.includes(entry)) entries.push(entry);
  }
  const texts = [...byText.keys()].sort(byCodeUnits);
  const encoded = texts.map((text) => Buffer.from(text, 'utf8'));
  const offsets = new Uint32Array(texts.length + 1);
  encoded.forEach((bytes, k) => (offsets[k + 1] = offsets[k] + bytes.length));
  const entryStarts = new Uint32Array(texts.length + 1);
  texts.forEach((text, k) => (entryStarts[k + 1] = entryStarts[k] + byText.get(text)!.length));
  const kinds = Uint8Array.from(texts, (text) => TYPED_KINDS.indexOf(kindOf.get(text)!));
  return { texts: Buffer.concat(encoded), offsets, entryStarts, entries: Uint32Array.from(texts.flatMap((text) => byText.get(text)!)), kinds };
}
