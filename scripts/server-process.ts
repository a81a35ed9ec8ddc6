/**
 * The one way the tests, the benches, the soak and deploy-check start a
 * server process: charfinder's own (`startServerProcess`, the port read from
 * its log) or any line server given as a command with {port} in it
 * (`startLineServer`: the book's, the ceiling, another checkout), ready once
 * it has answered a query. Either way the process is killed if this one
 * exits first, its output is kept, and `stop()` ends it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { LineClient, PROMPT } from './line-client.js';

const BUNDLE = fileURLToPath(new URL('../charfinder.cjs', import.meta.url));
const LISTENING = /listening on 127\.0\.0\.1:(\d+)/;
const SERVING_HTTP = /serving the page and API at http:\/\/127\.0\.0\.1:(\d+)\//;

/** The placeholder in a server command that is replaced by the free port chosen for it. */
export const PORT_PLACEHOLDER = '{port}';

/** Time allowed from spawn to listening (charfinder) or to the first answered query (any server; the book's builds its index first). */
const STARTUP_TIMEOUT_MS = 60_000;
const CONNECT_RETRY_MS = 5;
/** After SIGTERM, time allowed to exit before SIGKILL. */
const STOP_TIMEOUT_MS = 10_000;
/** Lines of output kept from a server started with startLineServer (the book's prints a line per query). */
const OUTPUT_LINES_KEPT = 20;
/** What is kept of such a server's output to find those lines in: its last reads, this many bytes at least. */
const KEPT_TAIL_BYTES = 64 * 1024;

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** The TCP port (0 with --http-only). */
  port: number;
  /** The HTTP port, with --http or --http-only. */
  httpPort?: number;
  /** From spawn to ready: listening (charfinder) or the end of the first reply (startLineServer). */
  startupMs: number;
  /** What the server has written: everything (startServerProcess) or its last lines (startLineServer). */
  log(): string;
  /** Its exit code (null after a signal). */
  exited: Promise<number | null>;
  /** SIGTERM (or `signal`), then SIGKILL if it is still there after STOP_TIMEOUT_MS; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ServerProcessOptions {
  /** Starts the server under this RLIMIT_NOFILE (soft and hard), as `ulimit -n` would. */
  descriptorLimit?: number;
  /** Added to the server's environment. */
  env?: Record<string, string>;
  /** The script to run (default: the bundle, dist/charfinder.cjs, what `npm start` runs). */
  entry?: string;
  /** Where the server's stderr goes: to this process's (default) or into log() with stdout. */
  stderr?: 'inherit' | 'log';
}

/**
 * Starts charfinder `serve` with `flags` (plus `--port 0` and `--log server`
 * unless the flags choose their own); resolves once it listens (on both
 * ports with --http; the first worker with --workers).
 */
export async function startServerProcess(flags: string[] = [], options: ServerProcessOptions = {}): Promise<ServerProcess> {
  // yargs makes a flag given twice an array: the defaults only when the flags choose none.
  const defaults = [...(flags.includes('--port') ? [] : ['--port', '0']), ...(flags.includes('--log') ? [] : ['--log', 'server'])];
  const args = [options.entry ?? BUNDLE, 'serve', ...defaults, ...flags];
  const command =
    options.descriptorLimit === undefined
      ? { file: process.execPath, args }
      : { file: '/bin/sh', args: ['-c', `ulimit -n ${options.descriptorLimit} && exec "$@"`, 'sh', process.execPath, ...args] };
  const spawnedAt = performance.now();
  const server = spawnServer(command.file, command.args, { env: options.env, stderr: options.stderr ?? 'inherit' });
  const http = flags.includes('--http') || flags.includes('--http-only');
  const tcp = !flags.includes('--http-only');
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while ((tcp && !LISTENING.test(server.log())) || (http && !SERVING_HTTP.test(server.log()))) {
    if (server.gone() || Date.now() > deadline) {
      server.child.kill('SIGKILL');
      throw new Error(`server did not start: ${server.log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startupMs = performance.now() - spawnedAt;
  const port = tcp ? Number(LISTENING.exec(server.log())![1]) : 0;
  const httpPort = http ? Number(SERVING_HTTP.exec(server.log())![1]) : undefined;
  return { ...server.process, port, httpPort, startupMs };
}

/**
 * Spawns `command` (a shell command line with {port} in it, run from `cwd`)
 * on a free port and waits until it answers `registered`; `startupMs` is
 * spawn → end of that reply. `exec` makes the server itself the child, so
 * its pid is the one whose memory is read.
 */
export async function startLineServer(command: string, cwd: string): Promise<ServerProcess> {
  const port = await freePort();
  const commandLine = command.replaceAll(PORT_PLACEHOLDER, String(port));
  const spawnedAt = performance.now();
  const server = spawnServer('/bin/sh', ['-c', `exec ${commandLine}`], { cwd, stderr: 'log', keepLines: OUTPUT_LINES_KEPT });
  const died = server.process.exited.then((code) => Promise.reject(new Error(`server exited (code ${code}) — its last output:\n${server.log()}`)));
  try {
    const answeredAt = await Promise.race([firstAnsweredQuery(port, spawnedAt + STARTUP_TIMEOUT_MS), died]);
    return { ...server.process, port, startupMs: answeredAt - spawnedAt };
  } catch (error) {
    await server.process.stop().catch(() => {}); // the startup error already says what went wrong
    throw error;
  }
}

const running = new Set<ChildProcess>();
let killOnExitInstalled = false;

/** However this process ends (error, Ctrl-C, process.exit), no server it started outlives it. */
function killServersOnExit(): void {
  if (killOnExitInstalled) return;
  killOnExitInstalled = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

interface Spawned {
  child: ChildProcess;
  process: Omit<ServerProcess, 'port' | 'httpPort' | 'startupMs'>;
  log(): string;
  gone(): boolean;
}

function spawnServer(
  file: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; stderr: 'inherit' | 'log'; keepLines?: number },
): Spawned {
  killServersOnExit();
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', options.stderr === 'log' ? 'pipe' : 'inherit'],
  });
  running.add(child);
  // A full pipe would stall the server: its output is always read, and kept whole or as its last lines. A server
  // under the bench logs a line a query (megabytes a second): what is kept of it is the last chunks read, their
  // lines split out only when asked (splitting every 64 KB took this process's CPU from the 2 cores it shares).
  let log = '';
  const tail: Buffer[] = [];
  let tailBytes = 0;
  const keep = (chunk: Buffer) => {
    if (options.keepLines === undefined) {
      log += chunk.toString('utf8');
      return;
    }
    tail.push(chunk);
    tailBytes += chunk.length;
    while (tail.length > 1 && tailBytes - tail[0].length >= KEPT_TAIL_BYTES) tailBytes -= tail.shift()!.length;
  };
  child.stdout!.on('data', keep);
  child.stderr?.on('data', keep);
  let gone = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      gone = true;
      running.delete(child);
      resolve(code);
    }),
  );
  const lastLines = () => (options.keepLines === undefined ? log : Buffer.concat(tail).toString('utf8').split('\n').slice(-options.keepLines - 1).join('\n'));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (gone) return exited;
    child.kill(signal);
    const timer = setTimeout(() => {
      process.stderr.write(`warning: server pid ${child.pid} ignored ${signal} for ${STOP_TIMEOUT_MS} ms; killing it\n`);
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  if (child.pid === undefined) throw new Error(`could not start: ${file} ${args.join(' ')}`);
  return { child, process: { child, pid: child.pid, log: lastLines, exited, stop }, log: lastLines, gone: () => gone };
}

/**
 * Connects (retrying while nothing listens yet), asks `registered` at once,
 * and reads the greeting and the reply. Resolves with the time the reply ended.
 */
async function firstAnsweredQuery(port: number, deadline: number): Promise<number> {
  for (;;) {
    const left = () => Math.max(1, deadline - performance.now());
    let client: LineClient | undefined;
    try {
      // The query goes with the connection, as a script's would: waiting for the greeting first would
      // add the server's greeting grace (limits.ts) to every start.
      client = await LineClient.connect(port, { timeoutMs: left() });
      client.send('registered\r\n');
      // The greeting's prompt, then the reply's: they may come in one read.
      await client.until((unread) => unread.endsWith(PROMPT) && unread.indexOf(PROMPT) < unread.length - PROMPT.length, left());
      return performance.now();
    } catch (error) {
      const refused = (error as NodeJS.ErrnoException).code === 'ECONNREFUSED';
      if (!refused || performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_MS));
    } finally {
      client?.close();
    }
  }
}
