// The search's budgets, measured: one summary line per scenario.
//
//   node dist/scripts/bench-search.js [build] [load] [queries] [diverse] [replies] [suggest] [startup]   (all when none given)
//
//   build     build the index artefact to a temporary file (what `npm install` does)
//   load      CharIndex.load() in this process, 10 times
//   queries   a search per syntax element, uncached, 20 times each
//   diverse   the bench's 60,000 distinct queries (bench-diverse.ts), each once, uncached: the engine alone, no sockets
//             (BASELINE=/other/checkout also runs that checkout's engine on its own index in this process, in turn)
//   replies   the same, each query's text reply made as the server makes it (the answer, its other readings, the
//             first batch of lines and the status line), no sockets; BASELINE as for diverse
//   suggest   did-you-mean for 30 misspelt words
//   startup   spawn the server 7 times: spawn → first answer (wall and server CPU); RSS after it and during heavy queries
//             (BASELINE=/other/checkout also starts that checkout's server, alternately, for comparison)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CharIndex } from '../src/index/charIndex.js';
import { filterNamesOf } from '../src/query/filters.js';
import { parseQuery } from '../src/query/parse.js';
import { DEFAULT_SETTINGS, type SearchSettings } from '../src/query/settings.js';
import { DEFAULT_QUERY_BUDGET } from '../src/search/budget.js';
import { searchIndex } from '../src/search/search.js';
import { answerQuery } from '../src/search/answer.js';
import { TEXT_FORMAT } from '../src/protocol/formats.js';
import { BATCH_BYTES } from '../src/server/streamer.js';
import { buildIndex } from '../src/ucd/build.js';
import { diverseQueries } from './bench-diverse.js';
import { LineClient } from './line-client.js';
import { readCpuSeconds, readRssBytes, RssSampler } from './process-usage.js';
import { startLineServer } from './server-process.js';
import { percentile } from './stats.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_COMMAND = 'node dist/src/cli.js serve --host 127.0.0.1 --port {port} --log none';
/** Another checkout's server to start alternately with ours, for a fair comparison on a busy machine (BASELINE=/path/to/checkout). */
const BASELINE = process.env.BASELINE;
const STARTS = 7;
const RUNS = 20;
const HEAVY_QUERIES = ['cjk', 'gc:L', 'a*', 'emoji', 'кот', '"cjk unified"', 'letter', 'cat fase', 'U+0000..U+10FFFF'];

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const us = (milliseconds: number) => `${Math.round(milliseconds * 1000)} µs`;
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;


function timed(run: () => void, times: number): number[] {
  return Array.from({ length: times }, () => {
    const started = performance.now();
    run();
    return performance.now() - started;
  });
}

async function benchBuild(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'charfinder-'));
  try {
    const report = await buildIndex(join(dir, 'charfinder.idx'));
    console.log(`build: ${(report.milliseconds / 1000).toFixed(1)} s, ${MB(report.bytes)} artefact, ${report.vocabularySize.toLocaleString('en-US')} words, ${report.keywordEntries.toLocaleString('en-US')} keyword entries in ${report.languages} languages`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchLoad(): void {
  const times = Array.from({ length: 10 }, () => CharIndex.load().loadMilliseconds);
  console.log(`load: CharIndex.load() median ${ms(percentile(times, 0.5))}, max ${ms(Math.max(...times))} over 10 loads`);
}

function searchTimes(index: CharIndex, line: string, settings: SearchSettings, times = RUNS): number[] {
  const query = parseQuery(line, filterNamesOf(index.header));
  if (query.kind !== 'search') throw new Error(`${line} is not a search`);
  return timed(() => searchIndex(index, query, settings), times);
}

function benchQueries(index: CharIndex): void {
  const queries = ['cat face', 'cjk', 'letter', 'plus', 'кот', '猫', 'hamb*', 'a*', '"grinning face"', '"cjk unified"', 'arrow block:arrows -double', 'script:greek gc:Lu', 'emoji', 'gc:L'];
  const parts = queries.map((line) => {
    const times = searchTimes(index, line, DEFAULT_SETTINGS);
    return `${line} ${ms(percentile(times, 0.5))}`;
  });
  console.log(`queries (median of ${RUNS}, uncached): ${parts.join(', ')}`);
}

/** One engine's search of a query line, and its whole text reply: ours, or another checkout's loaded from its dist/ with its own index (BASELINE). */
interface Engine {
  label: string;
  search: (line: string) => void;
  reply: (line: string) => void;
  times: number[];
}

/** What an engine is made of: one checkout's modules and index. */
interface EngineParts {
  index: CharIndex;
  filterNamesOf: typeof filterNamesOf;
  parseQuery: typeof parseQuery;
  searchIndex: typeof searchIndex;
  answerQuery: typeof answerQuery;
  textFormat: typeof TEXT_FORMAT;
  settings: SearchSettings;
  budget: typeof DEFAULT_QUERY_BUDGET;
}

function engineOf(label: string, parts: EngineParts): Engine {
  const { index, parseQuery: parse, searchIndex: search, answerQuery: answer, textFormat: format, settings, budget } = parts;
  const filterNames = parts.filterNamesOf(index.header);
  return {
    label,
    // The server's budget: a looser reading or a suggestion past it is not looked for, as in the server.
    search: (line) => {
      const query = parse(line, filterNames);
      if (query.kind === 'search') search(index, query, settings, budget);
    },
    // As session.ts and streamer.ts make a reply that is one write: the first batch of lines, then the status and prompt.
    reply: (line) => {
      const query = parse(line, filterNames);
      if (query.kind === 'empty' || query.kind === 'invalid') return;
      const answered = answer(index, query, settings, budget);
      const batch = format.batch(index, answered.lines, 0, answered.lines.total, BATCH_BYTES);
      const opening = format.opening(answered);
      const status = format.status(answered, { from: 0, sent: batch.next, more: batch.next < answered.lines.total, interrupted: false, limit: null, ms: 0 }) + format.prompt;
      Buffer.concat([Buffer.from(opening), batch.bytes, Buffer.from(status)]);
    },
    times: [],
  };
}

function ourEngine(index: CharIndex): Engine {
  return engineOf('this build', { index, filterNamesOf, parseQuery, searchIndex, answerQuery, textFormat: TEXT_FORMAT, settings: DEFAULT_SETTINGS, budget: DEFAULT_QUERY_BUDGET });
}

async function baselineEngine(root: string): Promise<Engine> {
  const load = (module: string) => import(join(root, 'dist', module));
  const modules = ['src/index/charIndex.js', 'src/query/filters.js', 'src/query/parse.js', 'src/query/settings.js', 'src/search/budget.js', 'src/search/search.js', 'src/search/answer.js', 'src/protocol/formats.js'];
  const [{ CharIndex: Index }, filters, parse, settings, budget, search, answer, formats] = await Promise.all(modules.map(load));
  return engineOf(root, {
    index: Index.load(join(root, 'data', 'charfinder.idx')),
    filterNamesOf: filters.filterNamesOf,
    parseQuery: parse.parseQuery,
    searchIndex: search.searchIndex,
    answerQuery: answer.answerQuery,
    textFormat: formats.TEXT_FORMAT,
    settings: settings.DEFAULT_SETTINGS,
    budget: budget.DEFAULT_QUERY_BUDGET,
  });
}

/** Chunks of the list go to each engine in turn, the order swapped every chunk, so the machine's other work falls on all alike. */
const DIVERSE_CHUNK = 500;

/** The diverse list through each engine, in turn: its search alone (`diverse`), or its whole text reply (`replies`). */
async function benchDiverse(index: CharIndex, what: 'diverse' | 'replies'): Promise<void> {
  const { queries, digest } = diverseQueries(index);
  const engines = [ourEngine(index), ...(BASELINE ? [await baselineEngine(BASELINE)] : [])];
  const run = (engine: Engine) => (what === 'diverse' ? engine.search : engine.reply);
  for (let start = 0; start < queries.length; start += DIVERSE_CHUNK) {
    const turn = (start / DIVERSE_CHUNK) % 2 === 0 ? engines : [...engines].reverse();
    for (const engine of turn) {
      const once = run(engine);
      for (const line of queries.slice(start, start + DIVERSE_CHUNK)) engine.times.push(timed(() => once(line), 1)[0]);
    }
  }
  const means = engines.map((engine) => {
    const { times } = engine;
    const total = times.reduce((sum, time) => sum + time, 0);
    const made = what === 'diverse' ? 'each once, uncached, the server\'s budget' : 'each reply made once, uncached, the server\'s budget';
    console.log(
      `${what}, ${engine.label} (${times.length.toLocaleString('en-US')} distinct queries, list ${digest}, ${made}${engines.length > 1 ? ', engines in turn' : ''}): ${(total / 1000).toFixed(1)} s in all, ` +
        `mean ${us(total / times.length)}, p50 ${us(percentile(times, 0.5))}, p90 ${us(percentile(times, 0.9))}, p99 ${us(percentile(times, 0.99))}, max ${ms(Math.max(...times))}`,
    );
    return total / times.length;
  });
  if (engines.length > 1) console.log(`${what}: this build's mean is ${(means[0] / means[1]).toFixed(2)}× ${engines[1].label}'s`);
}

function benchSuggest(index: CharIndex): void {
  const typos = ['fase', 'elephnat', 'smilling', 'arow', 'hart', 'chees', 'pengiun', 'umbrela', 'raindow', 'gost', 'rokc', 'bishp', 'kign', 'registred', 'snowmna', 'tomatoe', 'skul', 'thumbsup', 'guitr', 'lightening', 'anchr', 'dragn', 'moustache', 'wolff', 'bannana', 'strawbery', 'galaxi', 'volcanoe', 'pizzza', 'diamnd'];
  const times = typos.flatMap((typo) => searchTimes(index, `cat ${typo}`, DEFAULT_SETTINGS, 3).slice(1));
  const single = typos.flatMap((typo) => timed(() => index.suggestions.nearest(typo, 0xff, 5), 3).slice(1));
  console.log(
    `suggest: whole no-match query with did-you-mean median ${ms(percentile(times, 0.5))}, p90 ${ms(percentile(times, 0.9))}, max ${ms(Math.max(...times))}; ` +
      `nearest words alone median ${ms(percentile(single, 0.5))}, max ${ms(Math.max(...single))} (${typos.length} typos, ${index.suggestions.size.toLocaleString('en-US')} words)`,
  );
}

async function ask(port: number, line: string): Promise<void> {
  const { client } = await LineClient.ready(port, { keepReceived: false });
  try {
    client.send(`${line}\n`);
    await client.untilPrompt(60_000);
  } finally {
    client.close();
  }
}

interface StartupFigures {
  startupMs: number[];
  cpuMs: number[];
  rssFirst: number[];
  rssPeak: number[];
}

async function startOnce(root: string, heavyQueries: string[], into: StartupFigures): Promise<void> {
  const server = await startLineServer(SERVER_COMMAND, root);
  try {
    into.startupMs.push(server.startupMs);
    into.cpuMs.push((readCpuSeconds(server.pid) ?? NaN) * 1000);
    into.rssFirst.push(readRssBytes(server.pid) ?? NaN);
    const sampler = new RssSampler(server.pid, 20);
    for (const line of heavyQueries) await ask(server.port, line);
    into.rssPeak.push(sampler.stop() ?? NaN);
  } finally {
    await server.stop();
  }
}

function describeStartup(label: string, figures: StartupFigures, heavy: string): string {
  const { startupMs, cpuMs, rssFirst, rssPeak } = figures;
  return (
    `${label}: spawn to first answer median ${ms(percentile(startupMs, 0.5))} (min ${ms(Math.min(...startupMs))}, max ${ms(Math.max(...startupMs))}), ` +
    `server CPU until then median ${ms(percentile(cpuMs, 0.5))}, over ${startupMs.length} starts; RSS after first answer median ${MB(percentile(rssFirst, 0.5))}` +
    (heavy ? `; peak RSS during ${heavy} median ${MB(percentile(rssPeak, 0.5))}, max ${MB(Math.max(...rssPeak))}` : '')
  );
}

async function benchStartup(): Promise<void> {
  const ours: StartupFigures = { startupMs: [], cpuMs: [], rssFirst: [], rssPeak: [] };
  const baseline: StartupFigures = { startupMs: [], cpuMs: [], rssFirst: [], rssPeak: [] };
  for (let k = 0; k < STARTS; k++) {
    await startOnce(ROOT, HEAVY_QUERIES, ours);
    if (BASELINE) await startOnce(BASELINE, [], baseline);
  }
  console.log(describeStartup('startup', ours, HEAVY_QUERIES.join(', ')));
  if (BASELINE) console.log(describeStartup(`startup of ${BASELINE} (alternating)`, baseline, ''));
}

const wanted = new Set(process.argv.slice(2));
const runs = (name: string) => wanted.size === 0 || wanted.has(name);
if (runs('build')) await benchBuild();
if (runs('load')) benchLoad();
if (runs('queries') || runs('diverse') || runs('replies') || runs('suggest')) {
  const index = CharIndex.load();
  if (runs('queries')) benchQueries(index);
  if (runs('diverse')) await benchDiverse(index, 'diverse');
  if (runs('replies')) await benchDiverse(index, 'replies');
  if (runs('suggest')) benchSuggest(index);
}
if (runs('startup')) await benchStartup();
