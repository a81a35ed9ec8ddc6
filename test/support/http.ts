/** The real HTTP server, in process, on an ephemeral port of 127.0.0.1, and a client for its JSON. */
import { startHttpServer, type HttpServeOptions, type RunningHttpServer } from '../../src/http/server.js';
import { loadIndex } from './server.js';

/** No rate limit unless a test sets one: tests page through thousands of matches from one address. */
export function startTestHttpServer(options: Partial<Omit<HttpServeOptions, 'index'>> = {}): Promise<RunningHttpServer> {
  return startHttpServer({ host: '127.0.0.1', port: 0, index: loadIndex(), ...options, limits: { requestsPerSecond: 0, ...options.limits } });
}

export function baseUrl(server: RunningHttpServer): string {
  return `http://127.0.0.1:${server.address.port}`;
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
