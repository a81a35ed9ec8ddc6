/** A client that asks and never reads must cost the server a bounded amount of memory, and nobody else anything. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BATCH_BYTES } from '../src/server/streamer.js';
import { DEFAULT_LIMITS } from '../src/server/limits.js';
import { serverForThisFile } from './support/server.js';
import { LineClient } from '../scripts/line-client.js';

const served = serverForThisFile();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("'cjk' sent 1,000 times by a client that never reads: output queued stays under one batch plus the high-water mark", async () => {
  const hoarder = await LineClient.connect(served.port);
  hoarder.socket.pause();
  hoarder.send('cjk\r\n'.repeat(1000));
  const session = [...served.server.sessions].at(-1)!;

  // Bound: one batch in flight plus Node's default 16 KiB high-water mark, with room for the status line.
  const outputBound = BATCH_BYTES + 16 * 1024 + 1024;
  let peakOutput = 0;
  let peakInput = 0;
  for (let sample = 0; sample < 40; sample++) {
    await sleep(25);
    peakOutput = Math.max(peakOutput, session.pendingOutputBytes);
    peakInput = Math.max(peakInput, session.pendingInputBytes);
  }
  assert.ok(peakOutput > 0, 'the reply is really blocked on the client');
  assert.ok(peakOutput <= outputBound, `queued output ${peakOutput} bytes ≤ ${outputBound}`);
  assert.ok(peakInput <= DEFAULT_LIMITS.maxQueuedInputBytes, `queued input ${peakInput} bytes`);
  // The kernel's buffers hold a few replies at most; the loop is parked on 'drain', not reading on.
  assert.ok(session.queries < 10, `only ${session.queries} of the 1,000 queries started`);

  // Meanwhile everyone else is served.
  const { client: other } = await LineClient.ready(served.port);
  assert.deepEqual(await other.ask('registered'), ['U+00AE\t®\tREGISTERED SIGN', "1 match for 'registered'"]);
  other.close();

  hoarder.close();
  const deadline = Date.now() + 5000;
  while (served.server.sessions.has(session) && Date.now() < deadline) await sleep(20);
  assert.ok(!served.server.sessions.has(session), 'the session ended when the hoarder went away');
});

test('many small queries from a client that never reads are bounded too', async () => {
  const hoarder = await LineClient.connect(served.port);
  hoarder.socket.pause();
  // 200,000 pipelined queries (about 2.2 MB): far more than we ever hold.
  const burst = 'registered\r\n'.repeat(10_000);
  for (let k = 0; k < 20; k++) hoarder.send(burst);
  const session = [...served.server.sessions].at(-1)!;
  let peakOutput = 0;
  let peakInput = 0;
  for (let sample = 0; sample < 40; sample++) {
    await sleep(25);
    peakOutput = Math.max(peakOutput, session.pendingOutputBytes);
    peakInput = Math.max(peakInput, session.pendingInputBytes);
  }
  assert.ok(peakOutput <= 64 * 1024, `queued output ${peakOutput} bytes`);
  assert.ok(peakInput <= DEFAULT_LIMITS.maxQueuedInputBytes + 65_536, `queued input ${peakInput} bytes`);
  assert.ok(session.queries < 200_000, 'the server stopped reading when the client stopped');
  hoarder.close();
});
