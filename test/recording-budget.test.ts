// The bytes that replies being recorded may hold, all connections together (server/streamer.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordingBudget } from '../src/server/streamer.js';
import { STREAMED_REPLY_CACHE_BUDGET, ReplyCache } from '../src/server/replyCache.js';

test('a recording budget gives out bytes up to its bound and takes them back', () => {
  const budget = new RecordingBudget(100);
  assert.ok(budget.take(60));
  assert.ok(!budget.take(41), 'past the bound: refused, and nothing taken');
  assert.equal(budget.bytes, 60);
  assert.ok(budget.take(40));
  budget.give(100);
  assert.equal(budget.bytes, 0);
});

test('the server records at most one reply of the largest it keeps at a time, whatever the number of clients', () => {
  const replies = new ReplyCache();
  assert.equal(replies.recordings.maxBytes, STREAMED_REPLY_CACHE_BUDGET.maxEntryBytes);
  assert.ok(replies.recordings.maxBytes <= STREAMED_REPLY_CACHE_BUDGET.maxBytes);
});
