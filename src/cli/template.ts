/**
 * `--format` templates, after uni's `-f`: `'%cp %char %name %utf8 %html'`
 * writes one line per match with each field replaced by its value. A field
 * is `%` and its name (the longest run of letters and digits), or `%(name)`
 * when letters follow (`%(cp)x`); `%%` is a percent sign and `\t` a tab. A
 * template is checked before any query runs, so a misspelt field is a usage
 * error, not a page of blank columns. Only the fields a template names are
 * computed (`%width` reads the property tables, the others do not).
 */
import type { CharIndex, CharDetails } from '../index/charIndex.js';
import { escapeForTerminal, formatCodePoint } from '../index/display.js';
import { encodingsOf, escapesOf } from '../index/encodings.js';
import type { Match } from '../search/matchLines.js';

/** One match as a template sees it; details are looked up once, when a field needs them. */
interface Row {
  index: CharIndex;
  match: Match;
  details(): CharDetails;
}

interface Field {
  name: string;
  describe: string;
  /** The value for U+00E9 é, shown in --help and docs/cli.md. */
  example: string;
  value(row: Row): string;
}

const hex = (value: number, digits: number) => value.toString(16).toUpperCase().padStart(digits, '0');
const codePoints = (row: Row) => row.match.codePoints;

/** `&eacute;` when HTML names it, else `&#xE9;` (each code point of a sequence); '' for U+0000 and surrogates, whose reference gives U+FFFD. */
function htmlReference(row: Row): string {
  const { index, match } = row;
  const entity = match.charIndex >= 0 ? index.aliases(match.charIndex).find(({ type }) => type === 'html') : undefined;
  return entity?.alias ?? escapesOf(match.codePoints).html ?? '';
}

/** Every field, in the order --help lists them. Values that can hold user-facing text (notes, short names) are escaped for a terminal. */
export const TEMPLATE_FIELDS: readonly Field[] = [
  { name: 'cp', describe: 'code point (a sequence: each)', example: 'U+00E9', value: (row) => codePoints(row).map(formatCodePoint).join(' ') },
  { name: 'char', describe: 'the character as shown (◌ before a mark, ␛ for ESC)', example: 'é', value: (row) => row.match.char },
  { name: 'name', describe: 'Unicode name (or a sequence’s)', example: 'LATIN SMALL LETTER E WITH ACUTE', value: (row) => row.match.name },
  { name: 'hex', describe: 'code point in hex, no U+', example: '00E9', value: (row) => codePoints(row).map((cp) => hex(cp, 4)).join(' ') },
  { name: 'dec', describe: 'code point in decimal', example: '233', value: (row) => codePoints(row).join(' ') },
  { name: 'utf8', describe: 'UTF-8 bytes in hex', example: 'C3 A9', value: (row) => encodingsOf(codePoints(row)).utf8 ?? '' },
  { name: 'utf16', describe: 'UTF-16 code units in hex', example: '00E9', value: (row) => encodingsOf(codePoints(row)).utf16 ?? '' },
  { name: 'utf32', describe: 'UTF-32 in hex', example: '000000E9', value: (row) => encodingsOf(codePoints(row)).utf32 ?? '' },
  { name: 'html', describe: 'HTML entity, else numeric reference', example: '&eacute;', value: htmlReference },
  { name: 'css', describe: 'CSS escape', example: '\\E9', value: (row) => escapesOf(codePoints(row)).css ?? '' },
  { name: 'js', describe: 'JavaScript escape', example: '\\u00E9', value: (row) => escapesOf(codePoints(row)).javascript },
  { name: 'python', describe: 'Python escape', example: '\\u00E9', value: (row) => escapesOf(codePoints(row)).python },
  { name: 'rust', describe: 'Rust escape', example: '\\u{00E9}', value: (row) => escapesOf(codePoints(row)).rust ?? '' },
  { name: 'url', describe: 'percent-encoded UTF-8', example: '%C3%A9', value: (row) => escapesOf(codePoints(row)).url ?? '' },
  { name: 'block', describe: 'block', example: 'Latin-1 Supplement', value: (row) => row.details().block },
  { name: 'cat', describe: 'general category', example: 'Ll', value: (row) => row.details().category },
  { name: 'script', describe: 'script', example: 'Latin', value: (row) => row.details().script },
  { name: 'age', describe: 'Unicode version that added it (\'\' if unassigned)', example: '1.1', value: (row) => row.details().age ?? '' },
  { name: 'width', describe: 'East Asian width: N, Na, A, W, F or H', example: 'A', value: (row) => row.index.properties.eastAsianWidth(row.match.codePoint) ?? '' },
  { name: 'matched', describe: 'the alias or keyword that matched, if not the name', example: '', value: (row) => escapeForTerminal(row.match.note ?? '') },
  { name: 'local', describe: 'CLDR short name in --lang', example: '', value: (row) => escapeForTerminal(row.match.localName ?? '') },
];

const FIELDS = new Map(TEMPLATE_FIELDS.map((field) => [field.name, field]));

/** A parsed template: literal text and fields, in order. */
export type Template = readonly (string | Field)[];

/** `%name`, `%(name)`, `%%` or `\t`, `\\`. */
const TOKEN = /%%|%\(([a-z0-9]*)\)|%([a-z0-9]*)|\\t|\\\\/gi;

/** The template, or the one-line reason it cannot be used. */
export function parseTemplate(text: string): { template: Template } | { error: string } {
  const parts: (string | Field)[] = [];
  let literal = '';
  let at = 0;
  for (const token of text.matchAll(TOKEN)) {
    literal += text.slice(at, token.index);
    at = token.index + token[0].length;
    if (token[0] === '%%') literal += '%';
    else if (token[0] === '\\t') literal += '\t';
    else if (token[0] === '\\\\') literal += '\\';
    else {
      const name = (token[1] ?? token[2]).toLowerCase();
      const field = FIELDS.get(name);
      if (!field) return { error: `${name === '' ? "'%' without a field name" : `unknown field %${name}`} in --format (write %% for a percent sign); the fields are ${TEMPLATE_FIELDS.map((f) => `%${f.name}`).join(' ')}` };
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push(field);
    }
  }
  literal += text.slice(at);
  if (literal !== '') parts.push(literal);
  return { template: parts };
}

/** One match written by a template (no line end). */
export function renderTemplate(template: Template, index: CharIndex, match: Match): string {
  let details: CharDetails | undefined;
  const row: Row = {
    index,
    match,
    details: () => (details ??= match.codePoints.length > 1 ? index.entryDetails(match.charIndex) : index.details(match.codePoint)),
  };
  let line = '';
  for (const part of template) line += typeof part === 'string' ? part : part.value(row);
  return line;
}

/** The fields as --help and docs/cli.md list them: name, what it is, é's value. */
export function templateFieldLines(): string[] {
  const width = Math.max(...TEMPLATE_FIELDS.map(({ name }) => name.length)) + 2;
  return TEMPLATE_FIELDS.map(({ name, describe, example }) => `  %${name.padEnd(width)}${describe}${example === '' ? '' : ` (é: ${example})`}`);
}
