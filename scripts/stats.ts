/**
 * Latency figures for the scripts: one percentile definition, so a p99 in
 * one table means what it means in another.
 */

/**
 * Nearest-rank percentile (`fraction` 0.5 for p50, 0.99 for p99) of values
 * in any order; NaN when there is nothing to rank.
 */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
