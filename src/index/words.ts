/**
 * How names and aliases become searchable words: lower case, split at spaces
 * and hyphens (`CJK UNIFIED IDEOGRAPH-4E00` → cjk, unified, ideograph, 4e00).
 * The build and the query parser share this, so both sides always agree.
 */
export function nameWords(name: string): string[] {
  return name.toLowerCase().split(/[ -]+/).filter((word) => word.length > 0);
}
