/**
 * Requests per address, limited by a token bucket: each address holds up to
 * `burst` tokens, a request spends one (a costly one more, see `spend`), and
 * tokens come back at `perSecond`.
 * An address whose bucket has refilled is forgotten, so memory follows the
 * number of recently active addresses, not of all addresses ever seen.
 */

export interface RateDecision {
  allowed: boolean;
  /** When refused: whole seconds until one token is back (for Retry-After). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const ALLOWED: RateDecision = { allowed: true, retryAfterSeconds: 0 };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get enabled(): boolean {
    return this.perSecond > 0;
  }

  /** Spends one of the address's tokens if it has one. */
  take(address: string): RateDecision {
    if (!this.enabled) return ALLOWED;
    const now = this.now();
    const bucket = this.buckets.get(address) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond);
    bucket.updatedAt = now;
    this.buckets.set(address, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return ALLOWED;
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond)) };
  }

  /** Spends more of an address's tokens after the fact (a costly answer); its bucket may go below zero and then takes longer to refill. */
  spend(address: string, tokens: number): void {
    if (!this.enabled || tokens <= 0) return;
    const bucket = this.buckets.get(address);
    if (bucket) bucket.tokens -= tokens;
  }

  /** Forgets addresses whose buckets are full again; call now and then. */
  sweep(): void {
    const now = this.now();
    for (const [address, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond >= this.burst) this.buckets.delete(address);
    }
  }

  get trackedAddresses(): number {
    return this.buckets.size;
  }
}
