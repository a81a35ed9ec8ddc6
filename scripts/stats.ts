/**
 * Latency figures for the scripts and tests: one percentile definition, so a
 * p99 in one table means what it means in another.
 */

/**
 * Nearest-rank percentile (`fraction` 0.5 for p50, 0.99 for p99) of values
 * in any order; NaN when there is nothing to rank. Values already in
 * ascending order (a summary asking for several percentiles of one sorted
 * array) are not copied or sorted again.
 */
export function percentile(values: ArrayLike<number>, fraction: number): number {
  if (values.length === 0) return NaN;
  const sorted = isAscending(values) ? values : Float64Array.from(values).sort();
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function isAscending(values: ArrayLike<number>): boolean {
  for (let k = 1; k < values.length; k++) if (values[k - 1] > values[k]) return false;
  return true;
}
