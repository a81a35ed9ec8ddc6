/**
 * Makes dist/charfinder-app.cache, the V8 code cache the bin runs the bundled
 * CLI from (src/launch.ts): it starts the bundled server with
 * CHARFINDER_WRITE_CODE_CACHE set, asks it the queries below over TCP — so
 * the cache holds the code a start and the common kinds of query run, ready
 * to run — and stops it; the bin writes the cache as it exits. Without an
 * index yet (the first `npm run build` of `prepare`), it runs `--help`
 * instead, and `prepare` runs it again after `build-index`.
 *
 *   node dist/scripts/code-cache.js     (part of npm run build and npm run prepare)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { DEFAULT_INDEX_PATH } from '../src/index/paths.js';
import { startServerProcess } from './server-process.js';

/** src/launch.ts reads the same name. */
const WRITE_CODE_CACHE_ENV = 'CHARFINDER_WRITE_CODE_CACHE';
const CLI = fileURLToPath(new URL('../charfinder.cjs', import.meta.url));
const CACHE = fileURLToPath(new URL('../charfinder-app.cache', import.meta.url));

/** One of each kind of line people send: words, a name, a code point, a paste, filters, prefixes, other languages, commands. */
const WARM_UP_LINES = [
  'registered', 'cat face', 'heart', 'black star', 'U+1F638', 'U+2600..U+2603', '😸é→', 'arrow block:arrows -double', 'hamb*',
  '"greek small letter alpha"', 'flag france', 'thumbs up tone:medium', 'kot', 'кот', '水', 'shui', 'lamda', 'smilling', ':)',
  'gc:Sm script:greek', 'age:17.0 emoji', '/info é', '/info 🇫🇷', '/lang ru', 'cat', '/lang off', '/format json', 'snowman', '/format text',
  '/help', '/quit',
];

const env = { [WRITE_CODE_CACHE_ENV]: '1' };

async function warmUpServer(): Promise<void> {
  const server = await startServerProcess(['--log', 'server'], { env });
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: server.port });
    socket.on('error', reject);
    socket.on('data', () => {}); // read everything; the server closes after /quit
    socket.on('close', () => resolve());
    socket.write(WARM_UP_LINES.map((line) => `${line}\r\n`).join(''));
  });
  server.child.kill('SIGTERM');
  await server.exited;
}

try {
  if (!existsSync(DEFAULT_INDEX_PATH)) throw new Error(`no index at ${DEFAULT_INDEX_PATH} yet`);
  await warmUpServer();
} catch (error) {
  // An index of another format, say, until build-index runs: a cache of the start alone, and the build goes on.
  console.log(`code cache: from --help only (${(error as Error).message.split('\n')[0]})`);
  execFileSync(process.execPath, [CLI, 'serve', '--help'], { env, stdio: 'ignore' });
}
console.log(`code cache: ${(statSync(CACHE).size / 1024).toFixed(0)} KB → ${CACHE}`);
