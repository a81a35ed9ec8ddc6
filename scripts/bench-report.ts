// Turns what a run measured into its one summary line (and its JSON record).
// Units: ms for latency; MB = 10^6 bytes and KB = 10^3 bytes throughout.

import type { GroupResult } from './bench-load.js';
import { percentile } from './stats.js';

export interface LatencySummary {
  replies: number;
  repliesPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** One group of a load run, summarised; the problems fields are there only when something went wrong. */
export interface GroupSummary extends LatencySummary {
  name: string;
  connections: number;
  connected: number;
  bytesPerSecond: number;
  firstConnectFailure?: string;
  lostConnections: number;
  firstLoss?: string;
  unfinishedReplies: number;
}

/** Server-side figures, present when the bench knows the server's pid. */
export interface ServerUsage {
  peakRssBytes?: number;
  /** Share of one core the server used during the window (100 = one core busy). */
  cpuPercent?: number;
}

/** One of issue 13's figures (bench-targets.ts), as this run measured it. */
export interface TargetVerdict {
  target: string;
  value: string;
  met: boolean;
}

export interface LoadRecord {
  scenario: 'small' | 'diverse' | 'large' | 'mixed';
  /** The anchor that served this run (the book's server, the ceiling); undefined: charfinder. */
  against?: string;
  threads: number;
  windowMs: number;
  groups: GroupSummary[];
  server: ServerUsage;
  /** Share of one core the bench itself used: near 100 per thread means the bench, not the server, is the limit. */
  benchCpuPercent: number;
  targets?: TargetVerdict[];
}

/** charfinder's replies/s beside the anchors' on the same load. */
export interface ComparisonRecord {
  scenario: 'comparison';
  of: 'small' | 'diverse';
  connections: number;
  charfinder: { repliesPerSecond: number; p99Ms: number };
  /** repliesPerSecond undefined: that anchor's run failed or was skipped. clientBound: the bench's threads were near full, so the anchor may be faster than measured. */
  anchors: Array<{ name: string; repliesPerSecond?: number; clientBound?: boolean }>;
  targets: TargetVerdict[];
}

export interface StartupRecord {
  scenario: 'startup';
  /** Spawn to end of first reply, one per start. */
  startupMs: number[];
  /** RSS right after the first reply, one per start. */
  rssBytes: number[];
  /** `node -e 0`, spawn to exit, one per start. */
  bareNodeMs: number[];
  targets: TargetVerdict[];
}

/** A scenario run by its own module (http, hoard, soak): its one summary line, and any detail lines before it. */
export interface SummaryRecord {
  scenario: 'http' | 'hoard' | 'soak';
  /** What ran, e.g. `clients=8`. */
  counts: string;
  summary: string;
  details: string[];
  /** Whether the run went as it should (a soak whose server stopped answering: false). */
  ok: boolean;
}

export interface IdleRecord {
  scenario: 'idle';
  connections: number;
  connected: number;
  firstConnectFailure?: string;
  lostConnections: number;
  firstLoss?: string;
  rssBeforeBytes?: number;
  rssWithIdleBytes?: number;
}

export type RunRecord = LoadRecord | StartupRecord | IdleRecord | ComparisonRecord | SummaryRecord;

/** A run that was not made (e.g. too few file descriptors) or that failed, with the reason; `all` goes on with the others. */
export interface SkippedRun {
  scenario: string;
  outcome: 'skipped' | 'failed';
  reason: string;
}

export function summarizeLatencies(latenciesMs: Float64Array, windowMs: number): LatencySummary {
  const sorted = latenciesMs.slice().sort(); // once, for all the percentiles
  return {
    replies: sorted.length,
    repliesPerSecond: sorted.length / (windowMs / 1000),
    p50Ms: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.length > 0 ? sorted[sorted.length - 1] : NaN,
  };
}

export function summarizeGroup(group: GroupResult, windowMs: number): GroupSummary {
  const { latenciesMs, ...counts } = group;
  return {
    ...counts,
    ...summarizeLatencies(latenciesMs, windowMs),
    bytesPerSecond: group.bytesReceived / (windowMs / 1000),
  };
}

// Columns wide enough for `diverse ceiling` and `conns=1,000+4`, so runs line up.
const LABEL_COLUMN = 17;
const CONNECTIONS_COLUMN = 16;

/** The aligned start of every line: what ran, and with how many connections (or runs). */
export function lineStart(label: string, counts: string): string {
  return label.padEnd(LABEL_COLUMN) + counts.padEnd(CONNECTIONS_COLUMN);
}

export function formatRecord(record: RunRecord | SkippedRun): string {
  // A failed run's reason may quote the server's output over several lines; keep one line per run.
  if ('outcome' in record) {
    return `${record.scenario.padEnd(LABEL_COLUMN)}${record.outcome}: ${record.reason.replaceAll('\n', ' | ')}`;
  }
  switch (record.scenario) {
    case 'small':
    case 'diverse':
    case 'large':
    case 'mixed':
      return formatLoad(record);
    case 'startup':
      return formatStartup(record);
    case 'idle':
      return formatIdle(record);
    case 'comparison':
      return formatComparison(record);
    case 'http':
    case 'hoard':
    case 'soak':
      return [...record.details, lineStart(record.scenario, record.counts) + record.summary].join('\n');
  }
}

/** `  [met: …; NOT MET: …]`, or nothing when no target applies. */
function formatTargets(targets: TargetVerdict[] | undefined): string {
  if (!targets || targets.length === 0) return '';
  const verdicts = targets.map((t) => `${t.met ? 'met' : 'NOT MET'}: ${t.target} (${t.value})`);
  return `  [target ${verdicts.join('; ')}]`;
}

function formatComparison(record: ComparisonRecord): string {
  const ours = record.charfinder.repliesPerSecond;
  const ratios = record.anchors.map(({ name, repliesPerSecond: theirs, clientBound }) =>
    theirs === undefined
      ? `${name} n/a`
      : `${formatNumber(ours / theirs, 2)}× ${name} (${formatNumber(theirs, 0)}/s${clientBound ? ', client-bound: try --threads 2' : ''})`,
  );
  return (
    `${record.of} conns=${formatNumber(record.connections, 0)}: charfinder ${formatNumber(ours, 0)}/s = ${ratios.join(', ')}; ` +
    `p99 ${formatMs(record.charfinder.p99Ms)}${formatTargets(record.targets)}`
  );
}

function formatLoad(record: LoadRecord): string {
  const [first] = record.groups;
  const scenario = record.against ? `${record.scenario} ${record.against}` : record.scenario;
  const label = record.scenario === 'large' ? `large ${first.name}` : scenario;
  const connections = `conns=${record.groups.map(formatConnections).join('+')}`;
  const bytesPerSecond = record.groups.reduce((sum, group) => sum + group.bytesPerSecond, 0);
  // A single group needs no name; in a mix each group's figures are prefixed with it.
  const latencies = record.groups
    .map((group) => (record.groups.length > 1 ? `${group.name}: ` : '') + formatLatencies(group))
    .join('  ');
  const usage = [
    `MB/s=${formatNumber(bytesPerSecond / 1e6, 1)}`,
    `server-rss=${formatMegabytes(record.server.peakRssBytes)}`,
    `cpu: server=${formatPercent(record.server.cpuPercent)} bench=${formatPercent(record.benchCpuPercent)}`,
    `threads=${record.threads}`,
  ].join('  ');
  const problems = record.groups.flatMap(describeProblems);
  return [lineStart(label, connections) + latencies, usage, ...problems].join('  ') + formatTargets(record.targets);
}

function formatConnections({ connections, connected }: { connections: number; connected: number }): string {
  const asked = formatNumber(connections, 0);
  return connected === connections ? asked : `${formatNumber(connected, 0)}/${asked}`;
}

function formatLatencies(group: GroupSummary): string {
  return [
    `replies/s=${formatNumber(group.repliesPerSecond, 0).padEnd(7)}`,
    `p50=${formatMs(group.p50Ms)}`,
    `p90=${formatMs(group.p90Ms)}`,
    `p99=${formatMs(group.p99Ms)}`,
    `max=${formatMs(group.maxMs)}`,
  ].join(' ');
}

function describeProblems(group: GroupSummary): string[] {
  const problems: string[] = [];
  const failed = group.connections - group.connected;
  if (failed > 0) problems.push(`! ${group.name}: ${formatNumber(failed, 0)} never connected (${group.firstConnectFailure})`);
  if (group.lostConnections > 0) {
    problems.push(`! ${group.name}: ${formatNumber(group.lostConnections, 0)} lost (${group.firstLoss})`);
  }
  if (group.unfinishedReplies > 0) {
    problems.push(`! ${group.name}: ${group.unfinishedReplies} replies unfinished at the end`);
  }
  return problems;
}

function formatStartup(record: StartupRecord): string {
  const sorted = Float64Array.from(record.startupMs).sort();
  const firstReply = `first-reply p50=${formatMs(percentile(sorted, 0.5))} min=${formatMs(sorted[0])} max=${formatMs(sorted[sorted.length - 1])}`;
  const bareNode = percentile(record.bareNodeMs, 0.5);
  return (
    [
      lineStart('startup', `runs=${sorted.length}`) + firstReply,
      `node -e 0 p50=${formatMs(bareNode)} (first reply = ${formatNumber(percentile(sorted, 0.5) / bareNode, 2)}×)`,
      `server-rss=${formatMegabytes(Math.max(...record.rssBytes))}`,
    ].join('  ') + formatTargets(record.targets)
  );
}

function formatIdle(record: IdleRecord): string {
  const { rssBeforeBytes: before, rssWithIdleBytes: after } = record;
  const perConnection =
    before !== undefined && after !== undefined && record.connected > 0
      ? `${formatNumber((after - before) / record.connected / 1e3, 1)}KB`
      : 'n/a';
  const line = [
    lineStart('idle', `conns=${formatConnections(record)}`) +
      `server-rss before=${formatMegabytes(before)} with-idle=${formatMegabytes(after)}`,
    `per-conn=${perConnection}`,
  ];
  if (record.connected < record.connections) {
    line.push(`! ${formatNumber(record.connections - record.connected, 0)} never connected (${record.firstConnectFailure})`);
  }
  if (record.lostConnections > 0) {
    line.push(`! ${formatNumber(record.lostConnections, 0)} lost while idle (${record.firstLoss})`);
  }
  return line.join('  ');
}

/** Enough digits to compare runs, never more: 0.071ms, 2.71ms, 41.2ms, 412ms. */
export function formatMs(ms: number): string {
  if (Number.isNaN(ms)) return 'n/a';
  const digits = ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0;
  return `${formatNumber(ms, digits)}ms`;
}

export function formatMegabytes(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${formatNumber(bytes / 1e6, 0)}MB`;
}

function formatPercent(percent: number | undefined): string {
  return percent === undefined ? 'n/a' : `${formatNumber(percent, 0)}%`;
}

export function formatNumber(value: number, fractionDigits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}
