// Turns what a run measured into its one summary line (and its JSON record).
// Units: ms for latency; MB = 10^6 bytes and KB = 10^3 bytes throughout.

import type { GroupResult } from './bench-load.js';

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

export interface LoadRecord {
  scenario: 'small' | 'diverse' | 'large' | 'mixed';
  threads: number;
  windowMs: number;
  groups: GroupSummary[];
  server: ServerUsage;
  /** Share of one core the bench itself used: near 100 per thread means the bench, not the server, is the limit. */
  benchCpuPercent: number;
}

export interface StartupRecord {
  scenario: 'startup';
  /** Spawn to end of first reply, one per start. */
  startupMs: number[];
  /** RSS right after the first reply, one per start. */
  rssBytes: number[];
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

export type RunRecord = LoadRecord | StartupRecord | IdleRecord;

/** A run that was not made (e.g. too few file descriptors) or that failed, with the reason; `all` goes on with the others. */
export interface SkippedRun {
  scenario: string;
  outcome: 'skipped' | 'failed';
  reason: string;
}

export function summarizeLatencies(latenciesMs: Float64Array, windowMs: number): LatencySummary {
  const sorted = latenciesMs.slice().sort();
  return {
    replies: sorted.length,
    repliesPerSecond: sorted.length / (windowMs / 1000),
    p50Ms: percentile(sorted, 0.5),
    p90Ms: percentile(sorted, 0.9),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.length > 0 ? sorted[sorted.length - 1] : NaN,
  };
}

/** Nearest-rank percentile of an ascending array; NaN when there is nothing to rank. */
function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)];
}

export function summarizeGroup(group: GroupResult, windowMs: number): GroupSummary {
  const { latenciesMs, ...counts } = group;
  return {
    ...counts,
    ...summarizeLatencies(latenciesMs, windowMs),
    bytesPerSecond: group.bytesReceived / (windowMs / 1000),
  };
}

// Columns wide enough for `large letter` and `conns=1,000+4`, so runs line up.
const LABEL_COLUMN = 13;
const CONNECTIONS_COLUMN = 16;

/** The aligned start of every line: what ran, and with how many connections (or runs). */
function lineStart(label: string, counts: string): string {
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
  }
}

function formatLoad(record: LoadRecord): string {
  const [first] = record.groups;
  const label = record.scenario === 'large' ? `large ${first.name}` : record.scenario;
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
  return [lineStart(label, connections) + latencies, usage, ...problems].join('  ');
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
  return [
    lineStart('startup', `runs=${sorted.length}`) + firstReply,
    `server-rss=${formatMegabytes(Math.max(...record.rssBytes))}`,
  ].join('  ');
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
function formatMs(ms: number): string {
  if (Number.isNaN(ms)) return 'n/a';
  const digits = ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0;
  return `${formatNumber(ms, digits)}ms`;
}

function formatMegabytes(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${formatNumber(bytes / 1e6, 0)}MB`;
}

function formatPercent(percent: number | undefined): string {
  return percent === undefined ? 'n/a' : `${formatNumber(percent, 0)}%`;
}

function formatNumber(value: number, fractionDigits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}
