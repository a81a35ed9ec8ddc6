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

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  /** Everything the server has logged so far. */
  log(): string;
  /** Its exit code (null after a signal). */
  exited: Promise<number | null>;
}

/** Starts the bundled server with `serve --port 0 --log server` plus `flags`; resolves once it listens. */
export async function startServerProcess(flags: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--log', 'server', ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
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
  while (!LISTENING.test(log)) {
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, pid: child.pid!, port: Number(LISTENING.exec(log)![1]), log: () => log, exited };
}

/** A TCP connection to the server from a given loopback address. */
export function connectFrom(port: number, localAddress: string, allowHalfOpen = false): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress, allowHalfOpen });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}
