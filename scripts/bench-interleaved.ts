// Several servers, one connection each, and every query of the diverse list
// (bench-diverse.ts) sent to each in turn, the order alternating: whatever
// else the machine does falls on all of them alike. On the shared 2-core
// machine two `npm run bench` runs of one server differ by up to 40%; this
// compares latencies within a few percent. One summary line per server.
//
//   node dist/scripts/bench-interleaved.js --queries 12000 \
//     --server 'node ../054c9da/dist/charfinder.mjs serve --host 127.0.0.1 --port {port}' \
//     --server 'node dist/charfinder.cjs serve --host 127.0.0.1 --port {port}' \
//     --server 'python3 fp2e-mojifinder/tcp_mojifinder.py 127.0.0.1 {port}'

import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CharIndex } from '../src/index/charIndex.js';
import { diverseQueries } from './bench-diverse.js';
import { LineClient } from './line-client.js';
import { PORT_PLACEHOLDER, startLineServer, type ServerProcess } from './server-process.js';
import { percentile } from './stats.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Queries asked of every server before any is timed. */
const WARMUP_QUERIES = 300;
/** A reply that takes longer fails the run: the comparison would mean nothing. */
const REPLY_TIMEOUT_MS = 30_000;

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

/** Milliseconds from sending the query to the end of its reply. */
async function timeReply(client: LineClient, query: string): Promise<number> {
  const sent = performance.now();
  client.send(`${query}\n`);
  await client.untilPrompt(REPLY_TIMEOUT_MS);
  return performance.now() - sent;
}

const { queries, digest } = diverseQueries(CharIndex.load());
const timed = queries.slice(WARMUP_QUERIES, WARMUP_QUERIES + options.queries);
const servers: ServerProcess[] = [];
try {
  for (const command of options.server) servers.push(await startLineServer(command, REPO_ROOT));
  const askers = await Promise.all(servers.map(async (server) => (await LineClient.ready(server.port)).client));
  for (const query of queries.slice(0, WARMUP_QUERIES)) for (const asker of askers) await timeReply(asker, query);
  const latencies = askers.map(() => new Float64Array(timed.length));
  for (const [k, query] of timed.entries()) {
    const order = k % 2 === 0 ? askers.keys() : [...askers.keys()].reverse();
    for (const at of order) latencies[at][k] = await timeReply(askers[at], query);
  }
  for (const asker of askers) asker.close();
  console.log(`# ${timed.length.toLocaleString('en-US')} diverse queries (list ${digest}) to each of ${servers.length} servers in turn, one connection each`);
  latencies.forEach((values, at) => {
    const sorted = values.slice().sort();
    const p = (fraction: number) => percentile(sorted, fraction);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const label = (options.label?.[at] ?? options.server[at]).padEnd(16);
    console.log(`${label} mean=${mean.toFixed(3)}ms p50=${p(0.5).toFixed(3)}ms p90=${p(0.9).toFixed(3)}ms p99=${p(0.99).toFixed(2)}ms`);
  });
} finally {
  for (const server of servers) await server.stop().catch(() => {});
}
