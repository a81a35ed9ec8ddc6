/**
 * The search-quality query set: what a person types, the character(s) they
 * want, and what kind of query it is (queries.tsv, one query a line).
 */
import { readFileSync } from 'node:fs';

/** One result, or one wanted answer: a character's code point, or all of a sequence's. */
export type CodePoints = readonly number[];

export interface RelevanceQuery {
  /** What a person types. */
  text: string;
  /** Acceptable answers: finding any one of them is finding what was wanted. */
  wanted: CodePoints[];
  category: string;
  note: string;
}

/** `1F600 1F642` is two acceptable characters; `1F1EB+1F1F7` one sequence (🇫🇷). */
export function parseWanted(field: string): CodePoints[] {
  return field
    .trim()
    .split(/\s+/)
    .map((answer) =>
      answer.split('+').map((hex) => {
        if (!/^[0-9A-Fa-f]{1,6}$/.test(hex)) throw new Error(`'${answer}' is not a code point or a +-joined sequence of them`);
        return parseInt(hex, 16);
      }),
    );
}

/** Tab-separated query, wanted, category, note; `#` lines are comments. */
export function parseQueries(text: string): RelevanceQuery[] {
  return text.split('\n').flatMap((line, at): RelevanceQuery[] => {
    if (line.trim() === '' || line.startsWith('#')) return [];
    const [query, wanted, category, note = ''] = line.split('\t');
    if (!query || !wanted || !category) throw new Error(`line ${at + 1}: want query, wanted code points and category separated by tabs: ${line}`);
    return [{ text: query, wanted: parseWanted(wanted), category, note }];
  });
}

export function readQueries(path: string): RelevanceQuery[] {
  return parseQueries(readFileSync(path, 'utf8'));
}
