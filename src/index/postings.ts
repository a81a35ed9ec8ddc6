/** Set operations on sorted Uint32Arrays of char indices (or of packed entries). */

/** First position in `list` at or after `from` whose value is ≥ `target` (galloping, then binary search). */
export function seek(list: Uint32Array, target: number, from: number): number {
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

/**
 * Intersection of sorted lists; a single list comes back as is (a view, no
 * copy), and so does the shortest when every other holds all of it. Results
 * are read, never written: a list may be a view of the index.
 *
 * Each value of the shortest list is sought in the others, shortest first
 * (where most candidates fail); when one lacks it, the shortest gallops on
 * to that list's next value, leaping over a run the other does not have:
 * VAI's 327 names among JU's 449 entries meet twice, found in a few steps,
 * not sought 327 times.
 */
export function intersect(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 0) return new Uint32Array(0);
  if (lists.length === 1) return lists[0];
  if (order.length < lists.length) {
    order = new Int32Array(2 * lists.length);
    cursors = new Int32Array(2 * lists.length);
  }
  for (let k = 0; k < lists.length; k++) {
    let at = k;
    while (at > 0 && lists[order[at - 1]].length > lists[k].length) {
      order[at] = order[at - 1];
      at--;
    }
    order[at] = k;
  }
  const smallest = lists[order[0]];
  cursors.fill(0, 0, lists.length);
  let count = 0;
  candidates: for (let at = 0; at < smallest.length; ) {
    const value = smallest[at];
    for (let rank = 1; rank < lists.length; rank++) {
      const list = lists[order[rank]];
      const found = seek(list, value, cursors[rank]);
      cursors[rank] = found;
      if (found === list.length) break candidates;
      if (list[found] !== value) {
        at = seek(smallest, list[found], at + 1);
        continue candidates;
      }
    }
    if (count === kept.length) kept = grown(kept, smallest.length);
    kept[count++] = value;
    at++;
  }
  if (count === smallest.length) return smallest;
  return count === 0 ? EMPTY : kept.slice(0, count);
}

/** The lists of one intersection by length, a cursor into each (by that order), and the values kept: reused between calls (one runs at a time). */
let order = new Int32Array(8);
let cursors = new Int32Array(8);
let kept: Uint32Array = new Uint32Array(64);

function grown(list: Uint32Array, capacity: number): Uint32Array {
  const bigger = new Uint32Array(Math.min(capacity, Math.max(8, 2 * list.length)));
  bigger.set(list);
  return bigger;
}

export function contains(list: Uint32Array, value: number): boolean {
  const at = seek(list, value, 0);
  return at < list.length && list[at] === value;
}

/** First position in a sorted list whose value is ≥ `value`. */
export function lowerBound(list: Uint32Array, value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

const EMPTY = new Uint32Array(0);

/** Lists merged beyond this many go through a bitmap instead of pairwise merging. */
const BITMAP_UNION_LISTS = 8;

/** Union of sorted lists; when only one is non-empty it comes back as is (a view, no copy). */
export function union(lists: readonly Uint32Array[]): Uint32Array {
  if (nonEmptyCount(lists) > BITMAP_UNION_LISTS) return unionByBitmap(lists.filter((list) => list.length > 0));
  return mergedUnion(lists);
}

function nonEmptyCount(lists: readonly Uint32Array[]): number {
  let count = 0;
  for (const list of lists) if (list.length > 0) count++;
  return count;
}

/**
 * Union of sorted lists by merging, never through a bitmap: for lists of
 * packed entries (taggedChars.ts), whose values run to 40 million. When
 * only one is non-empty it comes back as is.
 */
export function mergedUnion(lists: readonly Uint32Array[]): Uint32Array {
  // Most unions are of a word's five sources or its variants, most of them empty: no arrays made for those.
  let first: Uint32Array | null = null;
  let second: Uint32Array | null = null;
  let count = 0;
  for (const list of lists) {
    if (list.length === 0) continue;
    if (count === 0) first = list;
    else if (count === 1) second = list;
    count++;
  }
  if (count === 0) return EMPTY;
  if (count === 1) return first!;
  if (count === 2) return first!.length <= second!.length ? mergeTwo(first!, second!) : mergeTwo(second!, first!);
  // Shortest first: a name list of 10,000 beside four short lists is copied once, not four times.
  return lists.filter((list) => list.length > 0).sort((a, b) => a.length - b.length).reduce(mergeTwo);
}

/**
 * A list this many times longer than the other takes the other's values in
 * between runs of its own copied whole (a memmove each), rather than value by
 * value: a word's 11,000 name matches beside its 40 keyword matches.
 */
const RUN_COPY_RATIO = 8;

function mergeTwo(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length >= RUN_COPY_RATIO * b.length) return insertInto(a, b);
  if (b.length >= RUN_COPY_RATIO * a.length) return insertInto(b, a);
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) out[n++] = a[i++];
    else if (a[i] > b[j]) out[n++] = b[j++];
    else {
      out[n++] = a[i++];
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++];
  while (j < b.length) out[n++] = b[j++];
  // Lists of different sources hold different chars: most unions keep every value.
  return n === out.length ? out : out.subarray(0, n);
}

/**
 * The union of a long list and a short one: the long one is copied once to
 * the end of the output, then slid forward run by run as the short list's
 * values go in between (never over a value still to be moved: the output
 * position is always behind the long list's next value).
 */
function insertInto(long: Uint32Array, short: Uint32Array): Uint32Array {
  const shift = short.length;
  const out = new Uint32Array(shift + long.length);
  out.set(long, shift);
  let n = 0;
  let next = 0;
  for (const value of short) {
    const at = seek(long, value, next);
    if (at > next) {
      out.copyWithin(n, shift + next, shift + at);
      n += at - next;
      next = at;
    }
    // A value both have goes out with the long list's next run.
    if (next === long.length || long[next] !== value) out[n++] = value;
  }
  if (next < long.length) {
    out.copyWithin(n, shift + next, shift + long.length);
    n += long.length - next;
  }
  return n === out.length ? out : out.subarray(0, n);
}

/** The largest value of non-empty sorted lists: their last. */
function highestOf(lists: readonly Uint32Array[]): number {
  let highest = 0;
  for (const list of lists) highest = Math.max(highest, list[list.length - 1]);
  return highest;
}

/** The distinct values of a list in any order (char indices, not packed entries), ascending. */
export function distinctValues(values: Uint32Array): Uint32Array {
  if (values.length === 0) return EMPTY;
  let highest = 0;
  for (const value of values) if (value > highest) highest = value;
  return unionByBitmap([values], highest);
}

/** One bit per value: the scan for set bits reads 32 values at a time (a prefix's lists reach the last of 155,000 chars). */
function unionByBitmap(lists: readonly Uint32Array[], highest = highestOf(lists)): Uint32Array {
  const seen = new Uint32Array((highest >>> 5) + 1);
  let count = 0;
  for (const list of lists) {
    for (const value of list) {
      const bit = 1 << (value & 31);
      const word = value >>> 5;
      if ((seen[word] & bit) === 0) {
        seen[word] |= bit;
        count++;
      }
    }
  }
  const out = new Uint32Array(count);
  let n = 0;
  for (let word = 0; word < seen.length; word++) {
    // Lowest set bit first: ascending values.
    for (let bits = seen[word]; bits !== 0; bits &= bits - 1) out[n++] = (word << 5) | (31 - Math.clz32(bits & -bits));
  }
  return out;
}

/** The values of sorted `list` that are not in sorted `removed`. */
export function difference(list: Uint32Array, removed: Uint32Array): Uint32Array {
  if (removed.length === 0 || list.length === 0) return list;
  const out = new Uint32Array(list.length);
  let n = 0;
  let at = 0;
  for (const value of list) {
    at = seek(removed, value, at);
    if (at === removed.length || removed[at] !== value) out[n++] = value;
  }
  return n === list.length ? list : out.subarray(0, n);
}

/** The values of sorted `list` for which `keep` holds. */
export function filter(list: Uint32Array, keep: (value: number) => boolean): Uint32Array {
  const out = new Uint32Array(list.length);
  let n = 0;
  for (const value of list) if (keep(value)) out[n++] = value;
  return n === list.length ? list : out.subarray(0, n);
}
