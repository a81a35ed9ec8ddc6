/**
 * The HTTP server beside the TCP one: the JSON API and the page's files,
 * over the same in-memory index. Knows requests and headers; the answers
 * come from the API and the static files.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CharIndex } from '../index/charIndex.js';
import { jsonLine } from '../index/display.js';
import { DescriptorBudget } from '../descriptors.js';
import { Log } from '../log.js';
import { apiError, CharfinderApi, etagMatches, type ApiReply } from './api.js';
import { CursorSigner } from './cursor.js';
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
  /** The process's descriptors, shared with any other listener in it; measured here when not given. */
  descriptors?: DescriptorBudget;
  /** Signs the search cursors; one made here when not given (then only this server takes its cursors). */
  cursorSecret?: string;
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
/** Each this many milliseconds of search spend one more of the address's rate-limit tokens. */
const SEARCH_MS_PER_TOKEN = 2;
/** How often Node checks the header and request deadlines (its default, 30 s, would let a 10 s deadline run to 40). */
const DEADLINE_CHECK_MS = 1000;

export async function startHttpServer(options: HttpServeOptions): Promise<RunningHttpServer> {
  const log = options.log ?? new Log('none');
  const limits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const descriptors = options.descriptors ?? DescriptorBudget.measure();
  const api = new CharfinderApi(options.index, limits, new CursorSigner(options.cursorSecret));
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
    if (url.pathname === '/api/search') {
      const started = performance.now();
      const reply = api.search(url.searchParams, ifNoneMatch, request.headers['accept-language']);
      // The limit counts work, not only requests: a search of 15 ms costs as much as 8 requests.
      rateLimiter.spend(request.socket.remoteAddress ?? '', Math.floor((performance.now() - started) / SEARCH_MS_PER_TOKEN));
      return reply;
    }
    if (url.pathname.startsWith('/api/char/')) {
      const notation = safeDecode(url.pathname.slice('/api/char/'.length));
      return api.char(notation, ifNoneMatch, url.searchParams.get('lang'));
    }
    return apiError(404, 'not found', `no such API: ${url.pathname}; there are /api/search?q=… and /api/char/U+…`);
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const started = performance.now();
    const url = requestUrl(request.url);
    const head = request.method === 'HEAD';
    if (hasBody(request)) {
      // Nothing here takes a body: refuse it rather than read it, and close (what is left of it is not a request).
      const refusal = apiError(413, 'body not allowed', `${request.method} requests here take no body; send the query in the URL`);
      sendJson(response, { ...refusal, headers: { Connection: 'close' } }, head);
    } else if (!url) {
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

  const server = createServer({ keepAlive: true, connectionsCheckingInterval: DEADLINE_CHECK_MS }, handle);
  // A connection that sends nothing useful does not keep a descriptor for long.
  server.headersTimeout = limits.headerDeadlineMs;
  server.requestTimeout = limits.requestDeadlineMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const late = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    log.connection(`${log.paint.red('closed')} http ${socket.remoteAddress}:${socket.remotePort}: ${late ? '408 request deadline' : `400 ${error.code ?? error.message}`}`);
    if (socket.writable) socket.end(`HTTP/1.1 ${late ? '408 Request Timeout' : '400 Bad Request'}\r\nConnection: close\r\n\r\n`);
    else socket.destroy(error);
  });

  const perAddress = new Map<string, number>();
  let open = 0;
  const refuse = (socket: Socket, status: 429 | 503, message: string, limit: number) => {
    log.connection(`${log.paint.red('refused')} http ${socket.remoteAddress}:${socket.remotePort}: ${status} ${message}`);
    descriptors.refuse(socket, refusalResponse(status, message, limit));
  };
  // Admission comes before Node's HTTP parser sees the socket, so a refusal costs no parsing and is never silent.
  const [speakHttp] = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '?';
    if (open >= limits.maxConnections) return refuse(socket, 503, 'the server is full; try again later', limits.maxConnections);
    const fromAddress = perAddress.get(address) ?? 0;
    if (fromAddress >= limits.maxConnectionsPerAddress) {
      return refuse(socket, 429, 'too many connections from your address; close one and try again', limits.maxConnectionsPerAddress);
    }
    // Past the descriptor budget the next accept would fail, and libuv would close that client without a word.
    if (!descriptors.admit(socket)) return refuse(socket, 503, 'the server is full; try again later', descriptors.capacity);
    open++;
    perAddress.set(address, fromAddress + 1);
    socket.once('close', () => {
      open--;
      const left = perAddress.get(address)! - 1;
      if (left === 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
    speakHttp.call(server, socket);
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

/** A whole response written on a socket no HTTP parser has seen: the status, why, and the close. */
function refusalResponse(status: 429 | 503, message: string, limit: number): string {
  const error = status === 503 ? 'server full' : 'too many connections';
  const body = JSON.stringify({ error, message, limit }) + '\r\n';
  const reason = status === 503 ? 'Service Unavailable' : 'Too Many Requests';
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Cache-Control: no-store\r\nRetry-After: 1\r\nConnection: close\r\n\r\n${body}`
  );
}

/** Whether a request comes with a body (a length above zero, or chunks). */
function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
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
