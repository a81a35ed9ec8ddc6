/**
 * The descriptor budget on a real server process under a small RLIMIT_NOFILE:
 * more TCP and HTTP clients than fit, all at once; every one is answered
 * (the greeting or the "server is full" line; 200 or 503), none is closed
 * without a word, and the server still answers afterwards.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { startServerProcess } from '../scripts/server-process.js';
import { DescriptorBudget, countDescriptors, MAX_LINGERING_REFUSALS, SPARE_DESCRIPTORS } from '../src/descriptors.js';
import { LineClient } from '../scripts/line-client.js';
import { exchange, httpAnswered } from './support/http.js';

const DESCRIPTOR_LIMIT = 200;
const TCP_CLIENTS = 150;
const HTTP_CLIENTS = 100;
const PATIENCE_MS = 30_000;

const FULL_LINE = /^error: the server is full \([\d,]+ connections\); try again later\r\n$/;
const GREETING_DONE = (text: string) => text.endsWith('?> ') || FULL_LINE.test(text);
const HTTP_REQUEST = 'GET /api/search?q=cat+face&limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';

test('the budget: the limit and the descriptors in use come from /proc/self; the reserve is kept back', () => {
  const count = countDescriptors();
  assert.ok(count.measured, '/proc/self is readable on Linux');
  assert.ok(count.limit > 0 && count.inUse > 2);
  const budget = new DescriptorBudget({ limit: 200, inUse: 20, measured: true });
  assert.equal(budget.capacity, 200 - 20 - SPARE_DESCRIPTORS - MAX_LINGERING_REFUSALS);
  assert.match(budget.describe(), /^descriptors: limit 200, 20 in use at start; room for \d+ connections \(TCP and HTTP together\), 48 kept in reserve$/);
});

test(`under ulimit -n ${DESCRIPTOR_LIMIT}: ${TCP_CLIENTS} TCP and ${HTTP_CLIENTS} HTTP clients at once, each answered, none dropped`, async () => {
  const server = await startServerProcess(
    [
      '--http', '0',
      '--log', 'connections',
      '--max-connections-per-address', '1000',
      '--http-max-connections-per-address', '1000',
      '--http-rate', '0',
      '--http-keep-alive-timeout', '120',
    ],
    { descriptorLimit: DESCRIPTOR_LIMIT },
  );
  const sockets: Socket[] = [];
  try {
    const described = /descriptors: limit (\d+), (\d+) in use at start; room for (\d+) connections/.exec(server.log());
    assert.ok(described, `the start-up log names the budget:\n${server.log()}`);
    assert.equal(Number(described[1]), DESCRIPTOR_LIMIT);
    const capacity = Number(described[3]);
    assert.ok(capacity < TCP_CLIENTS + HTTP_CLIENTS, `more clients than fit (${capacity})`);

    const exchanges = await Promise.all([
      ...Array.from({ length: TCP_CLIENTS }, () => exchange(server.port, '', GREETING_DONE).then((result) => ({ kind: 'tcp' as const, ...result }))),
      ...Array.from({ length: HTTP_CLIENTS }, () => exchange(server.httpPort!, HTTP_REQUEST, httpAnswered).then((result) => ({ kind: 'http' as const, ...result }))),
    ]);
    sockets.push(...exchanges.map(({ socket }) => socket));

    let greeted = 0;
    let full = 0;
    let ok = 0;
    let unavailable = 0;
    for (const { kind, outcome } of exchanges) {
      assert.equal(outcome.ended, 'answered', `a ${kind} client was not answered: ${outcome.ended} after ${JSON.stringify(outcome.text)}`);
      if (kind === 'tcp') {
        if (FULL_LINE.test(outcome.text)) full++;
        else {
          assert.match(outcome.text, /^charfinder .*\?> $/s);
          greeted++;
        }
      } else {
        const status = /^HTTP\/1\.1 (\d{3}) /.exec(outcome.text)?.[1];
        if (status === '200') ok++;
        else {
          assert.equal(status, '503', outcome.text);
          assert.match(outcome.text, /"error":"server full"/);
          unavailable++;
        }
      }
    }
    assert.equal(greeted + ok, capacity, 'exactly as many admitted as the budget has room for');
    assert.ok(full > 0 && unavailable > 0, `both listeners refused some (${full} TCP, ${unavailable} HTTP)`);

    // Every refusal is one log line.
    const deadline = Date.now() + PATIENCE_MS;
    const refusals = () => (server.log().match(/refused /g) ?? []).length;
    while (refusals() < full + unavailable && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(refusals(), full + unavailable);

    for (const socket of sockets) socket.destroy();
    sockets.length = 0;
    // The descriptors come back: a new client is served on each side.
    // (The server learns of the closes a moment later: until then a new client may still be told it is full.)
    for (let greeted = false; !greeted && Date.now() < deadline; ) {
      const { socket, outcome } = await exchange(server.port, '', GREETING_DONE);
      socket.destroy();
      greeted = outcome.text.endsWith('?> ');
      if (!greeted) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { client } = await LineClient.ready(server.port);
    assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'");
    client.close();
    const response = await fetch(`http://127.0.0.1:${server.httpPort}/api/search?q=registered`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { count: number }).count, 1);

    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
  } finally {
    for (const socket of sockets) socket.destroy();
    server.child.kill('SIGKILL');
  }
});
