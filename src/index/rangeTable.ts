/**
 * A code point property with few values (bidi class, East Asian width, emoji
 * bits) as runs: the first code point of each run and its value's id. The
 * 1,114,112 code points fold into a few thousand runs (bidi class: 2,300,
 * about 11 KB), found by binary search; a value id of NO_VALUE means the data
 * lists nothing there.
 */
import { MAX_CODE_POINT } from './labels.js';

export const NO_VALUE = 0xff;

export interface PackedRanges {
  starts: Uint32Array;
  values: Uint8Array;
}

/** Build time: runs of `valueAt` over every code point. */
export function packRanges(valueAt: (cp: number) => number): PackedRanges {
  const starts: number[] = [];
  const values: number[] = [];
  for (let cp = 0; cp <= MAX_CODE_POINT; cp++) {
    const value = valueAt(cp);
    if (values.length === 0 || values[values.length - 1] !== value) {
      starts.push(cp);
      values.push(value);
    }
  }
  return { starts: Uint32Array.from(starts), values: Uint8Array.from(values) };
}

/** The value id of code point `cp` (NO_VALUE when none). */
export function rangeValue({ starts, values }: PackedRanges, cp: number): number {
  let low = 0;
  let high = starts.length;
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (starts[mid] <= cp) low = mid;
    else high = mid;
  }
  return starts.length > 0 && starts[low] <= cp ? values[low] : NO_VALUE;
}
