// The ranking's points, tried against the search-quality benchmark.
//
//   node dist/scripts/tune-ranking.js [--rounds 2] [--queries path/to/queries.tsv]
//
// For a person choosing the points in src/search/ranking.ts (MATCH_POINTS) and
// src/index/priors.ts (PRIOR_WEIGHTS): it changes no file. Coordinate ascent,
// one point at a time by ±1, ±2, ±4, keeping a change when it raises the share
// found first plus the share in the top 3 (then the MRR) on half the queries
// (every other line, the tuning half). The other half is scored alongside and
// never steers: when the tuning half gains and the other does not, the
// change fits the benchmark, not what people want. Prints each kept change
// and, at the end, both halves before and after and the points to write down.

import { fileURLToPath } from 'node:url';
import { CharIndex } from '../src/index/charIndex.js';
import { PRIOR_WEIGHTS, type PriorFeature, type PriorWeights } from '../src/index/priors.js';
import { MATCH_POINTS } from '../src/search/ranking.js';
import { SearchEngine } from '../src/search/search.js';
import { charfinderRanking } from './relevance/charfinderPeer.js';
import { readQueries, type RelevanceQuery } from './relevance/queries.js';
import { rankOf, score, type Score } from './relevance/score.js';

const DEFAULT_QUERIES = fileURLToPath(new URL('../../scripts/relevance/queries.tsv', import.meta.url));
const STEPS = [1, -1, 2, -2, 4, -4];

interface Knob {
  name: string;
  get(): number;
  set(value: number): void;
}

function knobs(index: CharIndex, priors: PriorWeights): Knob[] {
  const points = MATCH_POINTS as Record<string, number>;
  const reweigh = () => index.reweighPriors(priors);
  const ageKnobs = priors.age.map((_, k): Knob => ({
    name: `prior age class ${k}`,
    get: () => priors.age[k],
    set: (value) => {
      priors.age = priors.age.map((old, j) => (j === k ? value : old));
      reweigh();
    },
  }));
  return [
    ...Object.keys(points).map((name): Knob => ({ name: `match ${name}`, get: () => points[name], set: (value) => (points[name] = value) })),
    ...(Object.keys(priors.features) as PriorFeature[]).map((name): Knob => ({
      name: `prior ${name}`,
      get: () => priors.features[name],
      set: (value) => {
        priors.features[name] = value;
        reweigh();
      },
    })),
    ...ageKnobs,
  ];
}

function evaluate(index: CharIndex, queries: readonly RelevanceQuery[]): Score {
  SearchEngine.forget(index);
  return score(queries.map((query) => rankOf(charfinderRanking(index, query.text), query.wanted)));
}

const objective = (s: Score) => s.first + s.top3 + s.mrr / 100;
const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
const line = (s: Score) => `first ${percent(s.first)}  top 3 ${percent(s.top3)}  top 10 ${percent(s.top10)}  found ${percent(s.found)}  MRR ${s.mrr.toFixed(3)}`;

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const rounds = Number(option('--rounds') ?? 2);
  const queries = readQueries(option('--queries') ?? DEFAULT_QUERIES);
  const tuning = queries.filter((_, k) => k % 2 === 0);
  const heldOut = queries.filter((_, k) => k % 2 === 1);
  const index = CharIndex.load();
  const priors: PriorWeights = structuredClone(PRIOR_WEIGHTS) as PriorWeights;
  const all = knobs(index, priors);

  const before = { tuning: evaluate(index, tuning), heldOut: evaluate(index, heldOut) };
  console.log(`tuning half (${tuning.length}): ${line(before.tuning)}\nheld-out half (${heldOut.length}): ${line(before.heldOut)}`);
  let best = objective(before.tuning);
  for (let round = 1; round <= rounds; round++) {
    let changed = false;
    for (const knob of all) {
      const start = knob.get();
      let kept = start;
      for (const step of STEPS) {
        knob.set(start + step);
        const value = objective(evaluate(index, tuning));
        if (value > best + 1e-9) {
          best = value;
          kept = start + step;
        }
      }
      knob.set(kept);
      if (kept !== start) {
        changed = true;
        console.log(`round ${round}: ${knob.name} ${start} → ${kept}  tuning: ${line(evaluate(index, tuning))}  held out: ${line(evaluate(index, heldOut))}`);
      }
    }
    if (!changed) break;
  }
  const after = { tuning: evaluate(index, tuning), heldOut: evaluate(index, heldOut) };
  console.log(`\nbefore  tuning: ${line(before.tuning)}\n        held out: ${line(before.heldOut)}`);
  console.log(`after   tuning: ${line(after.tuning)}\n        held out: ${line(after.heldOut)}`);
  console.log(`\nMATCH_POINTS ${JSON.stringify(MATCH_POINTS)}\nPRIOR_WEIGHTS ${JSON.stringify(priors)}`);
}

main();
