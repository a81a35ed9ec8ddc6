// The bench's `hoard` scenario: bounded memory, measured. N clients (default
// 100) each send `cjk` 1,000 times and never read. The server should hold
// each one at its socket buffers plus one batch, so its RSS stays flat
// however long they wait, while a polite client beside them is still
// answered at once. One summary line.
//
//   node dist/scripts/bench.js --scenario hoard [--connections 100] [--duration 10]

import { performance } from 'node:perf_hooks';
import { formatMegabytes, formatMs, type SummaryRecord } from './bench-report.js';
import { LineClient } from './line-client.js';
import { readRssBytes } from './process-usage.js';
import { startServerProcess } from './server-process.js';
import { percentile } from './stats.js';

const HOARDED_LINES = 'cjk\r\n'.repeat(1000);
/** Hoarders come from 127.0.0.2–33, a few per address, under the per-address cap; the polite client from 127.0.1.1. */
const HOARDER_ADDRESSES = 32;
const POLITE_ADDRESS = '127.0.1.1';
const POLITE_TIMEOUT_MS = 10_000;
const SAMPLE_EVERY_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connect to the status line of one polite query, in ms. */
async function politeQuery(port: number): Promise<number> {
  const started = performance.now();
  const { client } = await LineClient.ready(port, { localAddress: POLITE_ADDRESS, timeoutMs: POLITE_TIMEOUT_MS });
  try {
    client.send('registered\r\n');
    await client.until((unread) => unread.includes("1 match for 'registered'"), POLITE_TIMEOUT_MS);
    return performance.now() - started;
  } finally {
    client.close();
  }
}

export async function measureHoard(clients: number, seconds: number): Promise<SummaryRecord> {
  const server = await startServerProcess();
  const hoarders: LineClient[] = [];
  try {
    const { port, pid } = server;
    await sleep(500);
    const before = readRssBytes(pid);
    for (let k = 0; k < clients; k++) {
      const hoarder = await LineClient.connect(port, { localAddress: `127.0.0.${2 + (k % HOARDER_ADDRESSES)}`, keepReceived: false });
      hoarder.socket.pause(); // never reads
      hoarder.send(HOARDED_LINES);
      hoarders.push(hoarder);
    }
    const samples: number[] = [];
    const politeMs: number[] = [];
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      samples.push(readRssBytes(pid) ?? 0);
      politeMs.push(await politeQuery(port));
      await sleep(SAMPLE_EVERY_MS);
    }
    const quarter = Math.max(1, Math.floor(samples.length / 4));
    const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const summary = [
      `server-rss before=${formatMegabytes(before)} first-quarter=${formatMegabytes(average(samples.slice(0, quarter)))}`,
      `last-quarter=${formatMegabytes(average(samples.slice(-quarter)))} peak=${formatMegabytes(Math.max(...samples))}`,
      `polite query beside them (connect → answer): p50=${formatMs(percentile(politeMs, 0.5))} max=${formatMs(Math.max(...politeMs))} (${politeMs.length} queries)`,
    ].join('  ');
    return { scenario: 'hoard', counts: `conns=${clients} ${seconds}s`, summary, details: [], ok: true };
  } finally {
    for (const hoarder of hoarders) hoarder.close();
    await server.stop();
  }
}
