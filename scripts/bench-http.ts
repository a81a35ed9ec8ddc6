// The bench's `http` scenario: charfinder's HTTP API (`serve --http-only`,
// rate limit off), driven by keep-alive clients in a closed loop; one
// summary line per client count, each page kind's req/s and latency
// (request sent → whole body received) in it.
//
//   node dist/scripts/bench.js --scenario http [--connections 1,8] [--http-requests 1000]

import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { formatMegabytes, formatMs, formatNumber, type SummaryRecord } from './bench-report.js';
import { readCpuSeconds, readRssBytes } from './process-usage.js';
import { startServerProcess } from './server-process.js';
import { percentile } from './stats.js';

/** Requests sent before measuring starts, so JIT and caches settle. */
const WARMUP_REQUESTS = 200;
const REQUEST_TIMEOUT_MS = 30_000;

interface PageKind {
  /** Its name in the summary line. */
  name: string;
  /** The path of this client's next request, given the previous reply. */
  next(previous: Reply | null): string;
  /** Ask again with If-None-Match for a path seen before, as a browser's cache does (Back to a query seen before). */
  revalidate?: boolean;
}

interface Reply {
  status: number;
  body: string;
  etag?: string;
}

/** Walks `cjk` page by page with `next` cursors, back to the first page after the last. */
function pagesOf(query: string, limit: number): PageKind['next'] {
  const first = `/api/search?${new URLSearchParams({ q: query, limit: String(limit) })}`;
  return (previous) => {
    const next = previous && previous.status === 200 ? (JSON.parse(previous.body) as { next: string | null }).next : null;
    return next === null ? first : `${first}&${new URLSearchParams({ cursor: next })}`;
  };
}

const PAGE_KINDS: PageKind[] = [
  { name: 'cjk/100', next: pagesOf('cjk', 100) },
  { name: 'cjk/1000', next: pagesOf('cjk', 1000) },
  { name: "'cat face'", next: () => '/api/search?q=cat+face' },
  { name: 'char', next: () => '/api/char/U+1F638' },
  { name: "'cat face' 304", next: () => '/api/search?q=cat+face', revalidate: true },
];

function get(agent: Agent, port: number, path: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), etag: response.headers.etag }),
      );
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no reply to ${path} within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end();
  });
}

interface KindFigures {
  name: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  bytesPerReply: number;
  /** Replies other than 200 and 304, by status. */
  failed: Map<number, number>;
}

async function measureKind(agent: Agent, port: number, kind: PageKind, clients: number, requests: number): Promise<KindFigures> {
  const latencies: number[] = [];
  let bytes = 0;
  const failed = new Map<number, number>();
  let remaining = WARMUP_REQUESTS + requests;
  let measuredFrom = 0;
  const client = async () => {
    let last: Reply | null = null;
    const etags = new Map<string, string>();
    while (remaining > 0) {
      const measured = remaining-- <= requests;
      if (measured && measuredFrom === 0) measuredFrom = performance.now();
      const path = kind.next(last);
      const headers: Record<string, string> = kind.revalidate && etags.has(path) ? { 'If-None-Match': etags.get(path)! } : {};
      const started = performance.now();
      let reply = await get(agent, port, path, headers);
      const elapsed = performance.now() - started;
      if (reply.etag) etags.set(path, reply.etag);
      if (measured) {
        latencies.push(elapsed);
        bytes += Buffer.byteLength(reply.body);
        if (reply.status !== 200 && reply.status !== 304) failed.set(reply.status, (failed.get(reply.status) ?? 0) + 1);
      }
      // A 304 means the body last received for this path still holds.
      if (reply.status === 304) reply = { ...reply, status: 200, body: last?.body ?? '' };
      last = reply;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - measuredFrom) / 1000;
  return {
    name: kind.name,
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    bytesPerReply: bytes / latencies.length,
    failed,
  };
}

/** One server, every page kind in turn with `clients` keep-alive clients; one summary line. */
export async function measureHttp(clients: number, requests: number): Promise<SummaryRecord> {
  const server = await startServerProcess(['--http-only', '--http', '0', '--http-rate', '0']);
  const agent = new Agent({ keepAlive: true, maxSockets: 1024 });
  try {
    const cpuBefore = readCpuSeconds(server.pid) ?? NaN;
    const startedAt = performance.now();
    const figures: KindFigures[] = [];
    for (const kind of PAGE_KINDS) figures.push(await measureKind(agent, server.httpPort!, kind, clients, requests));
    const cpuPercent = (((readCpuSeconds(server.pid) ?? NaN) - cpuBefore) / ((performance.now() - startedAt) / 1000)) * 100;
    const failures = figures.flatMap((kind) => [...kind.failed].map(([status, count]) => `${kind.name} ${count}× ${status}`));
    const parts = figures.map(
      (kind) =>
        `${kind.name}: req/s=${formatNumber(kind.requestsPerSecond, 0)} p50=${formatMs(kind.p50Ms)} p99=${formatMs(kind.p99Ms)} ${formatNumber(kind.bytesPerReply / 1e3, 1)}KB`,
    );
    const summary = [
      ...parts,
      `server-rss=${formatMegabytes(readRssBytes(server.pid))} cpu=${formatNumber(cpuPercent, 0)}%`,
      ...(failures.length > 0 ? [`! NOT OK: ${failures.join(', ')}`] : []),
    ].join('  ');
    return { scenario: 'http', counts: `clients=${clients}`, summary, details: [], ok: failures.length === 0 };
  } finally {
    agent.destroy();
    await server.stop();
  }
}
