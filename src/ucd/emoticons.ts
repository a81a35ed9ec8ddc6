/**
 * Build time: the emoticons people type for an emoji (`:)` 🙂, `<3` ❤️,
 * `:D` 😄), from emojibase-data's `emoticon` field (en/data.json; 49 emoji,
 * 63 emoticons). CLDR has none to speak of: its English keywords hold `<3`
 * for 🫰 and 🫶 only. Each emoticon with eyes (`:` or `;`) is also taken
 * with a nose (`:-)`, `;-P`), the way many people type them.
 * See src/index/emoticons.ts for how the table is read.
 */
import { createRequire } from 'node:module';
import { TYPED_KINDS, type EmoticonSections, type TypedKind } from '../index/emoticons.js';

export interface Emoticon {
  text: string;
  /** The emoji's code points, as emojibase writes them (U+FE0F included). */
  codePoints: number[];
  /** An emoticon unless said otherwise: the table also holds shortcodes typed as they are (`+1`). */
  kind?: TypedKind;
}

interface EmojibaseEmoji {
  emoji: string;
  emoticon?: string | string[];
}

export const EMOTICONS_SOURCE = 'emojibase-data en/data.json (emoticon), with noses';

const EYES_THEN_MOUTH = /^([>]?[:;])([^-'].*)$/;

/** `:-)` for `:)`; null for an emoticon without eyes to put a nose after (`<3`, `xD`, `:'(`). */
function withNose(emoticon: string): string | null {
  const parts = EYES_THEN_MOUTH.exec(emoticon);
  return parts ? `${parts[1]}-${parts[2]}` : null;
}

export function readEmoticons(): Emoticon[] {
  const require = createRequire(import.meta.url);
  const data = require('emojibase-data/en/data.json') as EmojibaseEmoji[];
  const given = data.flatMap(({ emoji, emoticon }) =>
    (emoticon === undefined ? [] : [emoticon].flat()).map((text) => ({ text, codePoints: [...emoji].map((ch) => ch.codePointAt(0)!) })),
  );
  const taken = new Set(given.map(({ text }) => text));
  const nosed = given.flatMap(({ text, codePoints }) => {
    const nose = withNose(text);
    return nose === null || taken.has(nose) ? [] : [{ text: nose, codePoints }];
  });
  return [...given, ...nosed];
}

/** The table's sections: emoticons in code unit order, and each one's entry. `entryOf` gives -1 for an emoji the index lacks. */
export function buildEmoticonTable(emoticons: readonly Emoticon[], entryOf: (codePoints: readonly number[]) => number): EmoticonSections {
  const byText = new Map<string, number>();
  const kindOf = new Map<string, TypedKind>();
  for (const { text, codePoints, kind } of emoticons) {
    const entry = entryOf(codePoints);
    if (entry < 0 || byText.has(text)) continue;
    byText.set(text, entry);
    kindOf.set(text, kind ?? 'emoticon');
  }
  const texts = [...byText.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const encoded = texts.map((text) => Buffer.from(text, 'utf8'));
  const offsets = new Uint32Array(texts.length + 1);
  encoded.forEach((bytes, k) => (offsets[k + 1] = offsets[k] + bytes.length));
  const kinds = Uint8Array.from(texts, (text) => TYPED_KINDS.indexOf(kindOf.get(text)!));
  return { texts: Buffer.concat(encoded), offsets, entries: Uint32Array.from(texts, (text) => byText.get(text)!), kinds };
}
