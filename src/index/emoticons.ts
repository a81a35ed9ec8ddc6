/**
 * Emoticons and their emoji (`:)` → 🙂), a table built at build time (see
 * src/ucd/emoticons.ts). A query that is exactly an emoticon, as typed
 * (`:D` and `:d` differ; emojibase lists `:p` and `:P` both), finds its emoji first.
 * So does a shortcode that a query's words cannot spell (`+1`, `:+1:` → 👍; see
 * src/ucd/shortcodes.ts): the table says which of the two each text is.
 */

/** What a text of the table is, by the id its `kinds` section holds. */
export const TYPED_KINDS = ['emoticon', 'shortcode'] as const;
export type TypedKind = (typeof TYPED_KINDS)[number];

export interface EmoticonSections {
  /** The emoticons' UTF-8, one after another, in code unit order. */
  texts: Buffer;
  /** Where each emoticon starts in `texts`, and where the last ends. */
  offsets: Uint32Array;
  /** Each emoticon's entry. */
  entries: Uint32Array;
  /** Each one's kind (TYPED_KINDS). */
  kinds: Uint8Array;
}

/** Emoticons are short: anything longer (or blank) is looked no further at. */
const LONGEST_EMOTICON = 12;

export class EmoticonTable {
  private readonly byText = new Map<string, number>();
  private readonly shortcodes = new Set<string>();

  constructor({ texts, offsets, entries, kinds }: EmoticonSections) {
    for (let k = 0; k < entries.length; k++) {
      const text = texts.toString('utf8', offsets[k], offsets[k + 1]);
      this.byText.set(text, entries[k]);
      if (TYPED_KINDS[kinds[k]] === 'shortcode') this.shortcodes.add(text);
    }
  }

  get size(): number {
    return this.byText.size;
  }

  /** The entry of the emoji an emoticon stands for, or -1. */
  entryOf(text: string): number {
    if (text.length > LONGEST_EMOTICON || text.includes(' ')) return -1;
    return this.byText.get(text) ?? -1;
  }

  /** Whether a text of the table is an emoticon or a shortcode. */
  kindOf(text: string): TypedKind {
    return this.shortcodes.has(text) ? 'shortcode' : 'emoticon';
  }
}
