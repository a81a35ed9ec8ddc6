// A server process seen from outside, through /proc: its memory and CPU,
// workers included. Linux only, like the benches that read it.

import { readdirSync, readFileSync } from 'node:fs';

/** Where the bench sends load, and the process to watch if it knows it. */
export interface ServerAddress {
  host: string;
  port: number;
  /** Known for a server the bench started, or given with --server-pid. */
  pid?: number;
}

/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Resident memory in bytes (VmRSS) of a process and its descendants, so a
 * server run as a cluster (`--workers N`) counts its workers too; undefined
 * once the process is gone.
 */
export function readRssBytes(pid: number): number | undefined {
  return sumOverProcessTree(pid, (member) => {
    const status = readFileSync(`/proc/${member}/status`, 'latin1');
    const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kilobytes === undefined ? 0 : Number(kilobytes) * 1024;
  });
}

/** CPU time (user + system) used so far by a process and its living descendants, in seconds. */
export function readCpuSeconds(pid: number): number | undefined {
  return sumOverProcessTree(pid, (member) => {
    const stat = readFileSync(`/proc/${member}/stat`, 'latin1');
    // Fields after the parenthesised command name, which may itself hold spaces; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  });
}

/** Adds up `measure` over `pid` and its descendants; undefined if `pid` itself is gone. A descendant that just exited counts 0. */
function sumOverProcessTree(pid: number, measure: (member: number) => number): number | undefined {
  let total: number;
  try {
    total = measure(pid);
  } catch {
    return undefined;
  }
  for (const child of childrenOf(pid)) total += sumOverProcessTree(child, measure) ?? 0;
  return total;
}

function childrenOf(pid: number): number[] {
  try {
    const threads = readdirSync(`/proc/${pid}/task`);
    return threads.flatMap((thread) =>
      readFileSync(`/proc/${pid}/task/${thread}/children`, 'latin1').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** Samples a server's RSS (workers included) at a fixed interval and keeps the peak. */
export class RssSampler {
  private peakBytes: number | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number, intervalMs = 100) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling (after one last sample) and returns the peak seen. */
  stop(): number | undefined {
    clearInterval(this.timer);
    this.sample();
    return this.peakBytes;
  }

  private sample(): void {
    const rss = readRssBytes(this.pid);
    if (rss !== undefined && (this.peakBytes === undefined || rss > this.peakBytes)) this.peakBytes = rss;
  }
}
