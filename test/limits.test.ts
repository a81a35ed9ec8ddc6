/** Every named limit, hit over real sockets: one clear line, then the documented outcome. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Limits } from '../src/server/limits.js';
import type { RunningServer } from '../src/server/server.js';
import { startTestServer } from './support/server.js';
import { LineClient } from '../scripts/line-client.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withServer(limits: Partial<Limits>, body: (server: RunningServer, port: number) => Promise<void>): Promise<void> {
  const server = await startTestServer({ limits });
  try {
    await body(server, server.address.port);
  } finally {
    await server.close();
  }
}

test('idle timeout: a goodbye line, then the close', async () => {
  await withServer({ idleTimeoutMs: 300 }, async (_server, port) => {
    const { client } = await LineClient.ready(port);
    assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'");
    const started = Date.now();
    assert.equal(await client.untilEnd(3000), 'idle for 0.3 seconds; bye\r\n');
    assert.ok(Date.now() - started >= 250);
  });
});

test('line deadline: trickling a line one byte at a time does not keep the slot', async () => {
  await withServer({ lineDeadlineMs: 400, idleTimeoutMs: 60_000 }, async (_server, port) => {
    const { client } = await LineClient.ready(port);
    const started = Date.now();
    for (const byte of 'registere') {
      if (client.ended || client.closed) break;
      client.send(byte);
      await sleep(100);
    }
    assert.equal(await client.untilEnd(30_000), 'error: a line must be finished within 0.4 s; closing the connection\r\n');
    // Closed at the deadline, never sooner (how much later depends on the machine's load).
    assert.ok(Date.now() - started >= 400);
  });
});

test('max connections: the refused client gets one error line before the close', async () => {
  await withServer({ maxConnections: 2 }, async (_server, port) => {
    const first = await LineClient.ready(port);
    const second = await LineClient.ready(port);
    const third = await LineClient.connect(port);
    assert.equal(await third.untilEnd(), 'error: the server is full (2 connections); try again later\r\n');
    assert.equal((await first.client.ask('registered')).at(-1), "1 match for 'registered'");
    first.client.close();
    second.client.close();
  });
});

test('max connections per address: the refused client gets one error line; a freed slot is reusable', async () => {
  await withServer({ maxConnectionsPerAddress: 2 }, async (server, port) => {
    const first = await LineClient.ready(port);
    const second = await LineClient.ready(port);
    const third = await LineClient.connect(port);
    assert.equal(await third.untilEnd(), 'error: too many connections from your address (the limit is 2); close one and try again\r\n');
    first.client.close();
    const deadline = Date.now() + 2000;
    while (server.sessions.size > 1 && Date.now() < deadline) await sleep(10);
    const fourth = await LineClient.ready(port);
    assert.equal((await fourth.client.ask('registered')).at(-1), "1 match for 'registered'");
    second.client.close();
    fourth.client.close();
  });
});

test('write stall: a client that reads nothing of a waiting reply is dropped; others are served', async () => {
  await withServer({ writeStallTimeoutMs: 300 }, async (server, port) => {
    const staller = await LineClient.connect(port);
    staller.socket.pause();
    staller.send('cjk\r\ncjk\r\ncjk\r\ncjk\r\n');
    const { client } = await LineClient.ready(port);
    assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'");
    const deadline = Date.now() + 5000;
    while (server.sessions.size > 1 && Date.now() < deadline) await sleep(20);
    assert.equal(server.sessions.size, 1, 'the stalled session was dropped');
    client.close();
    staller.close();
  });
});

test('max results per reply: the reply stops there and says so', async () => {
  await withServer({ maxResults: 5 }, async (_server, port) => {
    const { client } = await LineClient.ready(port);
    const lines = await client.ask('cjk');
    assert.equal(lines.length, 6);
    assert.equal(lines[5], "showing 5 of 103,204 matches for 'cjk' (this server sends at most 5 per reply)");
    assert.deepEqual(await client.ask(''), [], 'nothing more to page through');
    assert.equal((await client.ask('white chess bishop')).at(-1), "5 matches for 'white chess bishop'");
    client.close();
  });
});

test('64 KiB without a line end: an error line, then the close', async () => {
  await withServer({}, async (_server, port) => {
    const { client } = await LineClient.ready(port);
    client.send('x'.repeat(70_000));
    const [, bytes] = /^error: no line end in ([\d,]+) bytes; closing the connection\r\n$/.exec(await client.untilEnd()) ?? [];
    assert.equal(bytes, '65,536', 'closed as soon as the limit is reached');
  });
});

test('a 100 MB line is cut off after 64 KiB; the server stays up', async () => {
  await withServer({}, async (server, port) => {
    const { client } = await LineClient.ready(port);
    const megabyte = Buffer.alloc(1 << 20, 0x61);
    for (let k = 0; k < 100 && !client.closed && !client.ended; k++) {
      if (!client.socket.write(megabyte)) await new Promise((resolve) => client.socket.once('drain', resolve).once('close', resolve));
    }
    const rest = await client.untilEnd();
    assert.match(rest, /^error: no line end in [\d,]+ bytes; closing the connection\r\n$/);
    const { client: next } = await LineClient.ready(port);
    assert.equal((await next.ask('registered')).at(-1), "1 match for 'registered'");
    next.close();
    assert.ok(server.sessions.size <= 1);
  });
});

test('an IAC SB that never ends swallows input without holding it, and counts as bytes without a line end', async () => {
  await withServer({}, async (server, port) => {
    const { client } = await LineClient.ready(port);
    client.send(Buffer.from([0xff, 0xfa, 0x18]));
    for (let k = 0; k < 8; k++) client.send(Buffer.alloc(64 * 1024, 0x41));
    client.send('registered\r\n');
    await client.untilEnd(30_000);
    assert.ok([...server.sessions].every((session) => session.pendingInputBytes === 0));
    // 64 KiB of subnegotiation are 64 KiB without a line end: the runaway rule closes, with its line.
    assert.match(client.all.toString('latin1'), /error: no line end in 65,536 bytes; closing the connection\r\n$/);
  });
});

test('telnet commands without a line end count towards the runaway limit: a flood of AYT is closed with a line', async () => {
  await withServer({ maxUnterminatedBytes: 4096 }, async (_server, port) => {
    const { client } = await LineClient.ready(port);
    for (let k = 0; k < 64; k++) client.send(Buffer.from([0xff, 0xf6].flatMap((byte, _, pair) => Array.from({ length: 512 }, () => pair).flat())));
    await client.untilEnd(30_000);
    assert.match(client.all.toString('latin1'), /error: no line end in 4,096 bytes; closing the connection\r\n$/);
  });
});

test('telnet commands between lines do not add up: each line end starts the count again', async () => {
  await withServer({ maxUnterminatedBytes: 4096 }, async (_server, port) => {
    const { client } = await LineClient.ready(port);
    const ayts = Buffer.alloc(3000);
    for (let at = 0; at < ayts.length; at += 2) ayts.set([0xff, 0xf6], at);
    for (let k = 0; k < 3; k++) {
      client.send(Buffer.concat([ayts, Buffer.from('registered\r\n')]));
      await client.until((unread) => unread.includes("1 match for 'registered'"), 30_000);
    }
    assert.match((await client.ask('snowman')).at(-1)!, /^\d+ matches for 'snowman'$/);
    client.close();
  });
});

test('NUL bytes and bare CRs in input are handled as documented', async () => {
  await withServer({}, async (_server, port) => {
    const { client } = await LineClient.ready(port);
    assert.deepEqual(await client.ask('cat\0face'), (await client.ask('cat face')).map((line) => line.replace("'cat face'", "'cat\\u{0}face'")));
    client.send('registered\rrook\r');
    const text = await client.until((unread) => (unread.match(/\?> /g) ?? []).length === 2);
    assert.match(text, /1 match for 'registered'\r\n\?> [\s\S]*\d+ matches for 'rook'\r\n\?> $/);
    client.close();
  });
});

test('10,000 pipelined queries are all answered, in order', async () => {
  await withServer({}, async (_server, port) => {
    const { client } = await LineClient.ready(port);
    const queries = Array.from({ length: 10_000 }, (_, k) => (k % 2 === 0 ? 'registered' : 'white chess bishop'));
    // A last, different query marks the end of the replies.
    client.send(queries.join('\r\n') + '\r\nU+1F638\r\n');
    const text = await client.until((unread) => unread.endsWith("1 match for 'U+1F638'\r\n?> "), 60_000, 64);
    const statuses = text.split('\r\n').filter((line) => line.includes(" for '")).slice(0, -1);
    assert.equal(statuses.length, 10_000);
    statuses.forEach((status, k) => assert.equal(status, k % 2 === 0 ? "1 match for 'registered'" : "5 matches for 'white chess bishop'"));
    client.close();
  });
});
