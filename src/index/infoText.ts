/**
 * `/info` on the wire: a block of `key: value` lines for people, one JSON
 * object for programs (the same object GET /api/char sends). Every value
 * that could hold a control (notes, keywords, readings, the character
 * itself) goes through display.ts's rules: the character column shows a
 * stand-in, text is echoed with \u{…} escapes.
 *
 *   code point: U+00E9
 *   character: é
 *   name: LATIN SMALL LETTER E WITH ACUTE
 *   …
 *   decomposition: 0065 0301
 *   uppercase: U+00C9 É
 *   …
 *   utf-8: C3 A9
 */
import type { CharInfo, CldrNames, CodePointBrief, EntryInfo, SequenceInfo } from './charInfo.js';
import { displayForm, escapeForTerminal, escapeUnsafe } from './display.js';
import { CRLF, jsonLine } from './display.js';

/** Unihan fields and the keys they are shown under. */
const UNIHAN_KEYS: Record<string, string> = {
  kDefinition: 'definition',
  kMandarin: 'mandarin',
  kCantonese: 'cantonese',
  kJapanese: 'japanese',
  kJapaneseOn: 'japanese on',
  kJapaneseKun: 'japanese kun',
  kKorean: 'korean',
  kHangul: 'hangul',
};

/** Why a surrogate has no bytes or reference. */
const NOT_ENCODABLE = 'none (a surrogate code point is not a character)';
const NO_REFERENCE = 'none (the reference would give U+FFFD)';

/** Joiners and selectors a terminal only draws with: raw in a sequence's column, so 👨‍👩‍👧 stays one picture. */
const SEQUENCE_FORMAT_CHARACTERS = /^[\u200c\u200d\u{e0020}-\u{e007f}]$/u;

const hexOf = (cp: string): string => cp.slice(2);
const codePointOf = (cp: string): number => parseInt(hexOf(cp), 16);

/** The text reply: the block's lines, each ending in CRLF. */
export function infoText(info: EntryInfo): string {
  return (info.kind === 'char' ? charLines(info) : sequenceLines(info)).map(([key, value]) => `${key}: ${value}${CRLF}`).join('');
}

/** The JSON reply: one object, the one the HTTP API sends. */
export function infoJson(info: EntryInfo): string {
  return jsonLine(info);
}

function brief({ cp, name, category }: CodePointBrief): string {
  return `${cp} ${displayForm(codePointOf(cp), category)} ${name}`.replace(/ {2,}/g, ' ');
}

function mapped(codePoints: string[]): string {
  const text = codePoints.map((cp) => String.fromCodePoint(codePointOf(cp))).join('');
  return `${codePoints.join(' ')} ${escapeForTerminal(text)}`;
}

function charLines(info: CharInfo): [string, string][] {
  const lines: [string, string][] = [
    ['code point', info.cp],
    ['character', displayForm(codePointOf(info.cp), info.category)],
    ['name', info.name],
  ];
  for (const { alias, type } of info.aliases) lines.push([`alias (${type})`, alias]);
  for (const alias of info.informalAliases) lines.push(['informal alias', escapeForTerminal(alias)]);
  lines.push(['block', info.block], ['script', info.script], ['category', `${info.category} (${info.categoryName})`], ['age', info.age ?? 'unassigned']);
  if (info.bidiClass) lines.push(['bidi class', info.bidiClass]);
  if (info.eastAsianWidth) lines.push(['east asian width', info.eastAsianWidth]);
  if (info.decomposition) {
    const { type, codePoints } = info.decomposition;
    lines.push(['decomposition', `${type === 'canonical' ? '' : `<${type}> `}${codePoints.map(hexOf).join(' ')}`]);
  }
  if (info.uppercase.length) lines.push(['uppercase', mapped(info.uppercase)]);
  if (info.lowercase.length) lines.push(['lowercase', mapped(info.lowercase)]);
  if (info.titlecase.length) lines.push(['titlecase', mapped(info.titlecase)]);
  if (info.numeric) lines.push(['numeric value', `${info.numeric.value} (${info.numeric.type})`]);
  if (info.emoji.length) lines.push(['emoji', info.emoji.join(', ')]);
  for (const reference of info.seeAlso) lines.push(['see also', brief(reference)]);
  for (const note of info.notes) lines.push(['note', escapeForTerminal(note)]);
  lines.push(...cldrLines(info.cldr));
  for (const [field, value] of Object.entries(info.unihan)) lines.push([UNIHAN_KEYS[field] ?? field, escapeForTerminal(value)]);
  return [...lines, ...writtenLines(info)];
}

function sequenceLines(info: SequenceInfo): [string, string][] {
  const lines: [string, string][] = [
    ['sequence', info.cp],
    ['characters', sequenceColumn(info)],
  ];
  if (info.name !== null) lines.push(['name', escapeForTerminal(info.name)]);
  if (info.sequenceKind !== null) lines.push(['kind', info.sequenceKind]);
  for (const { alias, type } of info.aliases) lines.push([`alias (${type})`, escapeForTerminal(alias)]);
  if (info.age !== null) lines.push(['age', info.age]);
  lines.push(...cldrLines(info.cldr));
  lines.push(['code points', String(info.codePoints.length)]);
  for (const part of info.codePoints) lines.push([part.cp, brief(part).slice(part.cp.length + 1)]);
  return [...lines, ...writtenLines(info)];
}

/** The sequence as typed, with anything a terminal could act on escaped (but joiners kept). */
function sequenceColumn(info: SequenceInfo): string {
  return escapeUnsafe(info.char, (ch) => (SEQUENCE_FORMAT_CHARACTERS.test(ch) ? ch : `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`));
}

function cldrLines(cldr: CldrNames[]): [string, string][] {
  const lines: [string, string][] = [];
  for (const { language, name, keywords } of cldr) {
    if (name !== null) lines.push([`cldr name (${language})`, escapeForTerminal(name)]);
    if (keywords.length) lines.push([`cldr keywords (${language})`, escapeForTerminal(keywords.join(' | '))]);
  }
  return lines;
}

function writtenLines({ encodings, escapes, data }: EntryInfo): [string, string][] {
  return [
    ['utf-8', encodings.utf8 ?? NOT_ENCODABLE],
    ['utf-16', encodings.utf16 ?? NOT_ENCODABLE],
    ['utf-32', encodings.utf32 ?? NOT_ENCODABLE],
    ['html', escapes.html ?? NO_REFERENCE],
    ['css', escapes.css ?? NO_REFERENCE],
    ['javascript', escapes.javascript],
    ['python', escapes.python],
    ['rust', escapes.rust ?? 'none (Rust refuses a surrogate escape)'],
    ['url', escapes.url ?? NOT_ENCODABLE],
    ['data', `Unicode ${data.unicode}, Emoji ${data.emoji}, CLDR ${data.cldr}`],
  ];
}
