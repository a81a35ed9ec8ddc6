/**
 * A limit that a `serve` flag sets, for the TCP and the HTTP side alike:
 * the flag, the limit it sets, its unit, and what it does. Flags in seconds
 * set limits kept in milliseconds.
 */

export interface LimitFlag<Key extends string> {
  flag: string;
  key: Key;
  unit: 'bytes' | 'seconds' | 'count';
  describe: string;
}

/** The flag's value as the limit stores it. */
export function limitFromFlag(flag: LimitFlag<string>, value: number): number {
  return flag.unit === 'seconds' ? Math.round(value * 1000) : value;
}

/** The limit's default as the flag shows it. */
export function flagDefault<Key extends string>(flag: LimitFlag<Key>, defaults: Readonly<Record<Key, unknown>>): number {
  const value = defaults[flag.key] as number;
  return flag.unit === 'seconds' ? value / 1000 : value;
}
