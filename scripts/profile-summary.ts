// Self time by function from a V8 CPU profile (`node --cpu-prof`), heaviest
// first: what to read before optimising. `--by file` adds it up per file;
// `--total` counts each function's time with what it calls (a function on
// the stack twice counts once), to see which phase of a search costs what;
// `--under NAME` keeps only the samples with a function of that name on the
// stack, to break one phase down; `--outside NAME`, only those without it
// (what a server does besides its search).
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/charfinder.cjs serve --port 2424 --log none
//   node dist/scripts/bench.js --connect 127.0.0.1:2424 --scenario diverse --connections 50   (then Ctrl-C the server)
//   node dist/scripts/profile-summary.js /tmp/prof/*.cpuprofile [--top 30] [--by file] [--total] [--under rank] [--outside searchIndex]

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  /** Node id of each sample. */
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const [value] = args.splice(at, 2).slice(1);
  return value;
};
const inclusive = args.includes('--total');
if (inclusive) args.splice(args.indexOf('--total'), 1);
const top = Number(option('top', '30'));
const by = option('by', 'function');
const under = option('under', '');
const outside = option('outside', '');
if (args.length === 0 || !['function', 'file'].includes(by)) {
  console.error('usage: node dist/scripts/profile-summary.js PROFILE.cpuprofile… [--top N] [--by function|file] [--total] [--under NAME] [--outside NAME]');
  process.exit(2);
}

const selfMicros = new Map<string, number>();
let totalMicros = 0;
/** Samples of the event loop waiting: left out of the shares, which are of the busy time. */
let idleMicros = 0;
for (const path of args) {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const keyOf = (id: number) => {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const file = url === '' ? '(native)' : basename(url);
    return by === 'file' ? file : `${functionName || '(anonymous)'}  ${file}:${lineNumber + 1}`;
  };
  const onStack = (id: number, name: string) => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) if (nodes.get(at)!.callFrame.functionName === name) return true;
    return false;
  };
  profile.samples.forEach((id, k) => {
    const micros = profile.timeDeltas[k] ?? 0;
    totalMicros += micros;
    if (nodes.get(id)!.callFrame.functionName === '(idle)') {
      idleMicros += micros;
      return;
    }
    if (under !== '' && !onStack(id, under)) return;
    if (outside !== '' && onStack(id, outside)) return;
    const keys = new Set([keyOf(id)]);
    for (let at = parents.get(id); inclusive && at !== undefined; at = parents.get(at)) keys.add(keyOf(at));
    for (const key of keys) selfMicros.set(key, (selfMicros.get(key) ?? 0) + micros);
  });
}

const busyMicros = totalMicros - idleMicros;
console.log(`${(totalMicros / 1e6).toFixed(1)} s sampled, ${(busyMicros / 1e6).toFixed(1)} s busy; ${inclusive ? 'total' : 'self'} time, % of busy:`);
for (const [key, micros] of [...selfMicros].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${percent(micros).padStart(6)}  ${(micros / 1e3).toFixed(0).padStart(7)} ms  ${key}`);
}

function percent(micros: number): string {
  return `${((100 * micros) / busyMicros).toFixed(1)}%`;
}
