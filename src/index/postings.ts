/** Set operations on sorted Uint32Arrays of char indices. */

/** First position in `list` at or after `from` whose value is ≥ `target` (galloping, then binary search). */
function seek(list: Uint32Array, target: number, from: number): number {
  let step = 1;
  let high = from;
  while (high < list.length && list[high] < target) {
    from = high + 1;
    high += step;
    step *= 2;
  }
  high = Math.min(high, list.length);
  while (from < high) {
    const mid = (from + high) >>> 1;
    if (list[mid] < target) from = mid + 1;
    else high = mid;
  }
  return from;
}

/** Intersection of sorted lists; a single list comes back as is (a view, no copy). */
export function intersect(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 0) return new Uint32Array(0);
  const ordered = [...lists].sort((a, b) => a.length - b.length);
  if (ordered.length === 1) return ordered[0];
  const smallest = ordered[0];
  const out = new Uint32Array(smallest.length);
  const cursors = new Array<number>(ordered.length).fill(0);
  let count = 0;
  candidates: for (const value of smallest) {
    for (let k = 1; k < ordered.length; k++) {
      const at = seek(ordered[k], value, cursors[k]);
      cursors[k] = at;
      if (at === ordered[k].length) break candidates;
      if (ordered[k][at] !== value) continue candidates;
    }
    out[count++] = value;
  }
  return out.subarray(0, count);
}

export function contains(list: Uint32Array, value: number): boolean {
  const at = seek(list, value, 0);
  return at < list.length && list[at] === value;
}
