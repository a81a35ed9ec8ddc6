/**
 * For scripts that drive a real server process: start `charfinder serve` on
 * a free port and learn the port from its log, and connect from a chosen
 * loopback address (all of 127.0.0.0/8 is this machine, so many clients need
 * not share one address and its connection cap).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../charfinder.mjs', import.meta.url));
const LISTENING = /listening on 127\.0\.0\.1:(\d+)/;
const SERVING_HTTP = /serving the page and API at http:\/\/127\.0\.0\.1:(\d+)\//;

export interface ServerProcessOptions {
  /** Starts the server under this RLIMIT_NOFILE (soft and hard), as `ulimit -n` would. */
  descriptorLimit?: number;
  /** Added to the server's environment. */
  env?: Record<string, string>;
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** The TCP port (0 with --http-only). */
  port: number;
  /** The HTTP port, with --http or --http-only. */
  httpPort?: number;
  /** Everything the server has logged so far. */
  log(): string;
  /** Its exit code (null after a signal). */
  exited: Promise<number | null>;
}

/** Starts the bundled server with `serve --port 0` plus `flags` (and `--log server` unless they set --log); resolves once it listens (on both ports with --http). */
export async function startServerProcess(flags: string[] = [], options: ServerProcessOptions = {}): Promise<ServerProcess> {
  // yargs makes a flag given twice an array: the default log level only when the flags choose none.
  const logLevel = flags.includes('--log') ? [] : ['--log', 'server'];
  const command = [process.execPath, CLI, 'serve', '--port', '0', ...logLevel, ...flags];
  const env = { ...process.env, ...options.env };
  const stdio: ['ignore', 'pipe', 'inherit'] = ['ignore', 'pipe', 'inherit'];
  // exec keeps the pid: signals sent to child.pid reach the server itself.
  const child =
    options.descriptorLimit === undefined
      ? spawn(command[0], command.slice(1), { stdio, env })
      : spawn('/bin/sh', ['-c', `ulimit -n ${options.descriptorLimit} && exec "$@"`, 'sh', ...command], { stdio, env });
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (log += text));
  let gone = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      gone = true;
      resolve(code);
    }),
  );
  const deadline = Date.now() + 30_000;
  const http = flags.includes('--http') || flags.includes('--http-only');
  const tcp = !flags.includes('--http-only');
  while ((tcp && !LISTENING.test(log)) || (http && !SERVING_HTTP.test(log))) {
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const port = tcp ? Number(LISTENING.exec(log)![1]) : 0;
  const httpPort = http ? Number(SERVING_HTTP.exec(log)![1]) : undefined;
  return { child, pid: child.pid!, port, httpPort, log: () => log, exited };
}

/** A TCP connection to the server from a given loopback address. */
export function connectFrom(port: number, localAddress: string, allowHalfOpen = false): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress, allowHalfOpen });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
