/**
 * The HTTP side's connection limits over real sockets: 503 when full, 429
 * for one address over its cap (each written before the close, each logged),
 * header and request deadlines, a body refused, idle keep-alive closed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { Log } from '../src/log.js';
import { exchange, httpAnswered, startTestHttpServer } from './support/http.js';

const REQUEST = 'GET /api/search?q=cat+face&limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
const PATIENCE_MS = 30_000;

function logToText(): { log: Log; text: () => string } {
  let text = '';
  return { log: new Log('connections', { write: (chunk: string) => (text += chunk) }, false), text: () => text };
}

/** Resolves once the server has closed the socket (an end is enough); rejects after the patience. */
function closedByServer(socket: Socket): Promise<void> {
  if (socket.readableEnded || socket.destroyed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not close the connection')), PATIENCE_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    socket.once('end', done);
    socket.once('close', done);
  });
}

function status(text: string): string | undefined {
  return /^HTTP\/1\.1 (\d{3}) /.exec(text)?.[1];
}

test('a full server answers 503 with a reason and closes; one address over its cap gets 429; both are logged', async () => {
  const { log, text } = logToText();
  const server = await startTestHttpServer({ log, limits: { maxConnections: 3, maxConnectionsPerAddress: 2 } });
  const sockets: Socket[] = [];
  try {
    const port = server.address.port;
    const open = async (address: string) => {
      const { socket, outcome } = await exchange(port, REQUEST, httpAnswered, address);
      sockets.push(socket);
      return { socket, outcome };
    };
    assert.equal(status((await open('127.0.0.2')).outcome.text), '200');
    assert.equal(status((await open('127.0.0.2')).outcome.text), '200');
    const overAddress = await open('127.0.0.2');
    assert.equal(status(overAddress.outcome.text), '429');
    assert.match(overAddress.outcome.text, /\r\nConnection: close\r\n/);
    assert.match(overAddress.outcome.text, /"message":"too many connections from your address; close one and try again","limit":2/);
    await closedByServer(overAddress.socket);

    assert.equal(status((await open('127.0.0.3')).outcome.text), '200');
    const full = await open('127.0.0.4');
    assert.equal(status(full.outcome.text), '503');
    assert.match(full.outcome.text, /"error":"server full","message":"the server is full; try again later","limit":3/);
    await closedByServer(full.socket);

    log.flush();
    assert.match(text(), /refused http 127\.0\.0\.2:\d+: 429 too many connections from your address/);
    assert.match(text(), /refused http 127\.0\.0\.4:\d+: 503 the server is full/);
    assert.equal((text().match(/refused/g) ?? []).length, 2);

    // A connection given back makes room again.
    sockets[0].destroy();
    for (let served = false; !served; ) {
      const { socket, outcome } = await exchange(port, REQUEST, httpAnswered, '127.0.0.5');
      socket.destroy();
      served = status(outcome.text) === '200';
      if (!served) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    for (const socket of sockets) socket.destroy();
    await server.close();
  }
});

test('a slow header and an idle keep-alive connection are each closed by their deadline', async () => {
  const server = await startTestHttpServer({ limits: { headerDeadlineMs: 300, requestDeadlineMs: 600, keepAliveTimeoutMs: 300 } });
  const sockets: Socket[] = [];
  try {
    const port = server.address.port;
    const slowHeader = await exchange(port, 'GET /api/search?q=cat HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow:', () => false);
    sockets.push(slowHeader.socket);
    assert.equal(slowHeader.outcome.ended, 'closed');
    assert.equal(status(slowHeader.outcome.text), '408', 'Node answers a missed deadline with 408 before the close');

    const idle = await exchange(port, REQUEST, httpAnswered);
    sockets.push(idle.socket);
    assert.equal(status(idle.outcome.text), '200');
    await closedByServer(idle.socket);
  } finally {
    for (const socket of sockets) socket.destroy();
    await server.close();
  }
});

test('a GET with a body gets 413 and the close, without the body being waited for', async () => {
  const server = await startTestHttpServer();
  try {
    const request = 'GET /api/search?q=cat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\nthe start of a body that never ends';
    const { socket, outcome } = await exchange(server.address.port, request, httpAnswered);
    assert.equal(status(outcome.text), '413');
    assert.match(outcome.text, /\r\nConnection: close\r\n/i);
    assert.match(outcome.text, /"error":"body not allowed","message":"GET requests here take no body; send the query in the URL"/);
    await closedByServer(socket);
    socket.destroy();
  } finally {
    await server.close();
  }
});
