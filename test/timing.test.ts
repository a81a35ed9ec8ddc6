/**
 * The time a reply reports (the JSON status's `ms`, the query log) counts the
 * search itself, not only the sending: a search made slow on purpose shows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SearchEngine } from '../src/search/search.js';
import { Log } from '../src/log.js';
import { loadIndex, serverForThisFile } from './support/server.js';
import { LineClient } from '../scripts/line-client.js';

const SLOW_SEARCH_MS = 80;
const logged: string[] = [];
const log = new Log('queries', { write: (text: string) => logged.push(text) }, false);
const served = serverForThisFile({ log });

test('a slow search is counted in the JSON ms and in the query log', async (t) => {
  const engine = SearchEngine.for(loadIndex());
  const search = engine.search.bind(engine);
  t.mock.method(engine, 'search', (...args: Parameters<typeof search>) => {
    const until = performance.now() + SLOW_SEARCH_MS;
    while (performance.now() < until); // a search that takes this long, whatever the machine
    return search(...args);
  });
  const { client } = await LineClient.ready(served.port);
  try {
    client.send('/format json\r\n');
    await client.until((unread) => unread.includes('{"format":"json"}\r\n'), 30_000);
    client.send('chess black knight\r\n');
    const reply = await client.until((unread) => /"query":"chess black knight".*\r\n$/.test(unread), 30_000);
    const status = JSON.parse(reply.trimEnd().split('\r\n').at(-1)!);
    assert.equal(status.query, 'chess black knight');
    assert.ok(status.ms >= SLOW_SEARCH_MS, `reported ${status.ms} ms for a search of ${SLOW_SEARCH_MS} ms`);
    log.flush();
    const line = logged.join('').split('\n').find((entry) => entry.includes('"chess black knight"'));
    const ms = Number(/ in ([\d.]+) ms/.exec(line ?? '')?.[1]);
    assert.ok(ms >= SLOW_SEARCH_MS, `logged ${line}`);
  } finally {
    client.close();
  }
});
