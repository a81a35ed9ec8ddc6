import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { serverForThisFile } from './support/server.js';
import { LineClient } from '../scripts/line-client.js';
import { baseUrl, getJson, startTestHttpServer } from './support/http.js';

const served = serverForThisFile();
const http = await startTestHttpServer();
after(() => http.close());

const costly = Array.from({ length: 200 }, (_, k) => `w${k}`).join(' ');
const refusal = 'error: query too costly: at most 16 terms (this one has 200); search for fewer words at a time';

test('a costly line gets one refusal line, and the connection answers the next query', async () => {
  const { client } = await LineClient.ready(served.port);
  assert.deepEqual(await client.ask(costly), [refusal]);
  assert.deepEqual(await client.ask('"a b"'), ["error: query too costly: it would read more than 450,000 index entries (reached at '\"a b\"'); use longer prefixes, rarer words, or fewer of them"]);
  const next = await client.ask('cat face');
  assert.equal(next.at(-1), "11 matches for 'cat face'");
  // Asked again, the refusal comes back the same (from the reply cache or afresh).
  assert.deepEqual(await client.ask(costly), [refusal]);
  client.close();
});

test('in /format json the refusal is an error object with the limit', async () => {
  const { client } = await LineClient.ready(served.port);
  client.send('/format json\r\n');
  assert.deepEqual(JSON.parse(await client.until((unread) => unread.endsWith('\r\n'))), { format: 'json' });
  client.send(`${costly}\r\n`);
  assert.deepEqual(JSON.parse(await client.until((unread) => unread.endsWith('\r\n'))), { error: 'query too costly', limit: 'terms', allowed: 16, found: 200, message: refusal.slice('error: '.length) });
  client.close();
});

test('over HTTP the same query gets 422 and the same message', async () => {
  const { status, body } = await getJson(`${baseUrl(http)}/api/search?q=${encodeURIComponent(costly)}`);
  assert.equal(status, 422);
  assert.deepEqual(body, { error: 'query too costly', message: refusal.slice('error: '.length), limit: 'terms', allowed: 16, found: 200 });
  const ordinary = await getJson<{ count: number }>(`${baseUrl(http)}/api/search?q=cat+face`);
  assert.equal(ordinary.status, 200);
  assert.equal(ordinary.body.count, 11);
});
