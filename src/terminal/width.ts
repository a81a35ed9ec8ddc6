/**
 * How text takes up a terminal: where its grapheme clusters begin (what one
 * press of Left or Backspace steps over) and how many columns it takes —
 * string-width's measure (East Asian Width, 2 for emoji presentation and
 * emoji sequences, 0 for marks and format characters), the one the line
 * editor draws by and the reply columns are laid out by (terminalFormat.ts).
 */
import stringWidth from 'string-width';

/** Made when first needed: a segmenter takes ICU's break rules in, about 4 ms of a server's start. */
let graphemes: Intl.Segmenter | undefined;

/** Columns a string takes on the terminal. */
export function width(text: string): number {
  const boundaries = clusterBoundaries(text);
  let cells = 0;
  for (let k = 0; k + 1 < boundaries.length; k++) cells += widthBetween(text, boundaries[k], boundaries[k + 1]);
  return cells;
}

/** The width of the cluster text[start … end): ASCII and the ideographs and syllables of isLoneUnit without a look-up. */
export function widthBetween(text: string, start: number, end: number): number {
  if (end === start + 1) {
    const unit = text.charCodeAt(start);
    if (unit >= 0x20 && unit <= 0x7e) return 1;
    if ((unit >= 0x3400 && unit <= 0x4dbf) || (unit >= 0x4e00 && unit <= 0x9fff) || (unit >= 0xac00 && unit <= 0xd7a3)) return 2;
  }
  return clusterWidth(text.slice(start, end));
}

/**
 * Code units that are a grapheme cluster of their own when the next unit is
 * one too (Grapheme_Cluster_Break Other, Control, LV or LVT: no Extend,
 * Prepend, ZWJ, regional indicator or jamo): printable ASCII, Latin, Greek,
 * Cyrillic letters, CJK ideographs, Hangul syllables. lineEditor.test.ts
 * checks each against Intl.Segmenter.
 */
export function isLoneUnit(unit: number): boolean {
  return (
    (unit >= 0x20 && unit <= 0x7e) || (unit >= 0xa0 && unit <= 0x2ff) || (unit >= 0x370 && unit <= 0x482) || (unit >= 0x48a && unit <= 0x52f) ||
    (unit >= 0x3400 && unit <= 0x4dbf) || (unit >= 0x4e00 && unit <= 0x9fff) || (unit >= 0xac00 && unit <= 0xd7a3)
  );
}

/** Text handed to Intl.Segmenter at a time: its cost grows faster than the text (a 4,000-letter line took 26 ms whole, 80 letters 0.07 ms). */
const SEGMENTED_UNITS = 64;

/**
 * The start of every grapheme cluster of `text`, then its length. Between
 * two lone units there is always a boundary, so only the runs around other
 * characters go to Intl.Segmenter, SEGMENTED_UNITS at a time: from a
 * boundary, every boundary it finds is right (the rules look at the
 * character after a boundary and those before it, never further on), but the
 * last cluster may go on past the piece, and is segmented again with what
 * follows.
 */
export function clusterBoundaries(text: string): number[] {
  const boundaries: number[] = [];
  let at = 0;
  while (at < text.length) {
    if (isLoneUnit(text.charCodeAt(at)) && (at + 1 === text.length || isLoneUnit(text.charCodeAt(at + 1)))) {
      boundaries.push(at++);
      continue;
    }
    let end = at + 1;
    while (end < text.length && !(isLoneUnit(text.charCodeAt(end - 1)) && isLoneUnit(text.charCodeAt(end)))) end++;
    segmentRun(text, at, end, boundaries);
    at = end;
  }
  boundaries.push(text.length);
  return boundaries;
}

function segmentRun(text: string, start: number, end: number, boundaries: number[]): void {
  let at = start;
  let units = SEGMENTED_UNITS;
  while (at < end) {
    let stop = Math.min(end, at + units);
    // Never between the halves of a surrogate pair: the boundary before a cut character would be guessed.
    if (stop < end && text.charCodeAt(stop - 1) >= 0xd800 && text.charCodeAt(stop - 1) <= 0xdbff) stop--;
    const found: number[] = [];
    for (const { index } of (graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text.slice(at, stop))) found.push(at + index);
    if (stop === end) {
      boundaries.push(...found);
      return;
    }
    if (found.length === 1) {
      // One cluster longer than the piece (a base and many marks): a longer piece.
      units *= 2;
      continue;
    }
    at = found.pop()!;
    boundaries.push(...found);
    units = SEGMENTED_UNITS;
  }
}

/**
 * Columns one grapheme cluster takes, as string-width counts them — the
 * measure the reply columns use too (terminalFormat.ts), so a line typed and
 * the lines shown agree: East Asian Width, 2 for emoji presentation and
 * emoji sequences, 0 for marks and format characters.
 */
export function clusterWidth(cluster: string): number {
  return stringWidth(cluster);
}
