/** serve --workers: N processes share the port; a dead worker is replaced; SIGTERM drains them all. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LineClient } from '../scripts/line-client.js';

/** What `npm start` and the `charfinder` bin run: the one-file bundle. */
const CLI = fileURLToPath(new URL('../charfinder.mjs', import.meta.url));

test('two workers share one port, a killed worker is restarted, SIGTERM stops them all', async () => {
  const primary = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--workers', '2', '--log', 'connections'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let log = '';
  primary.stdout!.setEncoding('utf8').on('data', (text: string) => (log += text));
  const exited = new Promise<number | null>((resolve) => primary.on('exit', (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!pattern.test(log)) {
      if (Date.now() > deadline) throw new Error(`never saw ${what}:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  try {
    await waitFor(/listening[\s\S]*listening/, 'two workers listening');
    const ports = [...log.matchAll(/\[worker (\d+) pid (\d+)\] .*listening on 127\.0\.0\.1:(\d+)/g)];
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

    primary.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(log, /\[primary\] SIGTERM: asking 2 workers to shut down/);
    assert.match(log, /\[primary\] all 2 workers stopped/);
    assert.equal((log.match(/\] stopped: \d+ connections? served/g) ?? []).length, 2);
  } finally {
    primary.kill('SIGKILL');
  }
});
