// Search quality, measured: what a person types, the character they want, where it ranks.
//
//   node dist/scripts/bench-relevance.js [--show-misses] [--json] [--ours] [--queries path/to/queries.tsv]
//
// --ours runs charfinder alone (seconds, not a minute): for working on the model.
//
// Every query of scripts/relevance/queries.tsv goes through the engine the
// server and `charfinder find` use (default settings, the server's query
// budget), and through the peers that can run here: the book's charindex.py,
// Debian's `unicode` tool, emoji-picker-element's search rules. One summary
// line per finder: wanted answer first, in the top 3, in the top 10, found at
// all, mean reciprocal rank. A peer is scored on the queries whose wanted
// answers it holds at all, and beside it, charfinder on those same queries.
// Then the same per category, and our misses (not first), worst first.

import { fileURLToPath } from 'node:url';
import { CharIndex } from '../src/index/charIndex.js';
import { charfinderPeer, describeAnswer, describeTop } from './relevance/charfinderPeer.js';
import { emojiPickerPeer } from './relevance/emojiPickerPeer.js';
import type { Peer, PeerRun } from './relevance/peer.js';
import { charindexPeer, unicodeToolPeer } from './relevance/pythonPeers.js';
import { readQueries, type CodePoints, type RelevanceQuery } from './relevance/queries.js';
import { answerKey, rankOf, score, worstFirst, type Score } from './relevance/score.js';

const DEFAULT_QUERIES = fileURLToPath(new URL('../../scripts/relevance/queries.tsv', import.meta.url));
/** Misses shown without --show-misses. */
const WORST_SHOWN = 30;

interface PeerResult {
  name: string;
  rule: string;
  unavailable?: string;
  /** Per query: its rank, or null (not found); undefined where the peer holds none of the wanted answers. */
  ranks: (number | null | undefined)[];
}

interface Miss {
  query: RelevanceQuery;
  rank: number | null;
  ours: string[];
}

const percent = (share: number) => `${(100 * share).toFixed(1)}%`.padStart(6);
const scoreColumns = (s: Score) => `${percent(s.first)} ${percent(s.top3)} ${percent(s.top10)} ${percent(s.found)}  ${s.mrr.toFixed(3)}`;

function scoreOf(ranks: readonly (number | null | undefined)[], included: (at: number) => boolean): Score {
  return score(ranks.filter((rank, at) => rank !== undefined && included(at)) as (number | null)[]);
}

async function runPeer(peer: Peer, queries: readonly RelevanceQuery[], items: readonly CodePoints[]): Promise<{ result: PeerResult; run: PeerRun | null }> {
  const run = await peer.run(
    queries.map((query) => query.text),
    items,
  );
  if ('unavailable' in run) return { result: { name: peer.name, rule: peer.rule, unavailable: run.unavailable, ranks: [] }, run: null };
  const ranks = queries.map((query, at) => (query.wanted.some((answer) => run.knows(answer)) ? rankOf(run.rankings[at], query.wanted) : undefined));
  return { result: { name: peer.name, rule: peer.rule, ranks }, run };
}

function summary(results: readonly PeerResult[], queries: readonly RelevanceQuery[]): string[] {
  const ours = results[0];
  const width = Math.max(...results.map((result) => result.name.length)) + 2;
  const lines = [`${''.padEnd(width)} first  top 3 top 10  found    MRR  queries`];
  for (const result of results) {
    if (result.unavailable) {
      lines.push(`${result.name.padEnd(width)} skipped: ${result.unavailable}`);
      continue;
    }
    const scored = (at: number) => result.ranks[at] !== undefined;
    const overall = scoreOf(result.ranks, () => true);
    let line = `${result.name.padEnd(width)}${scoreColumns(overall)}  ${overall.queries === queries.length ? String(queries.length) : `${overall.queries} of ${queries.length}`}`;
    if (result !== ours) {
      const same = scoreOf(ours.ranks, scored);
      line += ` (charfinder on these: first ${percent(same.first).trim()}, found ${percent(same.found).trim()}, MRR ${same.mrr.toFixed(3)})`;
    }
    lines.push(line);
  }
  return lines;
}

function categoryTable(results: readonly PeerResult[], queries: readonly RelevanceQuery[]): string[] {
  const categories = [...new Set(queries.map((query) => query.category))];
  const available = results.filter((result) => !result.unavailable);
  const width = Math.max(...categories.map((category) => category.length)) + 2;
  const peers = available.slice(1);
  const lines = [
    `${'category'.padEnd(width)}    n │ charfinder: first  top 3 top 10  found    MRR${peers.map((peer) => ` │ ${peer.name}: first/found (n)`).join('')}`,
  ];
  for (const category of [...categories, 'all']) {
    const inCategory = (at: number) => category === 'all' || queries[at].category === category;
    const ours = scoreOf(available[0].ranks, inCategory);
    let line = `${category.padEnd(width)}${String(ours.queries).padStart(5)} │ ${''.padEnd(10)}${scoreColumns(ours)}`;
    for (const peer of peers) {
      const theirs = scoreOf(peer.ranks, inCategory);
      const cell = theirs.queries === 0 ? '—' : `${percent(theirs.first).trim()}/${percent(theirs.found).trim()} (${theirs.queries})`;
      line += ` │ ${cell.padStart(peer.name.length + 19)}`;
    }
    lines.push(line);
  }
  return lines;
}

function missLines(index: CharIndex, misses: readonly Miss[]): string[] {
  return misses.map(({ query, rank, ours }) => {
    const wanted = query.wanted.map((answer) => describeAnswer(index, answer).split(' ').slice(0, 2).join(' ')).join(', ');
    return `${(rank === null ? 'none' : `#${rank}`).padStart(6)}  ${query.text}  [${query.category}] wants ${wanted}; ours: ${ours.length === 0 ? 'nothing' : ours.join(' · ')}`;
  });
}

async function main(args: readonly string[]): Promise<void> {
  const json = args.includes('--json');
  const showMisses = args.includes('--show-misses');
  const at = args.indexOf('--queries');
  const path = at >= 0 ? args[at + 1] : DEFAULT_QUERIES;
  const queries = readQueries(path);
  const index = CharIndex.load();
  const items = [...new Map(queries.flatMap((query) => query.wanted).map((answer) => [answerKey(answer), answer])).values()];

  const peers = args.includes('--ours') ? [charfinderPeer(index)] : [charfinderPeer(index), charindexPeer(), unicodeToolPeer(), emojiPickerPeer()];
  const runs = [];
  for (const peer of peers) runs.push(await runPeer(peer, queries, items));
  const results = runs.map(({ result }) => result);
  const ourRun = runs[0].run!;

  const misses: Miss[] = worstFirst(queries.map((query, at) => ({ query, at, rank: results[0].ranks[at] ?? null })).filter(({ rank }) => rank !== 1)).map(
    ({ query, at, rank }) => ({ query, rank, ours: describeTop(index, ourRun.rankings[at], 3) }),
  );

  if (json) {
    const categories = [...new Set(queries.map((query) => query.category))];
    const report = {
      queries: queries.length,
      source: path,
      finders: results.map((result) =>
        result.unavailable
          ? { name: result.name, rule: result.rule, unavailable: result.unavailable }
          : {
              name: result.name,
              rule: result.rule,
              overall: scoreOf(result.ranks, () => true),
              categories: Object.fromEntries(categories.map((category) => [category, scoreOf(result.ranks, (q) => queries[q].category === category)])),
              charfinderOnTheSameQueries: scoreOf(results[0].ranks, (q) => result.ranks[q] !== undefined),
              ranks: Object.fromEntries(queries.map((query, q) => [query.text, result.ranks[q] === undefined ? 'not held' : result.ranks[q]])),
            },
      ),
      misses: misses.map(({ query, rank, ours }) => ({ query: query.text, category: query.category, rank, ours })),
    };
    console.log(JSON.stringify(report, null, 2));
    return;
  }

  console.log(`relevance: ${queries.length} queries from ${path}`);
  for (const line of summary(results, queries)) console.log(line);
  for (const result of results) if (!result.unavailable) console.log(`  ${result.name}: ${result.rule}`);
  console.log('');
  for (const line of categoryTable(results, queries)) console.log(line);
  console.log('');
  const shown = showMisses ? misses : misses.slice(0, WORST_SHOWN);
  console.log(`charfinder misses (wanted answer not first): ${misses.length}${showMisses ? '' : `; the ${shown.length} worst (--show-misses for all)`}`);
  for (const line of missLines(index, shown)) console.log(line);
}

await main(process.argv.slice(2));
