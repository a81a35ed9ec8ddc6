/**
 * SIGHUP on a real server process, alone and in cluster mode: logged and
 * ignored — the process lives, open sessions still answer, SIGTERM still
 * stops it cleanly. With workers, a cursor from one is taken by another.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServerProcess, type ServerProcess } from '../scripts/server-process.js';
import { LineClient } from '../scripts/line-client.js';

async function logged(server: ServerProcess, pattern: RegExp, what: string, times = 1): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((server.log().match(new RegExp(pattern, 'g')) ?? []).length < times) {
    if (Date.now() > deadline) throw new Error(`never saw ${what}:\n${server.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('SIGHUP is logged and ignored: the session goes on, the HTTP side too, and SIGTERM still stops the server', async () => {
  const server = await startServerProcess(['--http', '0']);
  try {
    const { client } = await LineClient.ready(server.port);
    assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'");
    server.child.kill('SIGHUP');
    await logged(server, /SIGHUP: ignored/, 'the SIGHUP line');
    assert.equal((await client.ask('cat face')).at(-1), "11 matches for 'cat face'", 'the same session answers after SIGHUP');
    assert.equal((await fetch(`http://127.0.0.1:${server.httpPort}/api/search?q=registered`)).status, 200);
    client.close();
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    assert.match(server.log(), /SIGTERM: shutting down/);
  } finally {
    server.child.kill('SIGKILL');
  }
});

test('with --workers 2: SIGHUP to the primary and to a worker is logged and ignored by each; a cursor from one worker is taken by the other', async () => {
  const server = await startServerProcess(['--workers', '2', '--http', '0']);
  try {
    await logged(server, /\] charfinder [\d.]+ serving the page/, 'both workers serving HTTP', 2);
    const workers = [...server.log().matchAll(/\[worker (\d+) pid (\d+)\] .*listening/g)].map((match) => Number(match[2]));
    assert.equal(workers.length, 2);
    const { client } = await LineClient.ready(server.port);

    server.child.kill('SIGHUP');
    await logged(server, /\[primary\] SIGHUP: ignored/, "the primary's SIGHUP line");
    process.kill(workers[0], 'SIGHUP');
    await logged(server, new RegExp(`\\[worker \\d+ pid ${workers[0]}\\] SIGHUP: ignored`), "the worker's SIGHUP line");
    assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'", 'the session answers after both');
    assert.doesNotMatch(server.log(), /died/);
    client.close();

    // Connections are spread over the workers by the primary (round robin): among several pages, each cursor must be taken.
    const base = `http://127.0.0.1:${server.httpPort}/api/search?q=cjk&limit=1`;
    let cursor = ((await (await fetch(base, { headers: { Connection: 'close' } })).json()) as { next: string }).next;
    for (let page = 0; page < 6; page++) {
      const response = await fetch(`${base}&cursor=${cursor}`, { headers: { Connection: 'close' } });
      const body = (await response.json()) as { next: string; message?: string };
      assert.equal(response.status, 200, body.message);
      cursor = body.next;
    }

    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    assert.match(server.log(), /\[primary\] all 2 workers stopped/);
  } finally {
    server.child.kill('SIGKILL');
  }
});
