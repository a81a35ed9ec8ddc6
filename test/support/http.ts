/** The real HTTP server, in process, on an ephemeral port of 127.0.0.1, a client for its JSON, and a raw one for what fetch hides. */
import { connect, type Socket } from 'node:net';
import { startHttpServer, type HttpServeOptions, type RunningHttpServer } from '../../src/http/server.js';
import { forThisFile, loadIndex } from './server.js';

/** No rate limit unless a test sets one: tests page through thousands of matches from one address. */
export function startTestHttpServer(options: Partial<Omit<HttpServeOptions, 'index'>> = {}): Promise<RunningHttpServer> {
  return startHttpServer({ host: '127.0.0.1', port: 0, index: loadIndex(), ...options, limits: { requestsPerSecond: 0, ...options.limits } });
}

export function baseUrl(server: RunningHttpServer): string {
  return `http://127.0.0.1:${server.address.port}`;
}

/** A test server started before this file's tests and closed after them, as serverForThisFile does for TCP. */
export function httpServerForThisFile(options: Partial<Omit<HttpServeOptions, 'index'>> = {}): { readonly server: RunningHttpServer; readonly base: string } {
  const running = forThisFile(() => startTestHttpServer(options));
  return {
    get server() {
      return running();
    },
    get base() {
      return baseUrl(running());
    },
  };
}

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  /** The body as sent, for checking escapes. */
  text: string;
  body: T;
}

export async function getJson<T = Record<string, unknown>>(url: string, init?: RequestInit): Promise<JsonResponse<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: (text === '' ? null : JSON.parse(text)) as T };
}

/** Every raw exchange gives up after this; none is a timed assertion. */
const PATIENCE_MS = 30_000;

export interface Outcome {
  text: string;
  /** Why the wait ended: what was expected arrived, or the socket closed, errored or the patience ran out. */
  ended: 'answered' | 'closed' | 'error' | 'timeout';
}

/** Connects, sends `request`, and gathers what comes back until `answered(text)` or the end. Keeps the socket open. */
export function exchange(
  port: number,
  request: string,
  answered: (text: string) => boolean,
  localAddress = '127.0.0.1',
): Promise<{ socket: Socket; outcome: Outcome }> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    let text = '';
    let done = false;
    const finish = (ended: Outcome['ended']) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ socket, outcome: { text, ended } });
    };
    const timer = setTimeout(() => finish('timeout'), PATIENCE_MS);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (answered(text)) finish('answered');
    });
    socket.on('error', () => finish('error'));
    socket.on('close', () => finish(answered(text) ? 'answered' : 'closed'));
  });
}

/** True once `text` holds a whole HTTP response (headers, and the body its Content-Length names). */
export function httpAnswered(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = Number(/content-length: (\d+)/i.exec(text.slice(0, end))?.[1] ?? 0);
  return Buffer.byteLength(text.slice(end + 4)) >= length;
}
