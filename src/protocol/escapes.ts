/**
 * Terminal escape sequences (ECMA-48) typed into a line: a line-mode telnet
 * sends the arrow keys as they are, so Up then Enter arrived as "ESC [ A" and
 * was searched as the word "a". They are keys, never query text, so they are
 * cut out of a decoded line: CSI (ESC [ or U+009B, parameters, intermediates,
 * a final byte), SS3 (ESC O or U+008F and one character, as F1-F4 send),
 * control strings (OSC, DCS, SOS, PM, APC up to BEL or ST, or to the end of
 * the line), ESC with intermediates and a final byte (ESC 7, Alt-b), and a
 * lone ESC.
 */

const ESCAPE_SEQUENCE = new RegExp(
  [
    '(?:\\x1b\\[|\\u009b)[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]?',
    '(?:\\x1bO|\\u008f)[\\x20-\\x7e]?',
    '(?:\\x1b[\\]PX^_]|[\\u0090\\u0098\\u009d-\\u009f])[^\\x07\\x1b\\u009c]*(?:\\x07|\\x1b\\\\|\\u009c)?',
    '\\x1b[\\x20-\\x2f]*[\\x30-\\x7e]?',
  ].join('|'),
  'g',
);

/** The line without its escape sequences, and how many there were. */
export function stripEscapes(text: string): { text: string; removed: number } {
  // The common case, no ESC and no C1 introducer, costs one scan.
  if (!/[\x1b\u008f\u0090\u0098\u009b\u009d-\u009f]/.test(text)) return { text, removed: 0 };
  let removed = 0;
  const stripped = text.replace(ESCAPE_SEQUENCE, () => {
    removed++;
    return '';
  });
  return { text: stripped, removed };
}
