/**
 * Suggestions for a query that matched nothing: replace a word by a near
 * vocabulary word (SuggestionTable.nearest) and keep the replacements that
 * make the whole query match. A word that matches nothing is replaced first
 * (`cat fase` → `face`); when every word matches something but not together,
 * each is tried in turn, then all of them at once. One replaced word is
 * offered as that word; several as the corrected query (`kat fase` → `cat face`).
 *
 * A suggestion that replaces only words that find nothing on their own is
 * also a correction the answer may show instead (`thumbs upp` → `thumbs up`);
 * one that changes a word that does find something (`chess blak king`'s
 * `king`) is only offered, and never as a word of two letters for a longer
 * one (`shift key` is not `shift ke`; `thumbs upp`, whose `upp` finds nothing
 * English, is `thumbs up`).
 */
import type { CharIndex } from '../index/charIndex.js';
import { SUGGEST_ANYWHERE, SUGGEST_IN_NAME } from '../index/suggestions.js';
import { termText } from '../query/parse.js';
import type { MatchMode } from '../query/settings.js';
import { NEAREST_WORDS_WORK, type WorkMeter } from './budget.js';
import { termHits, type TermHits } from './hits.js';
import { intersect } from '../index/postings.js';

/** Near words considered per query word. */
const CANDIDATES_PER_WORD = 5;
/** Alternatives offered. */
const MAX_ALTERNATIVES = 3;
/** Whole searches tried at most. */
const MAX_TRIES = 24;
/** A suggestion for a word that finds something is at least this long, unless that word is shorter. */
const SHORTEST_SUGGESTED = 3;
/** Words shorter than this have too many neighbours to be corrected unasked (`xк` is not `xa`); they are only offered. */
const SHORTEST_CORRECTED = 3;

export interface Suggestions {
  /** Best first: a replacement word, or the whole corrected words when several changed. */
  words: string[];
  /** The first suggestion as replaced words (misspelt → suggested), when it replaces only words that find nothing. */
  correction: ReadonlyMap<string, string> | null;
}

const NONE: Suggestions = { words: [], correction: null };

/**
 * `hits` are the query's words as the language rule left them, `rawHits` as
 * they were before it; `meet` says whether raw hits match something together
 * once the rule (and the query's exclusions and filters) is applied to them,
 * as the search would: a suggestion must find something when it is typed.
 */
export function suggestCorrections(index: CharIndex, hits: TermHits[], rawHits: TermHits[], meet: (rawHits: TermHits[]) => boolean, mode: MatchMode, meter: WorkMeter): Suggestions {
  const wanted = mode === 'names' ? SUGGEST_IN_NAME : SUGGEST_ANYWHERE;
  const words = hits.map((hit) => (hit.term.kind === 'word' ? hit.term.word : null));
  // Suggestions are a courtesy: words past the budget get none, rather than the query being refused. Each word's
  // lookup is charged here, in order, and made when first needed: several unknown words are replaced among
  // themselves, and one unknown word alone, most often, before any other is (a lookup is 50–250 µs).
  const looked: number[] = [];
  words.forEach((word, k) => {
    if (word !== null && meter.afford(NEAREST_WORDS_WORK)) looked.push(k);
  });
  const nearWords = new Map<number, string[]>();
  const near = (k: number): string[] => {
    let found = nearWords.get(k);
    if (!found) {
      const word = words[k]!;
      // A word that finds something is not questioned by a stub of two letters (`shift key` is not `shift ke`; `thumbs upp` is `thumbs up`).
      const shortest = hits[k].all.length > 0 ? Math.min(SHORTEST_SUGGESTED, word.length) : 0;
      nearWords.set(k, (found = index.suggestions.nearest(word, wanted, CANDIDATES_PER_WORD).map(({ word: w }) => w).filter((w) => w.length >= shortest)));
    }
    return found;
  };
  let tries = 0;
  const matches = (replacements: Map<number, string>): boolean => {
    tries++;
    const tried = rawHits.map((hit, k) => (replacements.has(k) ? termHits(index, { kind: 'word', word: replacements.get(k)! }, mode, meter) : hit));
    // The language rule, the filters and the exclusions only take chars away (and read nothing when none is left):
    // words with no char in common cannot meet, and most tries are such (the rule was a third of their time).
    const replaced = replacements.size === 1 ? replacements.keys().next().value! : -1;
    const together = replaced >= 0 ? meetsWithOthers(replaced, tried[replaced].all) : intersect(tried.map((hit) => hit.all)).length > 0;
    return together && meet(tried);
  };
  // One word replaced, the others are the same for each of its candidates: where they meet is found once per position.
  const othersMeetings = new Map<number, Uint32Array>();
  const meetsWithOthers = (replaced: number, chars: Uint32Array): boolean => {
    if (rawHits.length === 1) return chars.length > 0;
    let others = othersMeetings.get(replaced);
    if (!others) othersMeetings.set(replaced, (others = intersect(rawHits.filter((_, k) => k !== replaced).map((hit) => hit.all))));
    return others.length > 0 && intersect([others, chars]).length > 0;
  };
  const spelled = (replacements: Map<number, string>): string =>
    hits.map((hit, k) => replacements.get(k) ?? termText(hit.term)).join(' ');
  const correction = (replacements: Map<number, string>): Suggestions => ({
    words: [spelled(replacements)],
    correction: [...replacements.keys()].every((k) => [...words[k]!].length >= SHORTEST_CORRECTED) ? new Map([...replacements].map(([k, word]) => [words[k]!, word])) : null,
  });

  const unknown = looked.filter((k) => hits[k].all.length === 0);
  if (unknown.length > 1) {
    // Several unknown words: each takes its nearest word; then each in turn tries its others.
    const best = new Map(unknown.map((k) => [k, near(k)[0]] as [number, string]).filter(([, word]) => word !== undefined));
    if (best.size < unknown.length) return NONE;
    if (matches(best)) return correction(best);
    for (const k of unknown) {
      for (const other of near(k).slice(1)) {
        if (tries >= MAX_TRIES) return NONE;
        const replacements = new Map(best).set(k, other);
        if (matches(replacements)) return correction(replacements);
      }
    }
    return NONE;
  }
  // One word to replace: the unknown one, else whichever makes the query match,
  // the rarest first (`fase` is a keyword somewhere, but rarer than `cat`).
  const positions = unknown.length === 1 ? unknown : [...looked].sort((a, b) => hits[a].all.length - hits[b].all.length);
  // Alternatives all replace the same word, so each reads as a correction of it.
  for (const k of positions) {
    const found: string[] = [];
    for (const word of near(k)) {
      if (found.length >= MAX_ALTERNATIVES || tries >= MAX_TRIES) break;
      if (matches(new Map([[k, word]]))) found.push(word);
    }
    if (found.length > 0 || tries >= MAX_TRIES) {
      const corrects = found.length > 0 && unknown.length === 1 && [...words[k]!].length >= SHORTEST_CORRECTED;
      return { words: found, correction: corrects ? new Map([[words[k]!, found[0]]]) : null };
    }
  }
  // No one word: every word its nearest (`kat fase` → `cat face`, each a keyword of some other language).
  const nearest = new Map(looked.filter((k) => near(k).length > 0).map((k) => [k, near(k)[0]] as [number, string]));
  if (nearest.size > 1 && tries < MAX_TRIES && matches(nearest)) return { words: [spelled(nearest)], correction: null };
  return NONE;
}
