/** serve --workers: N processes share the port; a dead worker is replaced; SIGTERM drains them all. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineClient } from '../scripts/line-client.js';
import { startServerProcess } from '../scripts/server-process.js';

test('two workers share one port, a killed worker is restarted, SIGTERM stops them all', async () => {
  const primary = await startServerProcess(['--workers', '2', '--log', 'connections']);
  const waitFor = async (pattern: RegExp, what: string) => {
    const deadline = Date.now() + 30_000;
    while (!pattern.test(primary.log())) {
      if (Date.now() > deadline) throw new Error(`never saw ${what}:\n${primary.log()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  try {
    await waitFor(/listening[\s\S]*listening/, 'two workers listening');
    const ports = [...primary.log().matchAll(/\[worker (\d+) pid (\d+)\] .*listening on 127\.0\.0\.1:(\d+)/g)];
    assert.equal(ports.length, 2);
    assert.equal(ports[0][3], ports[1][3], 'both workers listen on the same port');
    const port = Number(ports[0][3]);

    const clients = await Promise.all(Array.from({ length: 12 }, () => LineClient.ready(port)));
    for (const { client } of clients) assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'");
    for (const { client } of clients) client.close();

    process.kill(Number(ports[0][2]), 'SIGKILL');
    await waitFor(new RegExp(`worker ${ports[0][1]} died \\(SIGKILL\\); starting another`), 'the restart');
    await waitFor(/worker 3 pid \d+\] .*listening/, 'the new worker listening');
    const { client } = await LineClient.ready(port);
    assert.equal((await client.ask('cat face')).at(-1), "11 matches for 'cat face'");
    client.close();

    primary.child.kill('SIGTERM');
    assert.equal(await primary.exited, 0);
    const log = primary.log();
    assert.match(log, /\[primary\] SIGTERM: asking 2 workers to shut down/);
    assert.match(log, /\[primary\] all 2 workers stopped/);
    assert.equal((log.match(/\] stopped: \d+ connections? served/g) ?? []).length, 2);
  } finally {
    primary.child.kill('SIGKILL');
  }
});
