/** The HTTP side's small parts on their own: the token bucket and the cursor. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from '../src/http/rateLimit.js';
import { cursorTag, CursorSigner, newCursorSecret } from '../src/http/cursor.js';

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
  const signer = new CursorSigner();
  const tag = cursorTag('v1', 'cjk');
  assert.deepEqual(signer.decode(signer.encode(4200, tag), tag), { ok: true, position: 4200 });
  assert.match(reason(signer.decode(signer.encode(4200, tag), cursorTag('v1', 'cat'))), /another query or index version/);
  assert.match(reason(signer.decode(signer.encode(4200, tag), cursorTag('v2', 'cjk'))), /another query or index version/);
  assert.match(reason(signer.decode('', tag)), /^cursor is not valid for this server: it is not a cursor this server gives out/);
  assert.match(reason(signer.decode('%%%', tag)), /^cursor is not valid for this server/);
});

test('cursor: signed with the secret; a forged position or signature is refused, an earlier run is named', () => {
  const secret = newCursorSecret();
  const signer = new CursorSigner(secret);
  const tag = cursorTag('v1', 'cjk');
  const text = Buffer.from(signer.encode(100, tag), 'base64url').toString('latin1');
  const forge = (parts: string[]) => Buffer.from(parts.join('.'), 'latin1').toString('base64url');
  const [form, run, , , signature] = text.split('.');
  assert.match(reason(signer.decode(forge([form, run, '5000', tag, signature]), tag)), /^cursor is not valid for this server: its signature does not match/);
  assert.match(reason(signer.decode(forge([form, run, '100', tag, '0'.repeat(32)]), tag)), /its signature does not match/);
  assert.match(reason(new CursorSigner().decode(signer.encode(100, tag), tag)), /^cursor is from an earlier run of this server/, 'a restarted server has a new secret');
  assert.deepEqual(new CursorSigner(secret).decode(signer.encode(100, tag), tag), { ok: true, position: 100 }, 'the same secret (another worker) takes it');
});

function reason(decoded: { ok: boolean; reason?: string }): string {
  return decoded.ok ? 'ok' : decoded.reason!;
}

test('token bucket: a costly answer spends more tokens after the fact, and the address waits longer', () => {
  let now = 0;
  const limiter = new RateLimiter(10, 2, () => now);
  assert.equal(limiter.take('a').allowed, true); // 9 left
  limiter.spend('a', 12); // a search of ~24 ms: 3 below zero
  const refused = limiter.take('a');
  assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 2 }); // 4 tokens to win back at 2 a second
  now = 2000;
  assert.equal(limiter.take('a').allowed, true);
  assert.equal(limiter.take('b').allowed, true, 'other addresses are not charged');
  limiter.spend('unknown', 5); // an address without a bucket has nothing to spend
  assert.equal(limiter.trackedAddresses, 2);
});
