/** --max-unterminated-bytes holds to the byte over a real socket, whatever the size of the reads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForThisFile } from './support/server.js';
import { LineClient } from '../scripts/line-client.js';

// The flag's value in bytes is the limit as is: `--max-unterminated-bytes 65536`.
const served = serverForThisFile({ limits: { maxUnterminatedBytes: 65_536 } });

test('65,536 bytes without a line end: the error line, then the close (it used to take 131,072)', async () => {
  const { client } = await LineClient.ready(served.port);
  client.send('z'.repeat(65_536));
  assert.equal(await client.untilEnd(20_000), 'error: no line end in 65,536 bytes; closing the connection\r\n');
});

test('65,535 bytes then a line end: a long line, and the session goes on', async () => {
  const { client } = await LineClient.ready(served.port);
  try {
    client.send('z'.repeat(65_535));
    client.send('\n');
    assert.equal(await client.untilPrompt(20_000), 'error: line too long (65,535 bytes; the limit is 1,024)\r\n');
    assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'");
  } finally {
    client.close();
  }
});
