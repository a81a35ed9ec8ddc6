// Runs one load plan: spreads its connections over worker threads
// (bench-worker.ts), starts them together once every connection has its
// greeting, and merges what the threads measured.

import { Worker } from 'node:worker_threads';
import type { ReplyFormat } from './bench-protocol.js';

/** Connections that all do the same thing, reported together. */
export interface ConnectionGroup {
  /** The group's name in the report, e.g. `small` or `cjk`. */
  name: string;
  connections: number;
  /** Sent one at a time, each after the previous reply ended (closed loop); empty: the connection just stays open. */
  queries: string[];
  /**
   * Connection k of the group starts at query k × startStride (default 1: the
   * next query). A long list of distinct queries is spread with a stride of
   * its length over the connections, so no connection asks what another just
   * asked and no cache can answer it.
   */
  startStride?: number;
}

export interface LoadPlan {
  host: string;
  port: number;
  format: ReplyFormat;
  groups: ConnectionGroup[];
  /**
   * Connect from many loopback addresses (127.77.x.y), a few connections each, as
   * many clients would, rather than all from 127.0.0.1: the server caps connections
   * per client address, and one address would measure that cap, not the server.
   */
  spreadSourceAddresses: boolean;
  /** Load runs this long before anything is recorded, so JIT and caches settle. */
  warmupMs: number;
  /** How long replies are recorded. */
  durationMs: number;
}

/** What one group's connections did inside the measuring window. */
export interface GroupResult {
  name: string;
  /** Connections asked for. */
  connections: number;
  /** Connections that got the greeting and took part. */
  connected: number;
  /** Why the first connection that never got going failed, e.g. the server's refusal line. */
  firstConnectFailure?: string;
  /** Milliseconds from sending a query to the end of its reply, one per reply completed in the window. */
  latenciesMs: Float64Array;
  bytesReceived: number;
  /** Connections lost while running, and why the first one was. */
  lostConnections: number;
  firstLoss?: string;
  /** Replies still incomplete when the bench stopped waiting for them. */
  unfinishedReplies: number;
}

export interface LoadResult {
  /** The measuring window as the threads timed it (they start together within a few ms). */
  windowMs: number;
  groups: GroupResult[];
}

/** What the main thread hands each worker: its share of every group. */
export interface WorkerAssignment {
  host: string;
  port: number;
  format: ReplyFormat;
  spreadSourceAddresses: boolean;
  /**
   * firstConnectionIndex numbers connections across the whole plan, so no two threads pick the same source address;
   * firstInGroup numbers them within their group, for their first query.
   */
  groups: Array<ConnectionGroup & { firstConnectionIndex: number; firstInGroup: number }>;
}

export type ToWorker = { kind: 'start'; warmupMs: number; durationMs: number };

export type FromWorker =
  | { kind: 'connected'; groups: Array<Pick<GroupResult, 'connected' | 'firstConnectFailure'>> }
  | { kind: 'finished'; result: LoadResult };

/** Called on the main thread when the measuring window opens and closes, e.g. to sample the server. */
export interface WindowHooks {
  onWindowStart?(): void;
  onWindowEnd?(): void;
}

// Bounds on every wait, so a server that hangs can't hang the bench.
const CONNECT_PHASE_TIMEOUT_MS = 120_000;
/** After the window: long enough for a few `cjk` replies to finish on a busy server. */
export const DRAIN_TIMEOUT_MS = 10_000;
/** Time for a thread to close its connections and send its report after draining. */
const REPORT_SLACK_MS = 30_000;

const WORKER_URL = new URL('./bench-worker.js', import.meta.url);

export async function runLoad(plan: LoadPlan, threads: number, hooks: WindowHooks = {}): Promise<LoadResult> {
  const assignments = splitAcrossThreads(plan, threads);
  const workers = assignments.map((assignment) => {
    const worker = new Worker(WORKER_URL, { workerData: assignment });
    // A thread's error while a message is awaited fails the run (see nextMessage); one after
    // its report, while it is being stopped, must not crash the bench.
    worker.on('error', () => {});
    return worker;
  });
  const timers: NodeJS.Timeout[] = [];
  try {
    const connected = await allMessages(workers, 'connected', CONNECT_PHASE_TIMEOUT_MS);
    const finished = allMessages(workers, 'finished', plan.warmupMs + plan.durationMs + DRAIN_TIMEOUT_MS + REPORT_SLACK_MS);
    // The threads time their own window; these timers only approximate it for the hooks,
    // and a thread may report before the end timer fires, so the end hook runs by then at the latest.
    let windowEnded = false;
    const endWindow = () => {
      if (windowEnded) return;
      windowEnded = true;
      hooks.onWindowEnd?.();
    };
    timers.push(setTimeout(() => hooks.onWindowStart?.(), plan.warmupMs));
    timers.push(setTimeout(endWindow, plan.warmupMs + plan.durationMs));
    const start: ToWorker = { kind: 'start', warmupMs: plan.warmupMs, durationMs: plan.durationMs };
    for (const worker of workers) worker.postMessage(start);
    const results = await finished;
    endWindow();
    return mergeResults(plan, connected, results);
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Deals each group's connections out to the threads as evenly as possible; threads left with nothing are dropped. */
function splitAcrossThreads(plan: LoadPlan, threads: number): WorkerAssignment[] {
  const assignments: WorkerAssignment[] = [];
  const { host, port, format, spreadSourceAddresses } = plan;
  for (let thread = 0; thread < threads; thread++) {
    let groupStart = 0;
    const groups = plan.groups.map((group) => {
      const base = Math.floor(group.connections / threads);
      const extra = thread < group.connections % threads ? 1 : 0;
      const firstInGroup = thread * base + Math.min(thread, group.connections % threads);
      const firstConnectionIndex = groupStart + firstInGroup;
      groupStart += group.connections;
      return { ...group, connections: base + extra, firstConnectionIndex, firstInGroup };
    });
    if (groups.some((group) => group.connections > 0)) {
      assignments.push({ host, port, format, spreadSourceAddresses, groups });
    }
  }
  return assignments;
}

/** Every thread's next message of a kind; the first failure fails it, and the others' later failures are not left unhandled. */
function allMessages<K extends FromWorker['kind']>(
  workers: Worker[],
  kind: K,
  timeoutMs: number,
): Promise<Array<Extract<FromWorker, { kind: K }>>> {
  const messages = workers.map((worker) => nextMessage(worker, kind, timeoutMs));
  for (const message of messages) message.catch(() => {});
  return Promise.all(messages);
}

function nextMessage<K extends FromWorker['kind']>(
  worker: Worker,
  kind: K,
  timeoutMs: number,
): Promise<Extract<FromWorker, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`bench thread sent no '${kind}' within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: FromWorker) => {
      if (message.kind !== kind) return;
      cleanUp();
      resolve(message as Extract<FromWorker, { kind: K }>);
    };
    const onExit = (code: number) => fail(new Error(`bench thread exited (code ${code}) before '${kind}'`));
    function fail(error: Error) {
      cleanUp();
      reject(error);
    }
    function cleanUp() {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', fail);
      worker.off('exit', onExit);
    }
    worker.on('message', onMessage);
    worker.on('error', fail);
    worker.on('exit', onExit);
  });
}

function mergeResults(
  plan: LoadPlan,
  connected: Array<Extract<FromWorker, { kind: 'connected' }>>,
  finished: Array<Extract<FromWorker, { kind: 'finished' }>>,
): LoadResult {
  const groups = plan.groups.map((group, index): GroupResult => {
    const parts = finished.map((message) => message.result.groups[index]);
    const latencyCount = parts.reduce((sum, part) => sum + part.latenciesMs.length, 0);
    const latenciesMs = new Float64Array(latencyCount);
    let offset = 0;
    for (const part of parts) {
      latenciesMs.set(part.latenciesMs, offset);
      offset += part.latenciesMs.length;
    }
    return {
      name: group.name,
      connections: group.connections,
      connected: connected.reduce((sum, message) => sum + message.groups[index].connected, 0),
      firstConnectFailure: connected.map((message) => message.groups[index].firstConnectFailure).find(Boolean),
      latenciesMs,
      bytesReceived: parts.reduce((sum, part) => sum + part.bytesReceived, 0),
      lostConnections: parts.reduce((sum, part) => sum + part.lostConnections, 0),
      firstLoss: parts.map((part) => part.firstLoss).find(Boolean),
      unfinishedReplies: parts.reduce((sum, part) => sum + part.unfinishedReplies, 0),
    };
  });
  const windowMs = finished.reduce((sum, message) => sum + message.result.windowMs, 0) / finished.length;
  return { windowMs, groups };
}
