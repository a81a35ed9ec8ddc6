/**
 * The TCP server: accepts connections and gives each a Session over the one
 * shared index. Knows sockets, not Unicode.
 */
import { createServer, type AddressInfo, type Server } from 'node:net';
import { PRODUCT, VERSION } from '../about.js';
import type { CharIndex } from '../index/charIndex.js';
import { greeting } from '../protocol/reply.js';
import { Log } from './log.js';
import { DEFAULT_SESSION_LIMITS, Session, type SessionLimits } from './session.js';

export interface ServeOptions {
  host: string;
  port: number;
  index: CharIndex;
  log?: Log;
  limits?: Partial<SessionLimits>;
}

export interface RunningServer {
  readonly server: Server;
  readonly address: AddressInfo;
  readonly sessions: ReadonlySet<Session>;
  /** Stops accepting, ends every session, resolves once all are closed. */
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { index } = options;
  const log = options.log ?? new Log('none');
  const context = {
    index,
    greeting: greeting(PRODUCT, VERSION, index.header.unicodeVersion, index.size),
    limits: { ...DEFAULT_SESSION_LIMITS, ...options.limits },
    log,
  };
  const sessions = new Set<Session>();

  // allowHalfOpen: a client that shuts down its sending side (nc -N) still gets every answer.
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    const session = new Session(socket, context);
    sessions.add(session);
    log.connection(`#${session.id} ${log.paint.green('connected')} ${session.peer}`);
    void session.run().then(() => {
      sessions.delete(session);
      log.connection(`#${session.id} ${log.paint.yellow('closed')} ${session.peer} after ${session.queries} ${session.queries === 1 ? 'query' : 'queries'}`);
    });
  });
  server.on('error', (error) => log.server(`server error: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    server,
    address: server.address() as AddressInfo,
    sessions,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const session of sessions) session.terminate();
      });
    },
  };
}
