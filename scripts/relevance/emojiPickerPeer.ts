/**
 * An emoji picker's search, re-implemented: emoji-picker-element's rules
 * (its database's extractTokens, normalizeTokens, transformEmojiData and
 * getEmojiBySearchQuery) over the data it loads by default, emojibase's
 * English data with emojibase shortcodes — here the emojibase-data package
 * we already depend on. Each emoji's tokens are the words of its shortcodes,
 * tags (CLDR keywords) and annotation, plus its emoticon; a query's words
 * must all be tokens, the last one as a prefix; results in emoji order.
 * Skin tones are a picker setting, not searchable; so are no regional indicators.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Peer, PeerRun } from './peer.js';
import type { CodePoints } from './queries.js';
import { answerKey } from './score.js';

interface EmojibaseEmoji {
  label: string;
  hexcode: string;
  group?: number;
  order?: number;
  tags?: string[];
  emoticon?: string | string[];
}

interface PickerEmoji {
  codePoints: number[];
  order: number;
  tokens: Set<string>;
}

/** Emoticons that are not all punctuation, kept whole (emoji-picker-element's list). */
const IRREGULAR_EMOTICONS = new Set([':D', 'XD', ":'D", 'O:)', ':X', ':P', ';P', 'XP', ':L', ':Z', ':j', '8D', 'XO', '8)', ':B', ':O', ':S', ":'o", 'Dx', 'X(', 'D:', ':C', '>0)', ':3', '</3', '<3', '\\M/', ':E', '8#']);
const MIN_SEARCH_TEXT_LENGTH = 2;

export function extractTokens(text: string): string[] {
  return text
    .split(/[\s_]+/)
    .map((word) => (!/\w/.test(word) || IRREGULAR_EMOTICONS.has(word) ? word.toLowerCase() : word.replace(/[)(:,]/g, '').replace(/’/g, "'").toLowerCase()))
    .filter(Boolean);
}

export function normalizeTokens(tokens: readonly string[]): string[] {
  return tokens
    .filter(Boolean)
    .map((token) => token.toLowerCase())
    .filter((token) => token.length >= MIN_SEARCH_TEXT_LENGTH);
}

function pickerEmoji(emoji: EmojibaseEmoji, shortcodes: string[]): PickerEmoji {
  const emoticons = emoji.emoticon === undefined ? [] : Array.isArray(emoji.emoticon) ? emoji.emoticon : [emoji.emoticon];
  const tokens = normalizeTokens([...shortcodes.flatMap(extractTokens), ...(emoji.tags ?? []).flatMap(extractTokens), ...extractTokens(emoji.label), ...emoticons]);
  return { codePoints: emoji.hexcode.split('-').map((hex) => parseInt(hex, 16)), order: emoji.order ?? Infinity, tokens: new Set(tokens) };
}

/** Every query word a token, the last one a prefix of a token (IndexedDB's bound(token, token + '\uffff')). */
export function pickerSearch(emojis: readonly PickerEmoji[], query: string): PickerEmoji[] {
  const words = normalizeTokens(extractTokens(query));
  if (words.length === 0) return [];
  const last = words.length - 1;
  return emojis
    .filter((emoji) => words.every((word, at) => (at < last ? emoji.tokens.has(word) : [...emoji.tokens].some((token) => token.startsWith(word)))))
    .sort((a, b) => a.order - b.order);
}

export function loadPickerEmojis(): PickerEmoji[] {
  const require = createRequire(import.meta.url);
  const data: EmojibaseEmoji[] = JSON.parse(readFileSync(require.resolve('emojibase-data/en/data.json'), 'utf8'));
  const shortcodes: Record<string, string | string[]> = JSON.parse(readFileSync(require.resolve('emojibase-data/en/shortcodes/emojibase.json'), 'utf8'));
  return data.filter((emoji) => emoji.group !== undefined).map((emoji) => pickerEmoji(emoji, [shortcodes[emoji.hexcode] ?? []].flat()));
}

export function emojiPickerPeer(): Peer {
  return {
    name: 'emoji-picker-element',
    rule: "its search rules re-implemented over emojibase-data en (tokens of shortcodes, tags, annotation; last word a prefix; emoji order)",
    async run(queries): Promise<PeerRun> {
      const emojis = loadPickerEmojis();
      const known = new Set(emojis.map((emoji) => answerKey(emoji.codePoints)));
      return {
        rankings: queries.map((query) => pickerSearch(emojis, query).map((emoji) => emoji.codePoints)),
        knows: (answer: CodePoints) => known.has(answerKey(answer)),
      };
    },
  };
}
