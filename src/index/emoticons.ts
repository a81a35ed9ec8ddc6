/**
 * Emoticons and their emoji (`:)` → 🙂 😃), a table built at build time (see
 * src/ucd/emoticons.ts, which states the order of an emoticon's emoji). A
 * query that is exactly an emoticon, as typed (`:D` and `:d` differ), finds
 * its emoji first, in that order. So does a shortcode that a query's words
 * cannot spell (`+1`, `:+1:` → 👍; see src/ucd/shortcodes.ts): the table
 * says which of the two each text is.
 *
 * The map is filled once, when the table is first needed, with views of the
 * entries section: a lookup allocates nothing.
 */

/** What a text of the table is, by the id its `kinds` section holds. */
export const TYPED_KINDS = ['emoticon', 'shortcode'] as const;
export type TypedKind = (typeof TYPED_KINDS)[number];

export interface EmoticonSections {
  /** The emoticons' UTF-8, one after another, in code unit order. */
  texts: Buffer;
  /** Where each emoticon starts in `texts`, and where the last ends. */
  offsets: Uint32Array;
  /** Where each emoticon's emoji start in `entries`, and where the last one's end. */
  entryStarts: Uint32Array;
  /** The emoji's entries, emoticon after emoticon, each emoticon's in its order. */
  entries: Uint32Array;
  /** Each emoticon's kind (TYPED_KINDS). */
  kinds: Uint8Array;
}

/** Emoticons are short: anything longer (or blank) is looked no further at. */
const LONGEST_EMOTICON = 12;

const NO_ENTRIES = new Uint32Array(0);

export class EmoticonTable {
  private readonly byText = new Map<string, Uint32Array>();
  private readonly shortcodes = new Set<string>();

  constructor({ texts, offsets, entryStarts, entries, kinds }: EmoticonSections) {
    for (let k = 0; k < kinds.length; k++) {
      const text = texts.toString('utf8', offsets[k], offsets[k + 1]);
      this.byText.set(text, entries.subarray(entryStarts[k], entryStarts[k + 1]));
      if (TYPED_KINDS[kinds[k]] === 'shortcode') this.shortcodes.add(text);
    }
  }

  get size(): number {
    return this.byText.size;
  }

  /** The entries of the emoji an emoticon stands for, first first; empty for a text that is none. Not to be written to. */
  entriesOf(text: string): Uint32Array {
    if (text.length > LONGEST_EMOTICON || text.includes(' ')) return NO_ENTRIES;
    return this.byText.get(text) ?? NO_ENTRIES;
  }

  /** Whether a text of the table is an emoticon or a shortcode. */
  kindOf(text: string): TypedKind {
    return this.shortcodes.has(text) ? 'shortcode' : 'emoticon';
  }
}
