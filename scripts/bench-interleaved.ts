// Several servers, one connection each, and every query of the diverse list
// (bench-diverse.ts) sent to each in turn, the order alternating: whatever
// else the machine does falls on all of them alike. On the shared 2-core
// machine two `npm run bench` runs of one server differ by up to 40%; this
// compares latencies within a few percent. One summary line per server.
//
//   node dist/scripts/bench-interleaved.js --queries 12000 \
//     --server 'node ../054c9da/dist/charfinder.mjs serve --host 127.0.0.1 --port {port}' \
//     --server 'node dist/charfinder.mjs serve --host 127.0.0.1 --port {port}' \
//     --server 'python3 fp2e-mojifinder/tcp_mojifinder.py 127.0.0.1 {port}'

import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CharIndex } from '../src/index/charIndex.js';
import { diverseQueries } from './bench-diverse.js';
import { createReplyEndDetector, encodeQueryLine } from './bench-protocol.js';
import { PORT_PLACEHOLDER, startServer, type StartedServer } from './bench-server.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Queries asked of every server before any is timed. */
const WARMUP_QUERIES = 300;

const options = await yargs(hideBin(process.argv))
  .scriptName('node dist/scripts/bench-interleaved.js')
  .usage('$0 --server CMD --server CMD …\n\nThe diverse queries to each server in turn, one connection each; latency per reply (send → prompt).')
  .option('server', { type: 'string', array: true, demandOption: true, describe: `a server command line with ${PORT_PLACEHOLDER}, run from the repository root` })
  .option('label', { type: 'string', array: true, describe: 'a name per server, in the same order (default: its command)' })
  .option('queries', { type: 'number', default: 12_000, describe: 'queries timed per server' })
  .check((argv) => {
    if (argv.server.some((command) => !command.includes(PORT_PLACEHOLDER))) throw new Error(`every --server must contain ${PORT_PLACEHOLDER}`);
    return true;
  })
  .strict()
  .help()
  .parseAsync();

/** One connection asking one query at a time. */
class Asker {
  private readonly detector = createReplyEndDetector('text');
  private done: (() => void) | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      if (!this.detector.feed(chunk)) return;
      this.detector.reset();
      const done = this.done;
      this.done = undefined;
      done?.();
    });
  }

  /** Connects and waits for the greeting. */
  static async open(port: number): Promise<Asker> {
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    const asker = new Asker(socket);
    await new Promise<void>((resolve, reject) => {
      asker.done = resolve;
      socket.once('error', reject);
    });
    return asker;
  }

  /** Milliseconds from sending the query to the end of its reply. */
  ask(query: string): Promise<number> {
    const sent = performance.now();
    return new Promise((resolve) => {
      this.done = () => resolve(performance.now() - sent);
      this.socket.write(encodeQueryLine(query));
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

const { queries, digest } = diverseQueries(CharIndex.load());
const timed = queries.slice(WARMUP_QUERIES, WARMUP_QUERIES + options.queries);
const servers: StartedServer[] = [];
try {
  for (const command of options.server) servers.push(await startServer(command, REPO_ROOT));
  const askers = await Promise.all(servers.map((server) => Asker.open(server.port)));
  for (const query of queries.slice(0, WARMUP_QUERIES)) for (const asker of askers) await asker.ask(query);
  const latencies = askers.map(() => new Float64Array(timed.length));
  for (const [k, query] of timed.entries()) {
    const order = k % 2 === 0 ? askers.keys() : [...askers.keys()].reverse();
    for (const at of order) latencies[at][k] = await askers[at].ask(query);
  }
  for (const asker of askers) asker.close();
  console.log(`# ${timed.length.toLocaleString('en-US')} diverse queries (list ${digest}) to each of ${servers.length} servers in turn, one connection each`);
  latencies.forEach((values, at) => {
    const sorted = values.slice().sort();
    const percentile = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const label = (options.label?.[at] ?? options.server[at]).padEnd(16);
    console.log(`${label} mean=${mean.toFixed(3)}ms p50=${percentile(0.5).toFixed(3)}ms p90=${percentile(0.9).toFixed(3)}ms p99=${percentile(0.99).toFixed(2)}ms`);
  });
} finally {
  for (const server of servers) await server.stop().catch(() => {});
}
