/** `charfinder serve --http` and `--http-only` as a person starts them: real processes, real ports. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));

interface Served {
  log: string;
  httpPort: number;
  stop(): Promise<number | null>;
}

/** Starts the CLI and reads its log until the HTTP listener is announced. */
async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args, '--log', 'server'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let log = '';
  const announced = /serving the page and API at http:\/\/127\.0\.0\.1:(\d+)\//;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no HTTP listener announced:\n${log}`)), 10_000);
    const read = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const found = announced.exec(log);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
  return {
    get log() {
      return log;
    },
    httpPort: port,
    async stop() {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}

test('serve --http: the TCP listener and, beside it, the page and API on the same index', async () => {
  const served = await serve(['--port', '0', '--http', '0']);
  assert.match(served.log, /listening on 127\.0\.0\.1:\d+ — 172,873 characters/);
  const page = await fetch(`http://127.0.0.1:${served.httpPort}/`);
  assert.equal(page.status, 200);
  const reply = (await (await fetch(`http://127.0.0.1:${served.httpPort}/api/search?q=registered`)).json()) as { count: number };
  assert.equal(reply.count, 1);
  assert.equal(await served.stop(), 0);
});

test('serve --http-only: no TCP listener', async () => {
  const served = await serve(['--http-only', '--http', '0']);
  assert.doesNotMatch(served.log, /listening on/);
  assert.match(served.log, /serving the page and API at .* — 172,873 characters/);
  assert.equal(await served.stop(), 0);
});
