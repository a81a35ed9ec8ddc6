/** The HTTP side's small parts on their own: the token bucket and the cursor. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from '../src/http/rateLimit.js';
import { cursorTag, decodeCursor, encodeCursor } from '../src/http/cursor.js';

test('token bucket: a burst, then the rate; each address has its own; full buckets are forgotten', () => {
  let now = 0;
  const limiter = new RateLimiter(3, 2, () => now);
  assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a').allowed), [true, true, true, false]);
  assert.equal(limiter.take('a').retryAfterSeconds, 1);
  assert.equal(limiter.take('b').allowed, true, 'another address');
  now += 500; // one token back at 2 a second
  assert.equal(limiter.take('a').allowed, true);
  assert.equal(limiter.take('a').allowed, false);
  assert.equal(limiter.trackedAddresses, 2);
  now += 10_000;
  limiter.sweep();
  assert.equal(limiter.trackedAddresses, 0);
});

test('token bucket: a rate of 0 turns the limit off', () => {
  const limiter = new RateLimiter(1, 0);
  for (let i = 0; i < 100; i++) assert.equal(limiter.take('a').allowed, true);
  assert.equal(limiter.trackedAddresses, 0);
});

test('cursor: round trip; bound to its query and index version', () => {
  const tag = cursorTag('v1', 'cjk');
  assert.deepEqual(decodeCursor(encodeCursor(4200, tag), tag), { ok: true, position: 4200 });
  assert.equal(decodeCursor(encodeCursor(4200, tag), cursorTag('v1', 'cat')).ok, false);
  assert.equal(decodeCursor(encodeCursor(4200, tag), cursorTag('v2', 'cjk')).ok, false);
  assert.equal(decodeCursor('', tag).ok, false);
  assert.equal(decodeCursor('%%%', tag).ok, false);
});
