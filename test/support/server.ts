/** The real server, in process, on an ephemeral port of 127.0.0.1. */
import { before, after } from 'node:test';
import { CharIndex } from '../../src/index/charIndex.js';
import { startServer, type RunningServer, type ServeOptions } from '../../src/server/server.js';

let shared: CharIndex | undefined;

export function loadIndex(): CharIndex {
  shared ??= CharIndex.load();
  return shared;
}

export function startTestServer(options: Partial<Omit<ServeOptions, 'index'>> = {}): Promise<RunningServer> {
  return startServer({ host: '127.0.0.1', port: 0, index: loadIndex(), ...options });
}

/** Something started before this file's tests and closed after them: read it inside the tests, once `before` ran. */
export function forThisFile<T extends { close(): unknown }>(start: () => Promise<T>): () => T {
  let running: T | undefined;
  before(async () => {
    running = await start();
  });
  after(() => running?.close());
  return () => running!;
}

/**
 * One server for the tests of a file: started before them, closed after.
 * Read `.server` and `.port` inside the tests (they exist once `before` ran).
 */
export function serverForThisFile(options: Partial<Omit<ServeOptions, 'index'>> = {}): { readonly server: RunningServer; readonly port: number } {
  const running = forThisFile(() => startTestServer(options));
  return {
    get server() {
      return running();
    },
    get port() {
      return running().address.port;
    },
  };
}
