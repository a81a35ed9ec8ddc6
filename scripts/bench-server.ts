// The server under test, seen from outside: start it on a free loopback port,
// wait until it answers, read its memory and CPU from /proc, stop it.

import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { createReplyEndDetector, encodeQueryLine } from './bench-protocol.js';

/** Where the bench sends load, and the process to watch if it knows it. */
export interface ServerAddress {
  host: string;
  port: number;
  /** Known for a server the bench started, or given with --server-pid. */
  pid?: number;
}

export interface StartedServer extends ServerAddress {
  pid: number;
  /** From spawning the process to the end of the reply to its first query. */
  startupMs: number;
  /** SIGTERM, then SIGKILL if need be; rejects with its last output if the server had died before. */
  stop(): Promise<void>;
}

/** The placeholder in a server command that is replaced by the free port chosen for it. */
export const PORT_PLACEHOLDER = '{port}';

const LOOPBACK = '127.0.0.1';
/** Time allowed from spawn to the first answered query (loading the index included). */
const STARTUP_TIMEOUT_MS = 60_000;
const CONNECT_RETRY_MS = 5;
/** After SIGTERM, time allowed to exit before SIGKILL. */
const STOP_TIMEOUT_MS = 3_000;
/** Output lines kept from the server, to show when it fails. */
const OUTPUT_LINES_KEPT = 20;
/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

const runningServers = new Set<ChildProcess>();
let killOnExitInstalled = false;

/** However the bench ends (error, Ctrl-C, process.exit), no server it started outlives it. */
function killServersOnExit(): void {
  if (killOnExitInstalled) return;
  killOnExitInstalled = true;
  process.on('exit', () => {
    for (const child of runningServers) child.kill('SIGKILL');
  });
}

/**
 * Spawns `command` (a shell command line with {port} in it) on a free port
 * and waits until it answers a query. `exec` makes the server itself the
 * child, so its pid is the one whose memory is read.
 */
export async function startServer(command: string, cwd: string): Promise<StartedServer> {
  const port = await findFreePort();
  const commandLine = command.replaceAll(PORT_PLACEHOLDER, String(port));
  const spawnedAt = performance.now();
  killServersOnExit();
  const child = spawn('/bin/sh', ['-c', `exec ${commandLine}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  runningServers.add(child);
  const output = keepLastLines(child);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      runningServers.delete(child);
      resolve(`server exited (${signal ?? `code ${code}`}) — its last output:\n${output.join('\n')}`);
    }),
  );
  const stop = () => stopServer(child, exited);
  try {
    const answeredAt = await Promise.race([
      firstAnsweredQuery(LOOPBACK, port, spawnedAt + STARTUP_TIMEOUT_MS),
      exited.then((why) => Promise.reject(new Error(why))),
    ]);
    if (child.pid === undefined) throw new Error(`could not start: ${commandLine}`);
    return { host: LOOPBACK, port, pid: child.pid, startupMs: answeredAt - spawnedAt, stop };
  } catch (error) {
    await stop().catch(() => {}); // the startup error already says what went wrong
    throw error;
  }
}

/** Stops the server; rejects if it had already exited by itself, since the run it served is then suspect. */
async function stopServer(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(await exited);
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    process.stderr.write(`warning: server pid ${child.pid} ignored SIGTERM for ${STOP_TIMEOUT_MS} ms; killing it\n`);
    child.kill('SIGKILL');
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Drains the server's stdout and stderr (a full pipe would stall it) and keeps the last lines. */
function keepLastLines(child: ChildProcess): string[] {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return lines;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, LOOPBACK, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Connects (retrying while nothing listens yet), reads the greeting, sends
 * `registered` and reads its reply. Resolves with the time the reply ended.
 */
export async function firstAnsweredQuery(host: string, port: number, deadline: number): Promise<number> {
  for (;;) {
    try {
      return await askOnce(host, port, deadline);
    } catch (error) {
      const refused = (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
      if (!refused || performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_MS));
    }
  }
}

function askOnce(host: string, port: number, deadline: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, noDelay: true });
    const detector = createReplyEndDetector('text');
    let greeted = false;
    const timer = setTimeout(
      () => finish(new Error('server accepted but did not answer in time')),
      Math.max(0, deadline - performance.now()),
    );
    socket.on('data', (chunk: Buffer) => {
      if (!detector.feed(chunk)) return;
      if (greeted) return finish(undefined, performance.now());
      greeted = true;
      detector.reset();
      socket.write(encodeQueryLine('registered'));
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error('server closed the connection before answering')));
    function finish(error: Error | undefined, answeredAt = 0) {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.destroy();
      if (error) reject(error);
      else resolve(answeredAt);
    }
  });
}

/**
 * Resident memory in bytes (VmRSS) of a process and its descendants, so a
 * server run as a cluster (`--workers N`) counts its workers too; undefined
 * once the process is gone.
 */
export function readRssBytes(pid: number): number | undefined {
  return sumOverProcessTree(pid, (member) => {
    const status = readFileSync(`/proc/${member}/status`, 'latin1');
    const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kilobytes === undefined ? 0 : Number(kilobytes) * 1024;
  });
}

/** CPU time (user + system) used so far by a process and its living descendants, in seconds. */
export function readCpuSeconds(pid: number): number | undefined {
  return sumOverProcessTree(pid, (member) => {
    const stat = readFileSync(`/proc/${member}/stat`, 'latin1');
    // Fields after the parenthesised command name, which may itself hold spaces; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  });
}

/** Adds up `measure` over `pid` and its descendants; undefined if `pid` itself is gone. A descendant that just exited counts 0. */
function sumOverProcessTree(pid: number, measure: (member: number) => number): number | undefined {
  let total: number;
  try {
    total = measure(pid);
  } catch {
    return undefined;
  }
  for (const child of childrenOf(pid)) total += sumOverProcessTree(child, measure) ?? 0;
  return total;
}

function childrenOf(pid: number): number[] {
  try {
    const threads = readdirSync(`/proc/${pid}/task`);
    return threads.flatMap((thread) =>
      readFileSync(`/proc/${pid}/task/${thread}/children`, 'latin1').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** Samples a server's RSS (workers included) at a fixed interval and keeps the peak. */
export class RssSampler {
  private peakBytes: number | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling (after one last sample) and returns the peak seen. */
  stop(): number | undefined {
    clearInterval(this.timer);
    this.sample();
    return this.peakBytes;
  }

  private sample(): void {
    const rss = readRssBytes(this.pid);
    if (rss !== undefined && (this.peakBytes === undefined || rss > this.peakBytes)) this.peakBytes = rss;
  }
}
