// Load generator for charfinder's HTTP API: starts `serve --http-only` (rate
// limit off), drives it with keep-alive clients in a closed loop, and prints
// one summary line per scenario. `--help` is its documentation.
//
//   node dist/scripts/bench-http.js                   # 1,000 requests per scenario
//   node dist/scripts/bench-http.js --requests 5000 --clients 1,8

import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readCpuSeconds, readRssBytes } from './process-usage.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;

const options = await yargs(hideBin(process.argv))
  .scriptName('node dist/scripts/bench-http.js')
  .usage(
    '$0 [options]\n\n' +
      'Benchmarks the HTTP API of a charfinder server it starts (serve --http-only, no rate limit)\n' +
      'and prints one line per scenario and client count: requests, latency p50/p99/max\n' +
      '(request sent → whole body received), requests/s, bytes per reply, server RSS and CPU.',
  )
  .option('requests', { type: 'number', default: 1000, describe: 'requests measured per scenario and client count' })
  .option('warmup', { type: 'number', default: 200, describe: 'requests sent first and not measured' })
  .option('clients', {
    type: 'string',
    default: '1,8',
    describe: 'comma-separated numbers of concurrent keep-alive clients; one run each',
    coerce: (list: string) => list.split(',').map(Number),
  })
  .strict()
  .help()
  .parseAsync();

interface Scenario {
  name: string;
  /** The path of this client's next request, given the previous reply's body. */
  next(previous: Reply | null): string;
  headers?: (path: string) => Record<string, string>;
}

interface Reply {
  status: number;
  body: string;
  etag?: string;
}

/** Walks `cjk` page by page with `next` cursors, back to the first page after the last. */
function pagesOf(query: string, limit: number): Scenario['next'] {
  const first = `/api/search?${new URLSearchParams({ q: query, limit: String(limit) })}`;
  return (previous) => {
    const next = previous && previous.status === 200 ? (JSON.parse(previous.body) as { next: string | null }).next : null;
    return next === null ? first : `${first}&${new URLSearchParams({ cursor: next })}`;
  };
}

const SCENARIOS: Scenario[] = [
  { name: "cjk, pages of 100 (following 'next')", next: pagesOf('cjk', 100) },
  { name: "cjk, pages of 1,000 (following 'next')", next: pagesOf('cjk', 1000) },
  { name: "'cat face', one page of 10", next: () => '/api/search?q=cat+face' },
  { name: '/api/char/U+1F638', next: () => '/api/char/U+1F638' },
];

const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), etag: response.headers.etag }),
      );
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startHttpServer(): Promise<{ port: number; pid: number; stop(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/cli.js', 'serve', '--http-only', '--http', String(port), '--http-rate', '0', '--log', 'none'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.on('exit', () => child.kill('SIGKILL'));
  const deadline = performance.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    try {
      if ((await get(port, '/api/search?q=a')).status === 200) break;
    } catch {
      if (performance.now() > deadline || child.exitCode !== null) throw new Error('the server did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return { port, pid: child.pid!, stop: () => child.kill('SIGTERM') };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const thousands = new Intl.NumberFormat('en-US');

async function run(port: number, pid: number, scenario: Scenario, clients: number, revalidate: boolean): Promise<string> {
  const latencies: number[] = [];
  let bytes = 0;
  const statuses = new Map<number, number>();
  let remaining = options.warmup + options.requests;
  const cpuBefore = readCpuSeconds(pid) ?? 0;
  let measuredFrom = 0;
  let cpuFrom = cpuBefore;
  const client = async () => {
    let last: Reply | null = null;
    /** ETags seen, for the revalidation run: each page asked for a second time with If-None-Match. */
    const etags = new Map<string, string>();
    while (remaining > 0) {
      const measured = remaining-- <= options.requests;
      if (measured && measuredFrom === 0) {
        measuredFrom = performance.now();
        cpuFrom = readCpuSeconds(pid) ?? cpuBefore;
      }
      const path = scenario.next(last);
      const headers: Record<string, string> = {};
      if (revalidate && etags.has(path)) headers['If-None-Match'] = etags.get(path)!;
      const started = performance.now();
      let reply: Reply = await get(port, path, headers);
      const elapsed = performance.now() - started;
      if (reply.etag) etags.set(path, reply.etag);
      if (measured) {
        latencies.push(elapsed);
        bytes += Buffer.byteLength(reply.body);
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
      }
      // A 304 means the body last received for this path still holds.
      if (reply.status === 304) reply = { ...reply, status: 200, body: last?.body ?? '' };
      last = reply;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - measuredFrom) / 1000;
  const cpu = (readCpuSeconds(pid) ?? 0) - cpuFrom;
  latencies.sort((a, b) => a - b);
  const rss = readRssBytes(pid);
  const failed = [...statuses].filter(([status]) => status !== 200 && status !== 304);
  const notModified = statuses.get(304) ?? 0;
  return (
    `${scenario.name}${revalidate ? ', revalidated (If-None-Match → 304)' : ''}, ${clients} ${clients === 1 ? 'client' : 'clients'}: ` +
    `${thousands.format(latencies.length)} requests, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, ` +
    `max ${ms(latencies.at(-1)!)}, ${thousands.format(Math.round(latencies.length / seconds))} req/s, ` +
    `${(bytes / latencies.length / 1000).toFixed(1)} KB/reply${notModified > 0 ? ` (${thousands.format(notModified)} × 304)` : ''}, server CPU ${((cpu / seconds) * 100).toFixed(0)}%` +
    (rss === undefined ? '' : `, RSS ${(rss / 1e6).toFixed(0)} MB`) +
    (failed.length > 0 ? ` — NOT OK: ${failed.map(([status, n]) => `${n}× ${status}`).join(', ')}` : '')
  );
}

console.log(`# charfinder HTTP API bench — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}; the client runs in this process`);
const server = await startHttpServer();
try {
  for (const clients of options.clients) {
    for (const scenario of SCENARIOS) console.log(await run(server.port, server.pid, scenario, clients, false));
    // Revalidation as a browser's cache does it (Back to a query seen before): the second round of pages gets 304s.
    console.log(await run(server.port, server.pid, { ...SCENARIOS[2], name: "'cat face'" }, clients, true));
  }
} finally {
  server.stop();
  agent.destroy();
}
