/**
 * The HTTP server beside the TCP one: the JSON API and the page's files,
 * over the same in-memory index. Knows requests and headers; the answers
 * come from the API and the static files.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CharIndex } from '../index/charIndex.js';
import { jsonLine } from '../protocol/json.js';
import { Log } from '../log.js';
import { apiError, CharfinderApi, etagMatches, type ApiReply } from './api.js';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './limits.js';
import { RateLimiter } from './rateLimit.js';
import { loadStaticFiles } from './static.js';

export interface HttpServeOptions {
  host: string;
  port: number;
  index: CharIndex;
  log?: Log;
  limits?: Partial<HttpLimits>;
  /** The built page's folder (dist/browser/web by default). */
  webRoot?: string;
}

export interface RunningHttpServer {
  readonly server: Server;
  readonly address: AddressInfo;
  readonly api: CharfinderApi;
  /** Stops accepting, closes every connection, resolves once done. */
  close(): Promise<void>;
}

/** Scripts, styles, pictures and requests from this server only; nothing inline, nothing framed. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Answers depend only on the index version, which the ETag names; a server
 * restarted on a new index gives new answers at the same URLs, so caches
 * revalidate every time (a 304 costs no search).
 */
const REVALIDATE = 'public, no-cache';
const SWEEP_INTERVAL_MS = 60_000;

export async function startHttpServer(options: HttpServeOptions): Promise<RunningHttpServer> {
  const log = options.log ?? new Log('none');
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const api = new CharfinderApi(options.index, limits);
  const files = loadStaticFiles(options.webRoot);
  const rateLimiter = new RateLimiter(limits.burstRequests, limits.requestsPerSecond);
  const sweeper = setInterval(() => rateLimiter.sweep(), SWEEP_INTERVAL_MS).unref();

  function answerApi(request: IncomingMessage, url: URL): ApiReply {
    const decision = rateLimiter.take(request.socket.remoteAddress ?? '');
    if (!decision.allowed) {
      const refusal = apiError(429, 'too many requests', `too many requests from your address; try again in ${decision.retryAfterSeconds} s`, {
        retryAfter: decision.retryAfterSeconds,
      });
      return { ...refusal, headers: { 'Retry-After': String(decision.retryAfterSeconds) } };
    }
    const ifNoneMatch = request.headers['if-none-match'];
    if (url.pathname === '/api/search') return api.search(url.searchParams, ifNoneMatch);
    if (url.pathname.startsWith('/api/char/')) {
      const notation = safeDecode(url.pathname.slice('/api/char/'.length));
      return api.char(notation, ifNoneMatch);
    }
    return apiError(404, 'not found', `no such API: ${url.pathname}; there are /api/search?q=… and /api/char/U+…`);
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const started = performance.now();
    const url = requestUrl(request.url);
    const head = request.method === 'HEAD';
    if (!url) {
      sendJson(response, apiError(400, 'bad request', 'the request target must be a path such as /api/search?q=cat+face'), head);
    } else if (request.method !== 'GET' && !head) {
      response.setHeader('Allow', 'GET, HEAD');
      sendJson(response, apiError(405, 'method not allowed', `${request.method} is not allowed; use GET`), head);
    } else if (url.pathname.startsWith('/api/')) {
      sendJson(response, answerApi(request, url), head);
    } else {
      sendFile(response, url.pathname, request.headers['if-none-match'], head);
    }
    if (log.logsQueries) {
      const ms = (performance.now() - started).toFixed(2);
      log.query(`http ${request.socket.remoteAddress} ${request.method} ${log.paint.cyan(JSON.stringify(request.url))} → ${response.statusCode} in ${ms} ms`);
    }
  }

  function sendFile(response: ServerResponse, path: string, ifNoneMatch: string | undefined, head: boolean): void {
    const file = files.get(path);
    if (!file) {
      writeHead(response, 404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(head ? undefined : `Not found: ${path}\n`);
      return;
    }
    const headers = { 'Content-Type': file.contentType, 'Cache-Control': REVALIDATE, ETag: file.etag };
    if (etagMatches(ifNoneMatch, file.etag)) {
      writeHead(response, 304, headers);
      response.end();
      return;
    }
    writeHead(response, 200, { ...headers, 'Content-Length': String(file.body.length) });
    response.end(head ? undefined : file.body);
  }

  const server = createServer({ keepAlive: true }, handle);
  // A connection that sends nothing useful does not keep a socket for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy(error);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.server(`http server error: ${error.message}`));

  return {
    server,
    address: server.address() as AddressInfo,
    api,
    async close() {
      clearInterval(sweeper);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function writeHead(response: ServerResponse, status: number, headers: Record<string, string>): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers });
}

function sendJson(response: ServerResponse, reply: ApiReply, head: boolean): void {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers };
  if (reply.etag) {
    headers.ETag = reply.etag;
    headers['Cache-Control'] = REVALIDATE;
  } else headers['Cache-Control'] = 'no-store';
  if (reply.body === null) {
    writeHead(response, reply.status, headers);
    response.end();
    return;
  }
  // The same escaping as the TCP server's JSON lines: the raw character, and \u escapes for anything a terminal would act on.
  const text = reply.mayNeedEscapes === false ? JSON.stringify(reply.body) + '\r\n' : jsonLine(reply.body);
  const body = Buffer.from(text, 'utf8');
  writeHead(response, reply.status, { ...headers, 'Content-Length': String(body.length) });
  response.end(head ? undefined : body);
}

/** The request's path and query; null unless it is origin-form (`/…`). */
function requestUrl(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    // A fixed origin in front keeps `//host/…` a path, never a host.
    return new URL(`http://charfinder.invalid${target}`);
  } catch {
    return null;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
