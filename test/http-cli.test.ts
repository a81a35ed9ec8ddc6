/** `charfinder serve --http` and `--http-only` as a person starts them: real processes, real ports. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServerProcess, type ServerProcess } from '../scripts/server-process.js';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));

/** Starts the CLI as typed (not the bundle), its stderr in its log, and waits until the HTTP listener is announced. */
async function serve(args: string[]): Promise<ServerProcess> {
  return startServerProcess(args, { entry: CLI, stderr: 'log', env: { NO_COLOR: '1' } });
}

test('serve --http: the TCP listener and, beside it, the page and API on the same index', async () => {
  const served = await serve(['--port', '0', '--http', '0']);
  assert.match(served.log(), /listening on 127\.0\.0\.1:\d+ — 172,873 characters/);
  const page = await fetch(`http://127.0.0.1:${served.httpPort}/`);
  assert.equal(page.status, 200);
  const reply = (await (await fetch(`http://127.0.0.1:${served.httpPort}/api/search?q=registered`)).json()) as { count: number };
  assert.equal(reply.count, 1);
  assert.equal(await served.stop(), 0);
});

test('serve --http-only: no TCP listener', async () => {
  const served = await serve(['--http-only', '--http', '0']);
  assert.doesNotMatch(served.log(), /listening on/);
  assert.match(served.log(), /serving the page and API at .* — 172,873 characters/);
  assert.equal(await served.stop(), 0);
});
