/**
 * The TCP server: accepts connections and gives each a Session over the one
 * shared index; refuses (with a line) what is over the limits; sweeps the
 * sessions' deadlines; shuts down gracefully. Knows sockets, not Unicode.
 *
 * Given the index still loading (a promise), it listens at once: a client
 * that connects meanwhile is accepted and waits, its bytes kept by the
 * socket, until the index is there; then it gets its session and greeting.
 * The server's start then does its listening, and the client its connect,
 * while the index's sections are read (about 10 ms of a start).
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { PRODUCT, VERSION } from '../about.js';
import type { CharIndex } from '../index/charIndex.js';
import { TEXT_FORMAT, type Refusal } from '../protocol/formats.js';
import { greeting } from '../protocol/reply.js';
import { DEFAULT_LIMITS, type Limits } from './limits.js';
import { DescriptorBudget } from '../descriptors.js';
import { Log } from '../log.js';
import { Session, type SessionContext } from './session.js';
import { ReplyCache } from './replyCache.js';

export interface ServeOptions {
  host: string;
  port: number;
  /** The index, or its load under way (see above). */
  index: CharIndex | Promise<CharIndex>;
  log?: Log;
  limits?: Partial<Limits>;
  /** The process's descriptors, shared with any other listener in it; measured here when not given. */
  descriptors?: DescriptorBudget;
}

export interface ServerSummary {
  connections: number;
  queries: number;
  uptimeMs: number;
  /** Sessions still open when the grace period ended, closed without waiting. */
  cutShort: number;
}

export interface RunningServer {
  readonly server: Server;
  readonly address: AddressInfo;
  readonly sessions: ReadonlySet<Session>;
  readonly limits: Limits;
  /** Connections accepted so far (refused ones not counted). */
  readonly connections: number;
  /** Stops accepting, ends every session at once, resolves once all are closed. */
  close(): Promise<void>;
  /**
   * Stops accepting; lets replies in progress finish for up to the grace
   * period; tells every client the server is shutting down; closes them all.
   */
  shutdown(graceMs?: number): Promise<ServerSummary>;
}

/**
 * Connections the kernel may hold for us before we accept them. Node's
 * default (511) overflows when hundreds connect at once while we are busy,
 * and every dropped handshake costs its client a second or more of retries.
 * Linux caps it at net.core.somaxconn.
 */
const LISTEN_BACKLOG = 4096;

/** The deadline sweep runs this often, or more often when a limit is shorter. */
const SWEEP_MS = 1000;

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const log = options.log ?? new Log('none');
  const descriptors = options.descriptors ?? DescriptorBudget.measure();
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const stats = { queries: 0 };
  const contextOf = (index: CharIndex): SessionContext => ({ index, greeting: greeting(PRODUCT, VERSION, index.header), limits, log, stats, replies: new ReplyCache() });
  let context = options.index instanceof Promise ? undefined : contextOf(options.index);
  const sessions = new Set<Session>();
  /** Connections accepted while the index loads, and the address each counts against. */
  const waiting = new Map<Socket, string>();
  const perAddress = new Map<string, number>();
  const startedAt = performance.now();
  let connections = 0;

  const release = (address: string) => {
    const left = perAddress.get(address)! - 1;
    if (left === 0) perAddress.delete(address);
    else perAddress.set(address, left);
  };

  const startSession = (socket: Socket, address: string, context: SessionContext) => {
    const session = new Session(socket, context);
    sessions.add(session);
    log.connection(`#${session.id} ${log.paint.green('connected')} ${session.peer}`);
    void session.run().then(() => {
      sessions.delete(session);
      release(address);
      log.connection(`#${session.id} ${log.paint.yellow('closed')} ${session.peer} after ${session.queries} ${session.queries === 1 ? 'query' : 'queries'}`);
    });
  };

  // Until its session listens, a waiting socket's errors are its close.
  const ignoreError = () => {};
  if (options.index instanceof Promise) {
    options.index.then(
      (index) => {
        context = contextOf(index);
        for (const [socket, address] of waiting) {
          socket.off('error', ignoreError);
          if (socket.destroyed) release(address);
          else startSession(socket, address, context);
        }
        waiting.clear();
      },
      // The caller reports the failure and closes the server; whoever connected meanwhile is let go.
      () => {
        for (const socket of waiting.keys()) socket.destroy();
        waiting.clear();
      },
    );
  }

  const refuse = (socket: Socket, refusal: Refusal) => {
    log.connection(`${log.paint.red('refused')} ${socket.remoteAddress}:${socket.remotePort}: ${refusal.error}`);
    // The refusal line goes out before the close, never a silent drop.
    descriptors.refuse(socket, TEXT_FORMAT.refusal(refusal));
  };

  // allowHalfOpen: a client that shuts down its sending side (nc -N) still gets every answer.
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    const address = socket.remoteAddress ?? '?';
    if (sessions.size + waiting.size >= limits.maxConnections) return refuse(socket, { error: 'too many connections', limit: limits.maxConnections });
    const fromAddress = perAddress.get(address) ?? 0;
    if (fromAddress >= limits.maxConnectionsPerAddress) {
      return refuse(socket, { error: 'too many connections from your address', limit: limits.maxConnectionsPerAddress });
    }
    // Past the descriptor budget the next accept would fail, and libuv would close that client without a word.
    if (!descriptors.admit(socket)) return refuse(socket, { error: 'too many connections', limit: descriptors.capacity });
    perAddress.set(address, fromAddress + 1);
    connections++;
    if (context) return startSession(socket, address, context);
    socket.on('error', ignoreError);
    waiting.set(socket, address);
  });
  server.on('error', (error) => log.server(`server error: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const shortestLimit = Math.min(limits.idleTimeoutMs, limits.lineDeadlineMs, limits.writeStallTimeoutMs);
  const sweep = setInterval(
    () => {
      const now = performance.now();
      for (const session of sessions) session.checkDeadlines(now);
    },
    Math.max(10, Math.min(SWEEP_MS, shortestLimit / 4)),
  );

  const allClosed = async (deadline: number): Promise<boolean> => {
    while (sessions.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return sessions.size === 0;
  };

  return {
    server,
    address: server.address() as AddressInfo,
    sessions,
    limits,
    get connections() {
      return connections;
    },
    async close() {
      clearInterval(sweep);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.terminate();
      for (const socket of waiting.keys()) socket.destroy();
      await closed;
    },
    async shutdown(graceMs = limits.shutdownGraceMs) {
      // Sockets whose session is over but whose client has not closed yet are not waited for.
      server.close();
      for (const socket of waiting.keys()) socket.destroy();
      for (const session of sessions) session.shutdown();
      const cutShort = (await allClosed(performance.now() + graceMs)) ? 0 : sessions.size;
      for (const session of sessions) session.terminate();
      await allClosed(performance.now() + 1000);
      clearInterval(sweep);
      return { connections, queries: stats.queries, uptimeMs: performance.now() - startedAt, cutShort };
    },
  };
}
