/**
 * Emoticons and their emoji (`:)` → 🙂), a table built at build time (see
 * src/ucd/emoticons.ts). A query that is exactly an emoticon, as typed
 * (`:D` and `:d` differ; emojibase lists `:p` and `:P` both), finds its emoji first.
 */

export interface EmoticonSections {
  /** The emoticons' UTF-8, one after another, in code unit order. */
  texts: Buffer;
  /** Where each emoticon starts in `texts`, and where the last ends. */
  offsets: Uint32Array;
  /** Each emoticon's entry. */
  entries: Uint32Array;
}

/** Emoticons are short: anything longer (or blank) is looked no further at. */
const LONGEST_EMOTICON = 12;

export class EmoticonTable {
  private readonly byText = new Map<string, number>();

  constructor({ texts, offsets, entries }: EmoticonSections) {
    for (let k = 0; k < entries.length; k++) this.byText.set(texts.toString('utf8', offsets[k], offsets[k + 1]), entries[k]);
  }

  get size(): number {
    return this.byText.size;
  }

  /** The entry of the emoji an emoticon stands for, or -1. */
  entryOf(text: string): number {
    if (text.length > LONGEST_EMOTICON || text.includes(' ')) return -1;
    return this.byText.get(text) ?? -1;
  }
}
