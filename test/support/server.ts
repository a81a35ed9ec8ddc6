/** The real server, in process, on an ephemeral port of 127.0.0.1. */
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
