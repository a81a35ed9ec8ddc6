// The figures issue 13 asks of one `npm run bench` run ("done when"), and
// the verdict on each: the bench prints them beside the figures, met or not,
// so a run says by itself how far the server is from them.

import type { ComparisonRecord, LoadRecord, StartupRecord, TargetVerdict } from './bench-report.js';
import { percentile } from './stats.js';

export const TARGETS = {
  /** diverse at 50 connections: replies/s at least this many times the book's server's… */
  diverseTimesPython: 4,
  /** …and at least this share of the bare Node ceiling's, with p99 at most this. */
  diverseShareOfCeiling: 0.5,
  diverseP99Ms: 5,
  /** the small mix at 50 connections: at least this share of the ceiling's replies/s. */
  smallShareOfCeiling: 0.7,
  /** Connections at which the ratios above are judged. */
  connections: 50,
  /** A whole `cjk` reply, one connection, p50. */
  cjkReplyMs: 10,
  /** Spawn → first answer, p50, at most this many times `node -e 0` spawn → exit, p50. */
  startupTimesBareNode: 1.6,
  /** RSS right after the first answer, the largest of the starts (MB = 10^6 bytes). */
  rssAfterStartBytes: 120e6,
} as const;

export function judgeComparison(record: ComparisonRecord): TargetVerdict[] {
  if (record.connections !== TARGETS.connections) return [];
  const ratio = (name: string) => {
    const anchor = record.anchors.find((a) => a.name === name)?.repliesPerSecond;
    return anchor === undefined ? undefined : record.charfinder.repliesPerSecond / anchor;
  };
  const verdicts: TargetVerdict[] = [];
  const atLeast = (what: string, value: number | undefined, wanted: number) => {
    if (value !== undefined) verdicts.push({ target: `${what} ≥ ${wanted}×`, value: `${value.toFixed(2)}×`, met: value >= wanted });
  };
  if (record.of === 'diverse') {
    atLeast('vs python', ratio('python'), TARGETS.diverseTimesPython);
    atLeast('vs ceiling', ratio('ceiling'), TARGETS.diverseShareOfCeiling);
    const p99 = record.charfinder.p99Ms;
    verdicts.push({ target: `p99 ≤ ${TARGETS.diverseP99Ms} ms`, value: `${p99.toFixed(1)} ms`, met: p99 <= TARGETS.diverseP99Ms });
  } else {
    atLeast('vs ceiling', ratio('ceiling'), TARGETS.smallShareOfCeiling);
  }
  return verdicts;
}

export function judgeLarge(record: LoadRecord): TargetVerdict[] {
  const [group] = record.groups;
  if (group.name !== 'cjk' || group.connections !== 1) return [];
  return [{ target: `cjk reply p50 ≤ ${TARGETS.cjkReplyMs} ms`, value: `${group.p50Ms.toFixed(1)} ms`, met: group.p50Ms <= TARGETS.cjkReplyMs }];
}

export function judgeStartup(record: StartupRecord): TargetVerdict[] {
  const times = percentile(record.startupMs, 0.5) / percentile(record.bareNodeMs, 0.5);
  const rss = Math.max(...record.rssBytes);
  return [
    { target: `start ≤ ${TARGETS.startupTimesBareNode}× node -e 0`, value: `${times.toFixed(2)}×`, met: times <= TARGETS.startupTimesBareNode },
    { target: `RSS after start ≤ ${TARGETS.rssAfterStartBytes / 1e6} MB`, value: `${(rss / 1e6).toFixed(0)} MB`, met: rss <= TARGETS.rssAfterStartBytes },
  ];
}
