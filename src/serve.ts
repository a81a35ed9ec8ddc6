/**
 * `charfinder serve`, the composition root: the one place that knows both
 * listeners. It loads the index, makes the log, the descriptor budget both
 * listeners share and the cursor secret, listens, and stops cleanly on
 * SIGTERM/SIGINT (SIGHUP is logged and ignored) — in one process, or in N
 * worker processes sharing the port through Node's cluster module, with a
 * primary that restarts a worker that dies and drains them all on shutdown.
 *
 * The cluster and the HTTP listener are imported when asked: with them (and
 * node:http, node:cluster, node:crypto beneath them) a plain `serve` took
 * about 15 ms longer to start.
 */
import type { Cluster, Worker } from 'node:cluster';
import { PRODUCT, VERSION } from './about.js';
import { CharIndex } from './index/charIndex.js';
import { count } from './search/sentences.js';
import type { Limits } from './server/limits.js';
import { Log, type LogLevel } from './log.js';
import { startServer, type RunningServer } from './server/server.js';
import type { RunningHttpServer } from './http/server.js';
import type { HttpLimits } from './http/limits.js';
import { DEFAULT_QUERY_BUDGET } from './search/budget.js';
import { DescriptorBudget } from './descriptors.js';

export interface ServeSettings {
  host: string;
  port: number;
  indexPath: string;
  log: LogLevel;
  limits: Partial<Limits>;
  /** Worker processes; 1 serves in this process. */
  workers: number;
  /** The web page and JSON API over HTTP, beside the TCP listener or (only) instead of it. */
  http?: { port: number; only: boolean; limits: Partial<HttpLimits> };
}

/** A worker that dies sooner than this after its start counts towards a crash loop. */
const EARLY_DEATH_MS = 5000;
const RESTART_DELAY_MS = 1000;

export async function serve(settings: ServeSettings): Promise<void> {
  // A worker runs with the primary's arguments, so it too has workers > 1.
  if (settings.workers === 1) return serveHere(settings, '');
  const { default: cluster } = await import('node:cluster');
  if (cluster.isPrimary) return superviseWorkers(settings, cluster);
  return serveHere(settings, `[worker ${cluster.worker!.id} pid ${process.pid}] `);
}

/** Serves in this process (alone, or as one cluster worker, whose log lines begin with `worker`). */
async function serveHere(settings: ServeSettings, worker: string): Promise<void> {
  const log = new Log(settings.log, undefined, undefined, worker);
  const opening = CharIndex.open(settings.indexPath);
  const { host, http } = settings;
  const descriptors = DescriptorBudget.measure();
  // TCP listens while the index is read (server.ts): a client's connect, and the listen, need not wait for it.
  const listeningTcp = http?.only
    ? undefined
    : listen('TCP', '--port', host, settings.port, () => startServer({ host, port: settings.port, index: opening, log, limits: settings.limits, descriptors }));
  listeningTcp?.catch(() => {}); // its failure is reported below, after the index's, as before
  let index: CharIndex;
  try {
    index = await opening;
  } catch (error) {
    await (await listeningTcp?.catch(() => undefined))?.close();
    throw error;
  }
  const loaded = `${count(index.size)} characters (Unicode ${index.header.unicodeVersion}), index loaded in ${index.loadMilliseconds.toFixed(1)} ms`;

  let tcp: RunningServer | undefined;
  let web: RunningHttpServer | undefined;
  try {
    tcp = await listeningTcp;
    if (http) {
      const [{ startHttpServer }, { CURSOR_SECRET_ENV, newCursorSecret }] = await Promise.all([import('./http/server.js'), import('./http/cursor.js')]);
      // Workers take the primary's secret, so any of them takes a cursor another gave out.
      const cursorSecret = process.env[CURSOR_SECRET_ENV] || newCursorSecret();
      // One query budget on both sides: the serve flags' values, or the default.
      const { maxQueryTerms = DEFAULT_QUERY_BUDGET.maxQueryTerms, maxQueryWork = DEFAULT_QUERY_BUDGET.maxQueryWork } = settings.limits;
      const limits = { ...http.limits, queryBudget: { maxQueryTerms, maxQueryWork } };
      web = await listen('HTTP', '--http', host, http.port, () => startHttpServer({ host, port: http.port, index, log, limits, descriptors, cursorSecret }));
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
    await tcp?.close();
    return;
  }
  if (tcp) log.server(`${PRODUCT} ${VERSION} ${log.paint.green('listening')} on ${tcp.address.address}:${tcp.address.port} — ${loaded}`);
  if (web) {
    const origin = `http://${web.address.address}:${web.address.port}/`;
    log.server(`${PRODUCT} ${VERSION} ${log.paint.green('serving')} the page and API at ${origin}${tcp ? '' : ` — ${loaded}`}`);
  }
  log.server(descriptors.describe());
  let stopping = false;
  const stop = (signal: string) => {
    // Ctrl-C reaches a whole cluster at once, then the primary's SIGTERM follows: act on the first only.
    if (stopping) return;
    stopping = true;
    const grace = tcp ? `; replies in progress get ${tcp.limits.shutdownGraceMs / 1000} s to finish` : '';
    log.server(`${signal}: shutting down${grace}`);
    void Promise.all([tcp?.shutdown(), web?.close()])
      .then(([summary]) => {
        if (summary) {
          const uptime = (summary.uptimeMs / 1000).toFixed(1);
          const cut = summary.cutShort > 0 ? `, ${summary.cutShort} cut short at the end of the grace period` : '';
          log.server(`stopped: ${count(summary.connections)} connections served, ${count(summary.queries)} queries, up ${uptime} s${cut}`);
        } else log.server('stopped');
        return log.close();
      })
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  ignoreHangUp(log);
}

/**
 * A closed terminal or a `kill -HUP` would end the process (Node's default)
 * without a drain or a word. Nothing here needs reloading — the log is
 * stdout, which the supervisor owns — so SIGHUP is logged and ignored.
 */
function ignoreHangUp(log: Log): void {
  process.on('SIGHUP', () => log.server(`SIGHUP: ignored (connections go on; the log is stdout, nothing to reopen; SIGTERM stops the server); ${memoryLine()}`));
}

/** What the process holds, for the operator who sends SIGHUP: RSS, the JavaScript heap in use and reserved, and buffers outside it. */
function memoryLine(): string {
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
  return `memory: rss ${mb(rss)}, heap ${mb(heapUsed)} used of ${mb(heapTotal)}, external ${mb(external)}`;
}

/** Starts a listener; a failure becomes one sentence saying what to do. */
async function listen<T>(what: string, flag: string, host: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${port} is in use; choose another with ${flag}` : (error as Error).message;
    throw new Error(`${PRODUCT}: cannot listen (${what}) on ${host}:${port}: ${reason}`);
  }
}

/** The primary: forks the workers, restarts one that dies, drains them all on a signal. */
async function superviseWorkers(settings: ServeSettings, cluster: Cluster): Promise<void> {
  const { CURSOR_SECRET_ENV, newCursorSecret } = await import('./http/cursor.js');
  const log = new Log(settings.log, undefined, undefined, '[primary] ');
  let stopping = false;
  const startedAt = new Map<Worker, number>();

  const workerEnv = { [CURSOR_SECRET_ENV]: process.env[CURSOR_SECRET_ENV] || newCursorSecret() };
  const fork = () => {
    const worker = cluster.fork(workerEnv);
    startedAt.set(worker, performance.now());
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = performance.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) {
        log.server(`all ${settings.workers} workers stopped`);
        void log.close().then(() => process.exit(0));
      }
      return;
    }
    log.server(`${log.paint.red(`worker ${worker.id} died`)} (${signal ?? `exit code ${code}`}); starting another`);
    // A worker that dies at once (bad port, bad index) would otherwise be restarted in a tight loop.
    if (lived < EARLY_DEATH_MS) setTimeout(fork, RESTART_DELAY_MS);
    else fork();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.server(`${signal}: asking ${startedAt.size} workers to shut down`);
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  ignoreHangUp(log);

  log.server(`${PRODUCT} ${VERSION}: starting ${settings.workers} workers on ${settings.host}:${settings.port}`);
  for (let k = 0; k < settings.workers; k++) fork();
}
