/**
 * Bounded memory, measured: N clients (default 100) each send `cjk` 1,000
 * times and never read. The server should hold each one at its socket
 * buffers plus one batch, so its RSS stays flat however long they wait,
 * while a polite client beside them is still answered at once.
 *
 *   node dist/scripts/bench-hoard.js [--clients 100] [--seconds 10]
 */
import type { Socket } from 'node:net';
import { connectFrom, startServerProcess } from './server-process.js';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readRssBytes } from './process-usage.js';

const argv = yargs(hideBin(process.argv))
  .option('clients', { type: 'number', default: 100, describe: 'clients that ask and never read' })
  .option('seconds', { type: 'number', default: 10, describe: 'how long they wait' })
  .strict()
  .parseSync();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number | undefined) => (bytes === undefined ? '?' : `${(bytes / 1048576).toFixed(1)} MB`);

const open = (port: number, localAddress: string) => connectFrom(port, localAddress);

/** Time for one polite query, connect to status line. */
async function politeQuery(port: number): Promise<number> {
  const started = performance.now();
  const socket = await open(port, '127.0.1.1');
  let text = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  socket.write('registered\r\n');
  while (!text.includes("1 match for 'registered'")) {
    if (performance.now() - started > 10_000) throw new Error('no answer in 10 s');
    await sleep(1);
  }
  socket.destroy();
  return performance.now() - started;
}

const server = await startServerProcess();
try {
  const { port, pid } = server;
  await sleep(500);
  const before = readRssBytes(pid);

  const hoarders: Socket[] = [];
  for (let k = 0; k < argv.clients; k++) {
    const socket = await open(port, `127.0.0.${2 + (k % 32)}`);
    socket.on('error', () => {});
    socket.pause(); // never reads
    socket.write('cjk\r\n'.repeat(1000));
    hoarders.push(socket);
  }
  const samples: number[] = [];
  const politeMs: number[] = [];
  const until = Date.now() + argv.seconds * 1000;
  while (Date.now() < until) {
    samples.push(readRssBytes(pid) ?? 0);
    politeMs.push(await politeQuery(port));
    await sleep(250);
  }
  const early = samples.slice(0, Math.max(1, Math.floor(samples.length / 4)));
  const late = samples.slice(-Math.max(1, Math.floor(samples.length / 4)));
  const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  politeMs.sort((a, b) => a - b);
  console.log(`hoard: ${argv.clients} clients each sent 'cjk' 1,000 times and read nothing, for ${argv.seconds} s`);
  console.log(
    `  server RSS: before ${mb(before)}, first quarter ${mb(average(early))}, last quarter ${mb(average(late))}, peak ${mb(Math.max(...samples))} ` +
      `(${samples.length} samples)`,
  );
  console.log(`  a polite query beside them, connect to answer: p50 ${politeMs[Math.floor(politeMs.length / 2)].toFixed(1)} ms, max ${politeMs.at(-1)!.toFixed(1)} ms (${politeMs.length} queries)`);
  for (const socket of hoarders) socket.destroy();
} finally {
  server.child.kill('SIGTERM');
}
