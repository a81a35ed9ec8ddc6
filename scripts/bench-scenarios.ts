// What the bench measures: the scenarios, their queries and connection
// counts, and how each run is made. Every load run gets a freshly started
// server (unless --connect), so each line's memory figure is that load's alone.

import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { measureHoard } from './bench-hoard.js';
import { measureHttp } from './bench-http.js';
import { runLoad, type ConnectionGroup } from './bench-load.js';
import type { ReplyFormat } from './bench-protocol.js';
import { judgeComparison, judgeLarge, judgeStartup } from './bench-targets.js';
import {
  summarizeGroup,
  type ComparisonRecord,
  type IdleRecord,
  type LoadRecord,
  type RunRecord,
  type ServerUsage,
  type SkippedRun,
  type StartupRecord,
} from './bench-report.js';
import { RssSampler, readCpuSeconds, readRssBytes, type ServerAddress } from './process-usage.js';
import { startLineServer } from './server-process.js';
import { MAX_FLOOD_CONNECTIONS, runSoak, type SoakSettings } from './soak.js';

export const SCENARIO_NAMES = ['small', 'diverse', 'large', 'mixed', 'startup', 'idle', 'http', 'hoard', 'soak'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/**
 * What people type: names, words of names, a code point; each answers with
 * 1 to a few dozen lines (`heart`, the largest, 46). Broad words such as
 * `arrow` (601 lines, 25 KB) are not small queries: they are measured apart.
 */
export const SMALL_QUERIES = [
  'cat face',
  'registered',
  'chess black king',
  'snowman',
  'greek small letter alpha',
  'white bishop',
  'rook',
  'sun',
  'euro sign',
  'heart',
  'black heart',
  'U+1F638',
  'black star',
  'check mark',
  'latin small letter e with acute',
  'smiling face',
];

/** `cjk`: 103,204 lines (~4.3 MB) at Unicode 18.0; `letter`: 11,533 by name (11,542 with keywords). */
export const LARGE_QUERIES = ['cjk', 'letter'];

const DEFAULT_CONNECTIONS: Record<ScenarioName, number[]> = {
  small: [1, 50, 1000],
  diverse: [1, 50],
  large: [1, 4],
  // mixed: the small-query connections; the `cjk` streams beside them are MIXED_LARGE_CONNECTIONS.
  mixed: [50],
  startup: [1],
  idle: [10_000],
  // http: keep-alive clients; hoard: clients that never read; soak: its own attackers and polite clients.
  http: [1, 8],
  hoard: [100],
  soak: [1],
};
const MIXED_LARGE_QUERY = 'cjk';
const MIXED_LARGE_CONNECTIONS = 4;
const STARTUP_RUNS = 3;
/** Idle connections are held this long after all are open before memory is read... */
const IDLE_SETTLE_MS = 1_000;
/** ...and memory is sampled over this long. */
const IDLE_HOLD_MS = 2_000;
/** File descriptors the bench needs besides its connections (stdio, workers, pipes to the server). */
const SPARE_FILE_DESCRIPTORS = 100;
/**
 * One client thread is the default: measured against the server, it used at
 * most ~55% of a core while the server (one Node thread) was at ~100%, at 50
 * and at 1,000 connections, and a second thread raised nothing but noise. The
 * machine has 2 cores and the server needs one, so more threads only take CPU
 * from it. If a faster server pushes `bench=` near 100% per thread, raise --threads.
 */
const DEFAULT_THREADS = 1;
/** A bench thread this busy (percent of a core) is the limit, not the server: the ratio line says so. */
const CLIENT_BOUND_PERCENT = 85;

/** A server the bench sets charfinder beside, on the same load in the same run. */
export interface Anchor {
  /** `python`: the book's tcp_mojifinder.py; `ceiling`: a bare Node server with a constant reply (ceiling-server.ts). */
  name: 'python' | 'ceiling';
  command: string;
  cwd: string;
}

export type ServerTarget =
  /** Start `command` (with {port} in it) afresh for each run, from `cwd`. */
  | { kind: 'spawned'; command: string; cwd: string }
  /** Use a server that is already running; its memory is read only if its pid is known. */
  | { kind: 'external'; address: ServerAddress };

export interface BenchSettings {
  target: ServerTarget;
  format: ReplyFormat;
  durationMs: number;
  warmupMs: number;
  /** Client threads; undefined: DEFAULT_THREADS. */
  threads?: number;
  /** See LoadPlan.spreadSourceAddresses. */
  spreadSourceAddresses: boolean;
  /** Replaces every scenario's connection counts: each scenario runs once per value. */
  connections?: number[];
  /** This process's open-files limit: runs that need more connections are skipped, saying so. */
  openFilesLimit: number;
  /** The `diverse` scenario's queries (bench-diverse.ts), made when first asked for: they need the index. */
  diverseQueries: () => string[];
  /** Run after each small and diverse run, on the same load (none with --no-anchors). */
  anchors: Anchor[];
  /** `node -e 0`, spawn → exit, is timed with this command (the server command's own node), from the target's cwd. */
  bareNodeCommand: string;
  http: { requests: number };
  /** The soak's own settings but its seconds per attack, which are durationMs. */
  soak: Omit<SoakSettings, 'seconds'>;
}

export type Reporter = (record: RunRecord | SkippedRun) => void;

/** Connection counts a scenario will run with. */
export function connectionCounts(name: ScenarioName, settings: BenchSettings): number[] {
  return name === 'startup' || name === 'soak' ? [1] : (settings.connections ?? DEFAULT_CONNECTIONS[name]);
}

/** File descriptors this process needs for a scenario's largest run. */
export function fileDescriptorsNeeded(name: ScenarioName, settings: BenchSettings): number {
  // The soak's connection flood holds 300 TCP and 300 HTTP connections beside its polite clients.
  if (name === 'soak') return 2 * MAX_FLOOD_CONNECTIONS + settings.soak.polite + SPARE_FILE_DESCRIPTORS;
  const extra = name === 'mixed' ? MIXED_LARGE_CONNECTIONS : 0;
  return Math.max(...connectionCounts(name, settings)) + extra + SPARE_FILE_DESCRIPTORS;
}

/** Runs every run of a scenario, reporting each; a run that fails is reported as such and the others go on. Returns the failures. */
export async function runScenario(name: ScenarioName, settings: BenchSettings, report: Reporter): Promise<number> {
  let failures = 0;
  for (const run of planRuns(name, settings)) {
    try {
      const record = await run();
      report(record);
      if ('ok' in record && !record.ok) failures++;
    } catch (error) {
      failures++;
      report({ scenario: name, outcome: 'failed', reason: (error as Error).message });
    }
  }
  return failures;
}

type Run = () => Promise<RunRecord | SkippedRun>;

function planRuns(name: ScenarioName, settings: BenchSettings): Run[] {
  return connectionCounts(name, settings).flatMap((connections): Run[] => {
    switch (name) {
      case 'small':
        return withAnchors(settings, 'small', connections, () => [{ name: 'small', connections, queries: SMALL_QUERIES }]);
      case 'diverse':
        return withAnchors(settings, 'diverse', connections, () => {
          const queries = settings.diverseQueries();
          return [{ name: 'diverse', connections, queries, startStride: queries.length / connections }];
        });
      case 'large':
        return LARGE_QUERIES.map((query) => async () => {
          const record = await measureLoad(settings, 'large', [{ name: query, connections, queries: [query] }]);
          return 'outcome' in record ? record : { ...record, targets: judgeLarge(record) };
        });
      case 'mixed':
        return [
          () =>
            measureLoad(settings, 'mixed', [
              { name: 'small', connections, queries: SMALL_QUERIES },
              { name: MIXED_LARGE_QUERY, connections: MIXED_LARGE_CONNECTIONS, queries: [MIXED_LARGE_QUERY] },
            ]),
        ];
      case 'startup':
        return [() => measureStartup(settings)];
      case 'idle':
        return [() => measureIdle(settings, connections)];
      // These three start charfinder themselves (with --http, or the flags they need), not the --server-cmd.
      case 'http':
        return [() => measureHttp(connections, settings.http.requests)];
      case 'hoard':
        return [() => measureHoard(connections, settings.durationMs / 1000)];
      case 'soak':
        return [() => runSoak({ ...settings.soak, seconds: settings.durationMs / 1000 })];
    }
  });
}

/**
 * charfinder's run, then each anchor's on the same groups, then one line
 * comparing them (with the targets where they apply).
 */
function withAnchors(settings: BenchSettings, scenario: 'small' | 'diverse', connections: number, groups: () => ConnectionGroup[]): Run[] {
  const measured = new Map<string, LoadRecord>();
  const keep = (name: string) => (record: LoadRecord | SkippedRun) => {
    if (!('outcome' in record)) measured.set(name, record);
    return record;
  };
  const ours: Run = () => measureLoad(settings, scenario, groups()).then(keep('charfinder'));
  const anchors = settings.anchors.map(
    (anchor): Run =>
      () => measureLoad(settings, scenario, groups(), anchor).then(keep(anchor.name)),
  );
  if (anchors.length === 0) return [ours];
  const compare: Run = async () => {
    const charfinder = measured.get('charfinder');
    if (!charfinder) return { scenario: `${scenario} vs`, outcome: 'skipped', reason: 'no charfinder figures to compare' };
    const record: ComparisonRecord = {
      scenario: 'comparison',
      of: scenario,
      connections,
      charfinder: { repliesPerSecond: charfinder.groups[0].repliesPerSecond, p99Ms: charfinder.groups[0].p99Ms },
      anchors: settings.anchors.map((anchor) => {
        const run = measured.get(anchor.name);
        return { name: anchor.name, repliesPerSecond: run?.groups[0].repliesPerSecond, clientBound: run !== undefined && run.benchCpuPercent >= CLIENT_BOUND_PERCENT * run.threads };
      }),
      targets: [],
    };
    record.targets = judgeComparison(record);
    return record;
  };
  return [ours, ...anchors, compare];
}

/** Closed-loop load for the window, with the server's peak RSS and CPU over the same window; against an anchor if given. */
async function measureLoad(
  settings: BenchSettings,
  scenario: LoadRecord['scenario'],
  groups: ConnectionGroup[],
  anchor?: Anchor,
): Promise<LoadRecord | SkippedRun> {
  const totalConnections = groups.reduce((sum, group) => sum + group.connections, 0);
  const tooMany = checkFileDescriptors(scenario, totalConnections, settings);
  if (tooMany) return tooMany;
  const threads = settings.threads ?? DEFAULT_THREADS;
  const target: ServerTarget = anchor ? { kind: 'spawned', command: anchor.command, cwd: anchor.cwd } : settings.target;
  return withServer(target, async (server) => {
    const meter = new UsageMeter(server.pid);
    const plan = {
      host: server.host,
      port: server.port,
      format: settings.format,
      spreadSourceAddresses: settings.spreadSourceAddresses,
      groups,
      warmupMs: settings.warmupMs,
      durationMs: settings.durationMs,
    };
    const result = await runLoad(plan, threads, { onWindowStart: () => meter.start(), onWindowEnd: () => meter.stop() });
    return {
      scenario,
      against: anchor?.name,
      threads,
      windowMs: result.windowMs,
      groups: result.groups.map((group) => summarizeGroup(group, result.windowMs)),
      server: meter.server,
      benchCpuPercent: meter.benchCpuPercent,
    };
  });
}

/** Over the measuring window: the server's peak RSS and CPU share (if its pid is known), and the bench's own CPU share. */
class UsageMeter {
  readonly server: ServerUsage = {};
  benchCpuPercent = NaN;
  private sampler: RssSampler | undefined;
  private startedAt = 0;
  private serverCpuAtStart: number | undefined;
  private benchCpuAtStart: NodeJS.CpuUsage | undefined;

  constructor(private readonly pid: number | undefined) {}

  start(): void {
    this.startedAt = performance.now();
    this.benchCpuAtStart = process.cpuUsage(); // all threads of this process
    if (this.pid === undefined) return;
    this.sampler = new RssSampler(this.pid);
    this.serverCpuAtStart = readCpuSeconds(this.pid);
  }

  stop(): void {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const bench = process.cpuUsage(this.benchCpuAtStart);
    this.benchCpuPercent = ((bench.user + bench.system) / 1e6 / seconds) * 100;
    this.server.peakRssBytes = this.sampler?.stop();
    const serverCpuAtEnd = this.pid === undefined ? undefined : readCpuSeconds(this.pid);
    if (this.serverCpuAtStart !== undefined && serverCpuAtEnd !== undefined) {
      this.server.cpuPercent = ((serverCpuAtEnd - this.serverCpuAtStart) / seconds) * 100;
    }
  }
}

/**
 * Starts the server STARTUP_RUNS times; each time, spawn → first answered
 * query, and RSS right then. Between starts, `node -e 0` spawn → exit, the
 * floor any Node server's start stands on, the same way (a shell that execs it).
 */
async function measureStartup(settings: BenchSettings): Promise<StartupRecord | SkippedRun> {
  const { target } = settings;
  if (target.kind !== 'spawned') return { scenario: 'startup', outcome: 'skipped', reason: 'needs a server the bench starts (not --connect)' };
  const record: StartupRecord = { scenario: 'startup', startupMs: [], rssBytes: [], bareNodeMs: [], targets: [] };
  for (let run = 0; run < STARTUP_RUNS; run++) {
    record.bareNodeMs.push(await timeSpawnToExit(settings.bareNodeCommand, target.cwd));
    const server = await startLineServer(target.command, target.cwd);
    try {
      record.startupMs.push(server.startupMs);
      record.rssBytes.push(readRssBytes(server.pid) ?? NaN);
    } finally {
      await server.stop();
    }
  }
  record.targets = judgeStartup(record);
  return record;
}

/** Milliseconds from spawning `command` (through /bin/sh, exec'd) to its exit; rejects if it fails. */
function timeSpawnToExit(command: string, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.now();
    const child = spawn('/bin/sh', ['-c', `exec ${command}`], { cwd, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - spawnedAt) : reject(new Error(`${command} exited with code ${code}`))));
  });
}

/** Opens `connections` idle sessions and reads what they cost the server in memory. */
async function measureIdle(settings: BenchSettings, connections: number): Promise<IdleRecord | SkippedRun> {
  const tooMany = checkFileDescriptors('idle', connections, settings);
  if (tooMany) return tooMany;
  return withServer(settings.target, async (server) => {
    const rssBeforeBytes = server.pid === undefined ? undefined : readRssBytes(server.pid);
    const meter = new UsageMeter(server.pid);
    const plan = {
      host: server.host,
      port: server.port,
      format: settings.format,
      spreadSourceAddresses: settings.spreadSourceAddresses,
      groups: [{ name: 'idle', connections, queries: [] }],
      warmupMs: IDLE_SETTLE_MS,
      durationMs: IDLE_HOLD_MS,
    };
    const threads = settings.threads ?? DEFAULT_THREADS;
    const result = await runLoad(plan, threads, { onWindowStart: () => meter.start(), onWindowEnd: () => meter.stop() });
    const [idle] = result.groups;
    return {
      scenario: 'idle',
      connections,
      connected: idle.connected,
      firstConnectFailure: idle.firstConnectFailure,
      lostConnections: idle.lostConnections,
      firstLoss: idle.firstLoss,
      rssBeforeBytes,
      rssWithIdleBytes: meter.server.peakRssBytes,
    };
  });
}

function checkFileDescriptors(scenario: string, connections: number, settings: BenchSettings): SkippedRun | undefined {
  const needed = connections + SPARE_FILE_DESCRIPTORS;
  if (needed <= settings.openFilesLimit) return undefined;
  return {
    scenario,
    outcome: 'skipped',
    reason: `${connections} connections need an open-files limit of ${needed}, this process has ${settings.openFilesLimit} and cannot raise it (raise the hard limit as root: ulimit -n 65536), or use fewer --connections`,
  };
}

/** Runs `measure` against a fresh server (stopped afterwards, even on error) or the external one. */
export async function withServer<T>(target: ServerTarget, measure: (server: ServerAddress) => Promise<T>): Promise<T> {
  if (target.kind === 'external') return measure(target.address);
  const server = await startLineServer(target.command, target.cwd);
  try {
    return await measure({ host: '127.0.0.1', port: server.port, pid: server.pid });
  } finally {
    // A server that died during the run makes the run's figures suspect: say so rather than report them.
    const diedEarly = server.child.exitCode !== null || server.child.signalCode !== null;
    await server.stop();
    if (diedEarly) throw new Error(`server exited during the run — its last output:\n${server.log()}`);
  }
}
