/** Clean shutdown of a real server process on SIGTERM and SIGINT. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServerProcess } from '../scripts/server-process.js';
import { LineClient } from '../scripts/line-client.js';

/** A real server process (the bundle `npm start` runs) with `--log server` and `flags`. */
const startProcess = (...flags: string[]) => startServerProcess(flags);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal}: replies in progress finish, every client is told, the server logs a summary and exits 0`, async () => {
    const server = await startProcess('--shutdown-grace', '4');
    const idle = await LineClient.ready(server.port);
    const streaming = await LineClient.ready(server.port);
    const stuck = await LineClient.ready(server.port);
    stuck.client.socket.pause();
    stuck.client.send('/format json\r\ncjk\r\n'); // about 20 MB: more than the kernel's buffers hold
    streaming.client.send('cjk\r\n');
    await streaming.client.until((unread) => unread.includes('CJK'), 5000, 4096);
    server.child.kill(signal);

    assert.equal(await idle.client.untilEnd(), 'server shutting down\r\n');
    const reply = await streaming.client.untilEnd(10_000);
    assert.match(reply, /103,204 matches for 'cjk'\r\n\?> server shutting down\r\n$/, 'the reply in progress finished first');
    // The stuck client reads nothing until the server is gone: its reply cannot finish in the grace period.
    assert.equal(await server.exited, 0);
    stuck.client.socket.resume();
    const stuckReply = await stuck.client.untilEnd(10_000);
    assert.ok(!stuckReply.includes('{"query":"cjk"'), 'the stuck reply was cut short');

    const log = server.log();
    assert.match(log, new RegExp(`${signal}: shutting down`));
    assert.match(log, /stopped: 3 connections served, 2 queries, up [\d.]+ s, 1 cut short at the end of the grace period/);
    await assert.rejects(LineClient.connect(server.port), /ECONNREFUSED/);
  });
}

test('a server with no clients stops at once', async () => {
  const server = await startProcess();
  server.child.kill('SIGTERM');
  // No grace period is waited for: nothing was in progress (the log says so; how fast is the machine's business).
  assert.equal(await server.exited, 0);
  assert.doesNotMatch(server.log(), /cut short/);
  assert.match(server.log(), /stopped: 0 connections served, 0 queries/);
});
