// Load generator for charfinder's TCP line protocol: starts the server (or
// uses a running one on loopback), drives it with closed-loop connections,
// and prints one summary line per run. `--help` is its documentation.
//
//   node dist/scripts/bench.js                      # every scenario but soak, anchors beside charfinder
//   node dist/scripts/bench.js --scenario small,diverse --connections 50 --duration 3
//   node dist/scripts/bench.js --scenario soak --soak-table

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CharIndex } from '../src/index/charIndex.js';
import { checkReplies } from './bench-check.js';
import { ATTACK_IDS } from './soak.js';
import { diverseQueries, type DiverseQueries } from './bench-diverse.js';
import { formatRecord } from './bench-report.js';
import {
  fileDescriptorsNeeded,
  LARGE_QUERIES,
  runScenario,
  SCENARIO_NAMES,
  SMALL_QUERIES,
  type BenchSettings,
  type ScenarioName,
  type ServerTarget,
  withServer,
} from './bench-scenarios.js';
import { chooseAnchors } from './bench-anchors.js';
import type { TargetVerdict } from './bench-report.js';
import type { ServerAddress } from './process-usage.js';
import { PORT_PLACEHOLDER } from './server-process.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEFAULT_SERVER_COMMAND = `node dist/charfinder.cjs serve --host 127.0.0.1 --port ${PORT_PLACEHOLDER}`;
/** Timed beside the server's start; `node` as the default server command runs it. */
const BARE_NODE_COMMAND = 'node -e 0';
/** Set in the copy of the bench that was re-executed with a raised open-files limit, so it doesn't try again. */
const RAISED_LIMIT_ENV = 'CHARFINDER_BENCH_RAISED_NOFILE';
const WANTED_OPEN_FILES = 65_536;

const options = await yargs(hideBin(process.argv))
  .scriptName('node dist/scripts/bench.js')
  .usage(
    '$0 [options]\n\n' +
      'Benchmarks a charfinder server over its TCP line protocol and prints one line per run:\n' +
      'replies/s, latency percentiles (send → end of reply), MB/s received, server RSS and CPU.\n' +
      'By default it starts a fresh server for every run and stops it afterwards.\n' +
      'MB = 10^6 bytes, KB = 10^3 bytes.',
  )
  .option('scenario', {
    type: 'string',
    array: true,
    // --scenario small,diverse as well as --scenario small --scenario diverse
    coerce: (names: string[]) => names.flatMap((name) => name.split(',')).filter(Boolean),
    default: ['all'],
    describe:
      'small: mixed small queries at 1, 50, 1,000 conns; ' +
      'diverse: 60,000 distinct queries made from the index (2–4 words of a name, CLDR keywords, sequence names), uncached, at 1, 50 conns ' +
      '(both also against the anchors: the book’s server and the bare Node ceiling, then a ratio line); ' +
      'large: cjk and letter at 1, 4 conns; ' +
      'mixed: 50 small-query conns beside 4 cjk streams; startup: spawn → first reply, beside node -e 0; idle: 10,000 idle conns; ' +
      'http: the HTTP API with 1 and 8 keep-alive clients; hoard: 100 clients ask cjk 1,000 times and never read; ' +
      'soak: every attack beside polite clients (not in all: --duration s per attack, then --soak-settle s). ' +
      `all: every one but soak. One of: ${[...SCENARIO_NAMES, 'all'].join(', ')}`,
  })
  .option('anchors', {
    type: 'boolean',
    default: true,
    describe: 'run small and diverse against the book’s server and the bare Node ceiling too, and print the ratios (--no-anchors for a quick run)',
  })
  .option('anchors-dir', {
    type: 'string',
    describe: 'directory holding fp2e-mojifinder/tcp_mojifinder.py (default: ../shared/anchors, then shared/anchors, from the repository root)',
  })
  .option('http-requests', { type: 'number', default: 1000, describe: 'http: requests measured per page kind and client count (200 more first, not measured)' })
  .option('soak-settle', { type: 'number', default: 30, describe: 'soak: seconds to wait after each attack before the last RSS reading and the control query' })
  .option('soak-attacks', { type: 'string', describe: `soak: comma-separated attacks to run (default: all): ${ATTACK_IDS.join(',')}` })
  .option('soak-polite', { type: 'number', default: 20, describe: 'soak: polite connections, each a closed loop of small queries' })
  .option('soak-table', { type: 'boolean', default: false, describe: 'soak: print the table, one row per attack, before the summary line' })
  .option('duration', { type: 'number', default: 5, describe: 'seconds measured per run' })
  .option('warmup', { type: 'number', default: 1, describe: 'seconds of load before measuring starts' })
  .option('connections', {
    type: 'string',
    describe: 'comma-separated connection counts replacing each scenario’s own; one run per value',
    coerce: (list: string) => list.split(',').map(parseConnectionCount),
  })
  .option('threads', {
    type: 'number',
    describe: 'client threads (default 1: enough while bench= in the output stays well under 100%; the cores are shared with the server)',
  })
  .option('format', {
    choices: ['text', 'json'] as const,
    default: 'text' as const,
    describe: 'reply format to drive; json sends /format json first',
  })
  .option('one-address', {
    type: 'boolean',
    default: false,
    describe:
      'connect only from 127.0.0.1 (by default connections come from many 127.77.x.y addresses, 16 each, ' +
      'like many clients; from one address the server’s per-address cap of 64 refuses the rest)',
  })
  .option('json', { type: 'boolean', default: false, describe: 'print JSON lines on stdout (the text lines go to stderr)' })
  .option('server-cmd', {
    type: 'string',
    default: DEFAULT_SERVER_COMMAND,
    describe: `server command line, run from the repository root; ${PORT_PLACEHOLDER} is replaced by a free port`,
  })
  .option('connect', { type: 'string', describe: 'bench a running server at 127.0.0.1:PORT instead of starting one' })
  .option('server-pid', { type: 'number', describe: 'with --connect: the server’s pid, to read its memory and CPU' })
  .option('check', {
    type: 'boolean',
    default: true,
    describe: 'ask the small and large queries once first and check the replies’ shape (--no-check for another protocol’s server, e.g. the book’s)',
  })
  .check((argv) => {
    if (argv.duration <= 0 || argv.warmup < 0) throw new Error('--duration must be > 0 and --warmup >= 0');
    if (argv.threads !== undefined && !(Number.isInteger(argv.threads) && argv.threads >= 1)) {
      throw new Error('--threads must be a whole number >= 1');
    }
    if (!argv['server-cmd'].includes(PORT_PLACEHOLDER)) throw new Error(`--server-cmd must contain ${PORT_PLACEHOLDER}`);
    if (argv['server-pid'] !== undefined && argv.connect === undefined) throw new Error('--server-pid goes with --connect');
    const unknown = argv.scenario.filter((name) => name !== 'all' && !(SCENARIO_NAMES as readonly string[]).includes(name));
    if (unknown.length > 0) throw new Error(`--scenario ${unknown.join(',')}: unknown; the scenarios: ${[...SCENARIO_NAMES, 'all'].join(', ')}`);
    return true;
  })
  .example('$0', 'every scenario against a freshly built server')
  .example('$0 --scenario small --connections 1,200 --duration 10', 'small queries at 1 and 200 connections')
  .example('$0 --connect 127.0.0.1:2323 --server-pid 4242 --scenario large', 'a server that is already running')
  .example('$0 --scenario small,diverse --connections 50 --duration 3', 'charfinder, the book’s server and the ceiling at 50 connections, and the ratios')
  .example(
    "$0 --scenario diverse --no-check --no-anchors --server-cmd 'python3 ../shared/anchors/fp2e-mojifinder/tcp_mojifinder.py 127.0.0.1 {port}'",
    'the book’s server alone, as the server under test',
  )
  .strict()
  .help()
  .parseAsync();

let diverseList: DiverseQueries | undefined;

const scenarios: ScenarioName[] = SCENARIO_NAMES.filter(
  (name) => options.scenario.includes(name) || (options.scenario.includes('all') && name !== 'soak'),
);
const anchorChoice =
  !options.anchors || !scenarios.some((name) => name === 'small' || name === 'diverse')
    ? { anchors: [], notes: options.anchors ? [] : ['# anchors: off (--no-anchors)'] }
    : options.format !== 'text'
      ? { anchors: [], notes: ['# anchors: skipped — they answer in text only (--format text)'] }
      : chooseAnchors(REPO_ROOT, options['anchors-dir']);

const settings: BenchSettings = {
  target: chooseTarget(),
  format: options.format,
  durationMs: options.duration * 1000,
  warmupMs: options.warmup * 1000,
  threads: options.threads,
  connections: options.connections,
  spreadSourceAddresses: !options['one-address'],
  openFilesLimit: readOpenFilesLimit(),
  diverseQueries: () => diverse().queries,
  anchors: anchorChoice.anchors,
  bareNodeCommand: BARE_NODE_COMMAND,
  http: { requests: options['http-requests'] },
  soak: {
    settleS: options['soak-settle'],
    attacks: options['soak-attacks']?.split(',').map((id) => id.trim()),
    polite: options['soak-polite'],
    table: options['soak-table'],
  },
};

const filesNeeded = Math.max(...scenarios.map((name) => fileDescriptorsNeeded(name, settings)));
if (filesNeeded > settings.openFilesLimit && process.env[RAISED_LIMIT_ENV] === undefined) {
  process.exit(await rerunWithMoreOpenFiles());
}

// Ctrl-C: the 'exit' handler in bench-server.ts kills any server this bench started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping\n`);
    process.exit(130);
  });
}

const printHuman = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);
const printJson = (value: unknown) => {
  if (options.json) process.stdout.write(`${JSON.stringify(value)}\n`);
};

const machine = {
  cpu: readCpuModel(),
  cores: os.availableParallelism(),
  node: process.version,
  server: settings.target.kind === 'spawned' ? `${settings.target.command} (fresh per run)` : describeExternal(),
  durationS: options.duration,
  warmupS: options.warmup,
  format: options.format,
};
printHuman(
  `# charfinder bench — ${machine.cpu}, ${machine.cores} cores — Node ${machine.node} — server: ${machine.server}` +
    ` — ${machine.durationS} s per run after ${machine.warmupS} s warm-up`,
);
printJson({ machine });
for (const note of anchorChoice.notes) printHuman(note);

if (scenarios.includes('diverse')) {
  const { queries, made, digest } = diverse();
  const count = (n: number) => n.toLocaleString('en-US');
  printHuman(
    `# diverse: ${count(queries.length)} distinct queries made from this checkout's index (${count(made.names)} of names, ` +
      `${count(made.keywords)} of CLDR keywords, ${count(made.sequences)} of sequence names; list ${digest}), each connection starting at its share of the list`,
  );
  printJson({ diverse: { queries: queries.length, made, digest } });
}

let failures = 0;
const needsCheck = scenarios.some((name) => !['http', 'hoard', 'soak', 'startup', 'idle'].includes(name));
if (options.format === 'text' && options.check && needsCheck) await checkServerReplies();

const verdicts: TargetVerdict[] = [];
for (const scenario of scenarios) {
  failures += await runScenario(scenario, settings, (record) => {
    printHuman(formatRecord(record));
    printJson(record);
    if ('targets' in record && record.targets) verdicts.push(...record.targets);
  });
}
if (verdicts.length > 0) {
  const met = verdicts.filter((verdict) => verdict.met).length;
  const list = verdicts.map((verdict) => `${verdict.met ? 'met' : 'NOT MET'} ${verdict.target} (${verdict.value})`).join('; ');
  printHuman(`# issue 13 targets in this run: ${met} of ${verdicts.length} met — ${list}`);
  printJson({ targets: verdicts });
}
process.exit(failures > 0 ? 1 : 0);

/** The diverse queries, made once from this checkout's index (the server under test may be another). */
function diverse(): DiverseQueries {
  diverseList ??= diverseQueries(CharIndex.load());
  return diverseList;
}

/** Asks every query once and prints what the replies look like, or how they deviate. */
async function checkServerReplies(): Promise<void> {
  const queries = [...SMALL_QUERIES, ...LARGE_QUERIES];
  const check = async (server: ServerAddress) => checkReplies(server.host, server.port, queries);
  try {
    const outcome = await withServer(settings.target, check);
    const large = outcome.replies
      .filter((reply) => LARGE_QUERIES.includes(reply.query))
      .map((reply) => `${reply.query} → ${reply.resultLines.toLocaleString('en-US')} lines, ${(reply.bytes / 1e6).toFixed(1)} MB`);
    const verdict = outcome.problems.length === 0 ? 'as expected' : `${outcome.problems.length} problem(s)`;
    printHuman(`# replies to the ${queries.length} bench queries: ${verdict}; ${large.join('; ')}`);
    for (const problem of outcome.problems) printHuman(`#   ! ${problem}`);
    printJson({ check: outcome });
  } catch (error) {
    failures++;
    printHuman(`# reply check failed: ${(error as Error).message}`);
  }
}

function chooseTarget(): ServerTarget {
  if (options.connect !== undefined) {
    return { kind: 'external', address: { ...parseLoopbackAddress(options.connect), pid: options['server-pid'] } };
  }
  const command = options['server-cmd'];
  if (command === DEFAULT_SERVER_COMMAND && !existsSync(new URL("../charfinder.cjs", import.meta.url))) {
    console.error('dist/charfinder.cjs is missing: build the server first (npm run build), or pass --server-cmd');
    process.exit(2);
  }
  return { kind: 'spawned', command, cwd: REPO_ROOT };
}

/** The bench sends load only to this machine: `127.x.x.x:PORT` or `localhost:PORT`. */
function parseLoopbackAddress(text: string): { host: string; port: number } {
  const match = /^(localhost|127(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65_535) {
    console.error(`--connect ${text}: expected 127.0.0.1:PORT (the bench only loads servers on this machine)`);
    process.exit(2);
  }
  return { host: match[1] === 'localhost' ? '127.0.0.1' : match[1], port };
}

function parseConnectionCount(text: string): number {
  const count = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(count) || count < 1) throw new Error(`--connections: '${text}' is not a whole number >= 1`);
  return count;
}

function describeExternal(): string {
  const { address } = settings.target as Extract<ServerTarget, { kind: 'external' }>;
  return `${address.host}:${address.port} (running${address.pid === undefined ? ', pid unknown' : `, pid ${address.pid}`})`;
}

/** The soft open-files limit of this process; Node has no getrlimit, /proc has it. */
function readOpenFilesLimit(): number {
  const limits = readFileSync('/proc/self/limits', 'latin1');
  const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
  return soft === undefined || soft === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(soft);
}

/**
 * Node cannot raise its own open-files limit, so the bench runs itself again
 * under a shell that does (as root it can go past the hard limit). Ctrl-C
 * reaches both processes; the inner one stops its servers and the outer one
 * waits for it.
 */
function rerunWithMoreOpenFiles(): Promise<number> {
  const raiseThenExec = `ulimit -n ${WANTED_OPEN_FILES} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`;
  const child = spawn('/bin/sh', ['-c', raiseThenExec, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [RAISED_LIMIT_ENV]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

function readCpuModel(): string {
  try {
    const cpuinfo = readFileSync('/proc/cpuinfo', 'latin1');
    return /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1].trim() ?? os.cpus()[0]?.model ?? 'unknown CPU';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown CPU';
  }
}
