/**
 * The answer's other readings of a query, each a search of its own within
 * the query's budget, and each saying what it read (a status of kind
 * `corrected`, which every format renders):
 *
 *   a lone word only one other language has, one edit from an English word,
 *     is answered as typed, then as that word (foreignTypo.ts: `skul` 🏫, then 💀);
 *   a query that matches nothing, when a correction of its unknown words
 *     does, is answered as corrected (`thumbs upp` → `thumbs up`);
 *     else with its compound words split (compounds.ts: `checkbox` → `check box`);
 *     else, when fewer of its words meet, as those (fewerWords.ts: `treble
 *     clef` → `clef`; `bulletpoint` → `bullet`, then `point`).
 *
 * `/match names` reads nothing otherwise but the correction: the book's
 * whole name words.
 */
import { filterNamesOf } from '../query/filters.js';
import type { SearchSettings } from '../query/settings.js';
import { QueryTooCostly, type QueryBudget } from './budget.js';
import { withCompoundsSplit } from './compounds.js';
import { correctedQuery } from './correction.js';
import { fewerWords, READING_BUDGET_SHARE, type Reading } from './fewerWords.js';
import { likelyMisspelling } from './foreignTypo.js';
import { onlyForeignKeywords } from './relaxed.js';
import type { Explanation, SearchResult, Segment } from './result.js';
import type { SearchEngine, SearchQuery } from './search.js';

/**
 * The query as typed (`from`) was answered as `to`, then as each of `then`:
 * `thumbs upp` as `thumbs up`; `german quotes` as `german`, then `quotes`,
 * with what did-you-mean would have offered for the whole query (`kat fase`:
 * `kat`, and did you mean `cat face`?); `skul` as itself, then `skull`.
 * `total` counts the matches of all the readings together.
 */
export interface CorrectedStatus {
  kind: 'corrected';
  from: string;
  to: string;
  then: readonly string[];
  suggestions: readonly string[];
  total: number;
}

/** A query answered otherwise than as typed: the matches and what they answer. */
export interface OtherReading {
  /** The first reading's text, which pages and interruptions name. */
  answered: string;
  segments: Segment[];
  explanations: ReadonlyMap<number, Explanation>;
  status: CorrectedStatus;
}

/** Where the other readings search, and under what settings and budget. */
export interface Reader {
  engine: SearchEngine;
  settings: SearchSettings;
  budget: QueryBudget;
}

/** The other reading of `query`, whose search as typed found `result`; null to answer it as typed. */
export function otherReading(reader: Reader, query: SearchQuery, result: SearchResult): OtherReading | null {
  if (result.total > 0) return withLikelyMeaning(reader, query, result);
  return corrected(reader, query, result) ?? withCompoundsOrFewerWords(reader, query, result.suggestions);
}

/** Readings one after the other, each match once, as the answer to `query`. */
function readAs(query: SearchQuery, readings: readonly Reading[], suggestions: readonly string[] = []): OtherReading {
  const { segments, explanations, total } = together(readings);
  const [to, ...then] = readings.map((reading) => reading.query.text);
  return { answered: to, segments, explanations, status: { kind: 'corrected', from: query.text, to, then, suggestions, total } };
}

/** A search of its own within `budget`, or null over it: the answer then stays what the typed query found. */
function searchWithin({ engine, settings }: Reader, query: SearchQuery, budget: QueryBudget, suggest = true): SearchResult | null {
  try {
    return engine.search(query, settings, budget, suggest);
  } catch (error) {
    if (error instanceof QueryTooCostly) return null;
    throw error;
  }
}

/** `skul`: its own matches (Nigerian Pidgin), then those of the English word it may misspell (foreignTypo.ts). */
function withLikelyMeaning(reader: Reader, query: SearchQuery, result: SearchResult): OtherReading | null {
  const { engine, settings, budget } = reader;
  if (query.terms.length !== 1 || settings.match === 'names' || settings.languages === 'all' || !onlyForeignKeywords(engine.index, result, settings.lang)) return null;
  const meant = likelyMisspelling(engine.index, query, result);
  const found = meant && searchWithin(reader, meant, budget);
  if (!meant || !found || found.total === 0 || onlyForeignKeywords(engine.index, found, settings.lang)) return null;
  return readAs(query, [
    { query, result },
    { query: meant, result: found },
  ]);
}

/** The corrected query's matches, when its unknown words have a correction that finds something. */
function corrected(reader: Reader, query: SearchQuery, result: SearchResult): OtherReading | null {
  if (result.correction === null) return null;
  const correction = correctedQuery(query, result.correction, filterNamesOf(reader.engine.index.header));
  const found = correction && searchWithin(reader, correction, reader.budget);
  return correction && found && found.total > 0 ? readAs(query, [{ query: correction, result: found }]) : null;
}

/** With its compound words split (`checkbox` → `check box`), else fewer of its words, split or not (`bulletpoint` → `bullet`, then `point`). */
function withCompoundsOrFewerWords(reader: Reader, query: SearchQuery, suggestions: readonly string[]): OtherReading | null {
  const { engine, settings, budget } = reader;
  if (settings.match === 'names') return null;
  const split = withCompoundsSplit(engine.index, query, filterNamesOf(engine.index.header));
  const found = split && searchWithin(reader, split, budget);
  if (split && found && found.total > 0) return readAs(query, [{ query: split, result: found }]);
  const share: QueryBudget = { ...budget, maxQueryWork: budget.maxQueryWork * READING_BUDGET_SHARE };
  // A reading found only in other languages' keywords is no answer (`kat fase` is not `kat`, Dutch for 🐈), and a reading asks for no suggestions of its own.
  const fewer = fewerWords(split ?? query, (reading) => {
    const byReading = searchWithin(reader, reading, share, false);
    return byReading && !onlyForeignKeywords(engine.index, byReading, settings.lang) ? byReading : null;
  });
  return fewer && readAs(query, fewer, suggestions);
}

/** The readings' matches one after the other, each listed once (its first reading's explanation kept). */
function together(readings: readonly Reading[]): { segments: Segment[]; explanations: Map<number, Explanation>; total: number } {
  const listed = new Set<number>();
  const segments: Segment[] = [];
  const explanations = new Map<number, Explanation>();
  for (const { result } of readings) {
    for (const segment of result.segments) {
      const chars = segment.chars.filter((char) => !listed.has(char));
      if (chars.length === 0) continue;
      const explained = segment.explained.filter((char) => !listed.has(char));
      for (const char of chars) listed.add(char);
      segments.push({ chars, via: segment.via, explained });
      for (const char of explained) {
        const explanation = result.explanations.get(char);
        if (explanation) explanations.set(char, explanation);
      }
    }
  }
  return { segments, explanations, total: listed.size };
}
