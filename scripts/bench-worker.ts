// One bench thread: opens its share of the connections, runs each one as a
// closed loop (send a query, read to the end of its reply, record the
// latency, repeat) for the time it is told, then reports.
// Started by bench-load.ts; not meant to be run by hand.

import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import {
  createReplyEndDetector,
  encodeQueryLine,
  SWITCH_TO_JSON_LINE,
  type ReplyEndDetector,
  type ReplyFormat,
} from './bench-protocol.js';
import {
  DRAIN_TIMEOUT_MS,
  type FromWorker,
  type GroupResult,
  type ToWorker,
  type WorkerAssignment,
} from './bench-load.js';

/** From connect to greeting (and JSON switch); a server that takes longer counts as refusing. */
const GREETING_TIMEOUT_MS = 20_000;
/** Connects in flight at once: more would overflow the server's accept backlog and trigger SYN retries. */
const CONNECTS_IN_FLIGHT = 200;
/** The query whose status line proves a `/format json` switch has taken effect. */
const JSON_SYNC_QUERY = 'registered';
const MAX_HANDSHAKE_BYTES = 64 * 1024;
/** Connections per source address when spreading: well under the server's default cap of 64 per address. */
const CONNECTIONS_PER_SOURCE_ADDRESS = 16;
/** Host numbers 1–250 in the last octet, clear of .0 and .255. */
const HOSTS_PER_OCTET = 250;

/** Latencies in a typed array that grows, so 1,000 connections × 5 s of replies stay cheap to keep and to send. */
class LatencyLog {
  private values = new Float64Array(4096);
  length = 0;

  push(valueMs: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = valueMs;
  }

  toArray(): Float64Array {
    return this.values.slice(0, this.length);
  }
}

/** What one group's connections in this thread measured. */
class GroupTally {
  readonly latencies = new LatencyLog();
  bytesReceived = 0;
  connected = 0;
  firstConnectFailure: string | undefined;
  lostConnections = 0;
  firstLoss: string | undefined;
  unfinishedReplies = 0;

  constructor(readonly name: string, readonly connections: number) {}

  toResult(): GroupResult {
    return {
      name: this.name,
      connections: this.connections,
      connected: this.connected,
      firstConnectFailure: this.firstConnectFailure,
      latenciesMs: this.latencies.toArray(),
      bytesReceived: this.bytesReceived,
      lostConnections: this.lostConnections,
      firstLoss: this.firstLoss,
      unfinishedReplies: this.unfinishedReplies,
    };
  }
}

/** The thread-wide measuring window; connections look here to know whether to record and whether to go on. */
const measuring = { recording: false, running: false };

/** One client connection: its socket, where it is in the loop, and what it has seen. */
class BenchConnection {
  private readonly detector: ReplyEndDetector;
  private nextQuery: number;
  private sentAt = 0;
  private awaitingReply = false;
  private lastChunk: Buffer | undefined;
  private onReplyDone: (() => void) | undefined;

  constructor(
    private readonly socket: net.Socket,
    format: ReplyFormat,
    private readonly queries: Buffer[],
    firstQuery: number,
    private readonly tally: GroupTally,
  ) {
    this.detector = createReplyEndDetector(format);
    this.nextQuery = firstQuery % Math.max(queries.length, 1);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.closed());
    // 'close' follows every error and says what it means for the run.
  }

  /** Starts the closed loop; a connection without queries just stays open. */
  start(): void {
    if (this.queries.length > 0) this.sendNext();
  }

  /** Resolves once no reply is in flight (the loop stops itself when the window closes). */
  whenIdle(): Promise<void> {
    if (!this.awaitingReply) return Promise.resolve();
    return new Promise((resolve) => (this.onReplyDone = resolve));
  }

  /** Ends the connection; a reply still in flight is counted as unfinished. */
  close(): void {
    if (this.awaitingReply) this.tally.unfinishedReplies++;
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private sendNext(): void {
    const query = this.queries[this.nextQuery];
    this.nextQuery = (this.nextQuery + 1) % this.queries.length;
    this.awaitingReply = true;
    this.detector.reset();
    this.sentAt = performance.now();
    this.socket.write(query);
  }

  private receive(chunk: Buffer): void {
    if (measuring.recording) this.tally.bytesReceived += chunk.length;
    this.lastChunk = chunk;
    if (!this.awaitingReply || !this.detector.feed(chunk)) return;
    const latencyMs = performance.now() - this.sentAt;
    this.awaitingReply = false;
    if (measuring.recording) this.tally.latencies.push(latencyMs);
    if (measuring.running) {
      this.sendNext();
    } else {
      this.onReplyDone?.();
    }
  }

  private closed(): void {
    this.tally.lostConnections++;
    this.tally.firstLoss ??= `closed by server${describeLastLine(this.lastChunk)}`;
    if (this.awaitingReply) {
      this.awaitingReply = false;
      this.onReplyDone?.();
    }
  }
}

/** The loopback address connection number `index` connects from: 127.77.0.1, 127.77.0.2, … (all of 127/8 is this machine). */
function sourceAddressFor(index: number): string {
  const address = Math.floor(index / CONNECTIONS_PER_SOURCE_ADDRESS);
  return `127.77.${Math.floor(address / HOSTS_PER_OCTET)}.${1 + (address % HOSTS_PER_OCTET)}`;
}

/** Connects and reads the greeting (switching to JSON if asked); rejects with a readable reason. */
function openSession(
  host: string,
  port: number,
  format: ReplyFormat,
  localAddress: string | undefined,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, localAddress, noDelay: true });
    // Text replies end in the prompt; after the switch to JSON there should be none, so a
    // second prompt (the sync query answered in text) means the server did not switch.
    const textEnds = createReplyEndDetector('text');
    let promptsSeen = 0;
    let received = '';
    let settled = false;
    const timer = setTimeout(() => fail(`no greeting within ${GREETING_TIMEOUT_MS} ms`), GREETING_TIMEOUT_MS);

    const onData = (chunk: Buffer) => {
      received = (received + chunk.toString('utf8')).slice(-MAX_HANDSHAKE_BYTES);
      if (textEnds.feed(chunk)) {
        textEnds.reset();
        promptsSeen++;
        if (format === 'text') return succeed();
        if (promptsSeen === 1) {
          received = '';
          socket.write(Buffer.concat([SWITCH_TO_JSON_LINE, encodeQueryLine(JSON_SYNC_QUERY)]));
          return;
        }
        return fail(`server did not switch to JSON; it answered '/format json' with '${received.split('\r\n')[0]}'`);
      }
      // Whatever `/format json` answers, the sync query's status line comes last.
      const synced = received
        .split('\n')
        .some((line) => line.startsWith('{"query"') && line.includes(`"${JSON_SYNC_QUERY}"`));
      if (format === 'json' && promptsSeen === 1 && synced && received.endsWith('\n')) succeed();
    };
    const onClose = () => fail(`closed by server${describeLastLine(Buffer.from(received))}`);

    function succeed() {
      cleanUp();
      resolve(socket);
    }
    function fail(reason: string) {
      if (settled) return;
      cleanUp();
      socket.destroy();
      reject(new Error(reason));
    }
    function cleanUp() {
      settled = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
    }
    socket.on('data', onData);
    socket.on('close', onClose);
    // Stays on for the socket's life: an error with no listener would kill the thread.
    socket.on('error', (error) => fail(error.message));
  });
}

/** `: '<last line>'` of what the server sent last, to quote its refusal or error line. */
function describeLastLine(chunk: Buffer | undefined): string {
  if (!chunk || chunk.length === 0) return '';
  const text = chunk.subarray(-300).toString('utf8').replace(/\?> $/, '').trimEnd();
  const lastLine = text.slice(text.lastIndexOf('\n') + 1).trim();
  return lastLine ? `: '${lastLine.slice(0, 120)}'` : '';
}

/** Opens a group's sessions with at most CONNECTS_IN_FLIGHT connects pending at a time; `index` numbers them in the plan. */
async function openSessions(
  assignment: WorkerAssignment,
  group: WorkerAssignment['groups'][number],
  onOpen: (socket: net.Socket, index: number) => void,
  onFailure: (reason: string) => void,
): Promise<void> {
  const { host, port, format, spreadSourceAddresses } = assignment;
  const end = group.firstConnectionIndex + group.connections;
  let nextIndex = group.firstConnectionIndex;
  async function opener() {
    while (nextIndex < end) {
      const index = nextIndex++;
      const localAddress = spreadSourceAddresses ? sourceAddressFor(index) : undefined;
      try {
        onOpen(await openSession(host, port, format, localAddress), index);
      } catch (error) {
        onFailure((error as Error).message);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONNECTS_IN_FLIGHT, group.connections) }, opener));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(assignment: WorkerAssignment): Promise<void> {
  const port = parentPort!;
  const tallies = assignment.groups.map((group) => new GroupTally(group.name, group.connections));
  const connections: BenchConnection[] = [];

  for (const [groupIndex, group] of assignment.groups.entries()) {
    const tally = tallies[groupIndex];
    const queries = group.queries.map(encodeQueryLine);
    await openSessions(
      assignment,
      group,
      (socket, index) => {
        tally.connected++;
        // Each connection starts at a different query, so the mix is even from the first second.
        const inGroup = group.firstInGroup + index - group.firstConnectionIndex;
        const firstQuery = Math.floor(inGroup * (group.startStride ?? 1));
        connections.push(new BenchConnection(socket, assignment.format, queries, firstQuery, tally));
      },
      (reason) => (tally.firstConnectFailure ??= reason),
    );
  }
  const connected: FromWorker = {
    kind: 'connected',
    groups: tallies.map((tally) => ({ connected: tally.connected, firstConnectFailure: tally.firstConnectFailure })),
  };
  port.postMessage(connected);

  const start = await new Promise<ToWorker>((resolve) => port.once('message', resolve));
  measuring.running = true;
  for (const connection of connections) connection.start();
  await delay(start.warmupMs);
  measuring.recording = true;
  const windowStart = performance.now();
  await delay(start.durationMs);
  measuring.recording = false;
  measuring.running = false;
  const windowMs = performance.now() - windowStart;

  await Promise.race([Promise.all(connections.map((connection) => connection.whenIdle())), delay(DRAIN_TIMEOUT_MS)]);
  for (const connection of connections) connection.close();

  const results = tallies.map((tally) => tally.toResult());
  const finished: FromWorker = { kind: 'finished', result: { windowMs, groups: results } };
  // Transferred, not copied: a 1,000-connection run can hold a million latencies.
  port.postMessage(finished, results.map((result) => result.latenciesMs.buffer as ArrayBuffer));
}

await main(workerData as WorkerAssignment);
