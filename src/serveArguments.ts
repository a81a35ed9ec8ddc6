/**
 * `charfinder serve`'s arguments: the yargs builder that defines them (and
 * so its --help), what a parsed set of them means (ServeSettings), and a
 * quick reading of the plain case. yargs took about 35 ms of each server
 * start, most of it laying out the serve help that yargs keeps in case the
 * command fails later; the quick reading takes `serve` followed only by
 * `--flag value` pairs (or `--flag=value`) of the flags below with ordinary
 * values, and gives what yargs would give; anything else — --help,
 * --version, --http, a flag given twice, an unknown flag, a value yargs
 * would read otherwise or refuse — goes to yargs, so every message and
 * refusal stays yargs' own. test/serve-arguments.test.ts holds the two
 * readings side by side.
 */
import type { Argv } from 'yargs';
import { availableParallelism } from 'node:os';
import { DEFAULT_HTTP_LIMITS, HTTP_LIMIT_FLAGS } from './http/limits.js';
import { DEFAULT_INDEX_PATH } from './index/paths.js';
import { flagDefault, limitFromFlag, type LimitFlag } from './limitFlags.js';
import { LOG_LEVELS, type LogLevel } from './log.js';
import type { ServeSettings } from './serve.js';
import { DEFAULT_LIMITS, LIMIT_FLAGS } from './server/limits.js';

/** The HTTP port `--http` alone (or `--http-only`) listens on. */
export const DEFAULT_HTTP_PORT = 8080;

/** `--index`, an option of every command. */
export const INDEX_OPTION = { type: 'string', default: DEFAULT_INDEX_PATH, describe: 'index artefact to load', defaultDescription: 'data/charfinder.idx' } as const;

/** The serve options before the limits, in the order --help lists them. */
const LISTEN_OPTIONS = {
  host: { type: 'string', default: '127.0.0.1', describe: 'address to listen on' },
  port: { type: 'number', default: 2323, describe: 'TCP port (0 picks a free one)' },
  workers: { type: 'string', default: '1', describe: 'processes serving the port (cluster); auto: one per CPU' },
  log: { choices: LOG_LEVELS, default: 'queries' as LogLevel, describe: 'what to log: nothing, server events, connections too, every query too' },
} as const;

export interface ServeArguments {
  host: string;
  port: number;
  index: string;
  log: LogLevel;
  workers: string;
  http?: number;
  'http-only': boolean;
  [flag: string]: unknown;
}

/** `--http` alone means the default port; `--http 9000` that port. */
function httpPortOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value === '') return DEFAULT_HTTP_PORT;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) throw new Error(`--http takes a port number (0 to 65535), not '${value}'`);
  return port;
}

function workerCount(value: string): number {
  if (value === 'auto') return availableParallelism();
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`--workers takes a whole number ≥ 1 or auto, not '${value}'`);
  return workers;
}

/** yargs options for a table of limit flags, with their defaults as the flags show them. */
function flagOptions<Key extends string>(flags: readonly LimitFlag<Key>[], defaults: Readonly<Record<Key, unknown>>, group: string) {
  return Object.fromEntries(
    flags.map((flag) => [flag.flag, { type: 'number' as const, default: flagDefault(flag, defaults), describe: `${flag.describe} (${flag.unit})`, group }]),
  );
}

/** Every limit flag is a number ≥ 0; the first that is not stops the command with its name. */
function checkFlags(argv: Record<string, unknown>, flags: readonly LimitFlag<string>[]): true {
  for (const flag of flags) {
    const value = argv[flag.flag] as number;
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag.flag} must be a number ≥ 0, not ${value}`);
  }
  return true;
}

export function serveBuilder(y: Argv) {
  return y
    .options(LISTEN_OPTIONS)
    .options(flagOptions(LIMIT_FLAGS, DEFAULT_LIMITS, 'Limits:'))
    .check((argv) => {
      workerCount(String(argv.workers));
      return checkFlags(argv, LIMIT_FLAGS);
    })
    .option('http', {
      type: 'string',
      describe: `also serve the web page and JSON API over HTTP on this port (alone: ${DEFAULT_HTTP_PORT})`,
      coerce: httpPortOption,
    })
    .option('http-only', { type: 'boolean', default: false, describe: 'serve HTTP only, no TCP line protocol (implies --http)' })
    .options(flagOptions(HTTP_LIMIT_FLAGS, DEFAULT_HTTP_LIMITS, 'HTTP limits:'))
    .check((argv) => checkFlags(argv, HTTP_LIMIT_FLAGS))
    .example('$0 serve --port 2323', 'then: telnet localhost 2323')
    .example('$0 serve --http', `then open http://127.0.0.1:${DEFAULT_HTTP_PORT}/ (and telnet localhost 2323 still works)`)
    .example('$0 serve --http-only --http 9000', 'the page and API on port 9000, no TCP listener')
    // Too long for the example column (40 of 80): on a line of its own, with no description, yargs does not wrap it into the next column.
    .example('$0 serve --max-connections-per-address 8 --idle-timeout 60', '');
}

/** What parsed serve arguments ask for. */
export function serveSettings(args: ServeArguments): ServeSettings {
  return {
    host: args.host,
    port: args.port,
    indexPath: args.index,
    log: args.log,
    workers: workerCount(String(args.workers)),
    http:
      args.http === undefined && !args['http-only']
        ? undefined
        : {
            port: args.http ?? DEFAULT_HTTP_PORT,
            only: args['http-only'],
            limits: Object.fromEntries(HTTP_LIMIT_FLAGS.map((flag) => [flag.key, limitFromFlag(flag, args[flag.flag] as number)])),
          },
    limits: Object.fromEntries(LIMIT_FLAGS.map((flag) => [flag.key, limitFromFlag(flag, args[flag.flag] as number)])),
  };
}

type QuickOption = { type: 'string' | 'number'; default: unknown } | { choices: readonly string[]; default: unknown };

const QUICK_OPTIONS: Record<string, QuickOption> = {
  index: INDEX_OPTION,
  ...LISTEN_OPTIONS,
  ...flagOptions(LIMIT_FLAGS, DEFAULT_LIMITS, ''),
  ...flagOptions(HTTP_LIMIT_FLAGS, DEFAULT_HTTP_LIMITS, ''),
};
/** A number as yargs reads it too: digits, maybe a fraction; nothing yargs would read as something else (1e3, 0x10, -1). */
const PLAIN_NUMBER = /^\d{1,15}(?:\.\d{1,15})?$/;
/** A string value that yargs would not take for a flag, a negative number or nothing. */
const PLAIN_STRING = /^[^-\s][^\s]*$/;

/** `serve` with plain flags, read as yargs would read it; undefined for anything yargs must read. */
export function quickServeArguments(args: readonly string[]): ServeArguments | undefined {
  if (args[0] !== 'serve') return undefined;
  const given = new Map<string, string>();
  for (let at = 1; at < args.length; at++) {
    const match = /^--([a-z][a-z-]*[a-z])(?:=(.*))?$/.exec(args[at]);
    if (!match) return undefined;
    const [, name, inline] = match;
    const value = inline ?? args[++at];
    const option = QUICK_OPTIONS[name];
    if (!option || given.has(name) || value === undefined) return undefined;
    const plain = 'choices' in option ? option.choices.includes(value) : option.type === 'number' ? PLAIN_NUMBER.test(value) : PLAIN_STRING.test(value);
    if (!plain) return undefined;
    given.set(name, value);
  }
  const parsed: ServeArguments = { host: '', port: 0, index: '', log: 'queries', workers: '', 'http-only': false };
  for (const [name, option] of Object.entries(QUICK_OPTIONS)) {
    const value = given.get(name);
    parsed[name] = value === undefined ? option.default : 'type' in option && option.type === 'number' ? Number(value) : value;
  }
  // What yargs' checks would refuse, yargs refuses.
  try {
    workerCount(parsed.workers);
    checkFlags(parsed, LIMIT_FLAGS);
    checkFlags(parsed, HTTP_LIMIT_FLAGS);
  } catch {
    return undefined;
  }
  return parsed;
}
