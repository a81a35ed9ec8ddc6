// Every answer of a long list of queries, one line each: the query, the
// settings, the status sentence and a digest of every result line, JSON
// matches included. Two builds answer alike when their dumps are the same
// file: the check that an optimisation of the engine changed no answer.
//
//   node dist/scripts/answers-dump.js > /tmp/before.txt    (in each build)
//   cmp /tmp/before.txt /tmp/after.txt
//
// The queries: the bench's diverse list (bench-diverse.ts), the search-quality
// queries (scripts/relevance/queries.tsv), and one of each syntax element
// below; each under the default settings and a few others, with the
// server's query budget (a refusal is an answer too).

import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { CharIndex } from '../src/index/charIndex.js';
import { applySettingCommand } from '../src/query/commands.js';
import { filterNamesOf } from '../src/query/filters.js';
import { parseQuery } from '../src/query/parse.js';
import { DEFAULT_SETTINGS, type SearchSettings } from '../src/query/settings.js';
import { answerQuery } from '../src/search/answer.js';
import { nextBatch } from '../src/search/matchLines.js';
import { statusSentence } from '../src/search/sentences.js';
import { DEFAULT_LIMITS } from '../src/server/limits.js';
import { diverseQueries } from './bench-diverse.js';
import { readQueries } from './relevance/queries.js';

const RELEVANCE_QUERIES = fileURLToPath(new URL('../../scripts/relevance/queries.tsv', import.meta.url));

/** Prefixes, phrases, exclusions, filters, code points, ranges, pasted text, emoticons, misspellings, huge answers. */
const SYNTAX_QUERIES = [
  'cat face', 'cat* face', 'hamb*', 'ca*', 'sn*', '"cat face"', '"heart shaped"', '"cjk unified"', '"for all"',
  'arrow -double', 'arrow block:arrows -double -white', 'heart -"black heart"', 'face -smiling -cat',
  'gc:Sm', 'gc:L greek', 'block:arrows', 'script:greek small', 'age:15.0', 'emoji', 'emoji cat', 'tone:medium thumbs', 'thumbs tone:dark',
  'U+1F638', 'U+0041..U+005A', 'U+1F1EB U+1F1F7', '猫', 'é', '🐈', 'ab', 'кот', 'gato', 'drapeau france', 'ok hand', 'rook', 'sad', 'arabic sad',
  ':)', '<3', 'smiel', 'thumbs upp', 'cat fase', 'snowfl', 'thumbs u', 'eye roll', 'forall', 'nonbreaking', 'plus or minus', 'u umlaut',
  'face with tears of joy', 'hearts', 'tete', 'lambda', 'circled 1', 'right', 'water', 'shui', 'mizu', 'drop water', 'cjk', 'letter', 'a*', 'u',
  'latin small letter e with acute', 'greek small letter alpha', 'zzzzqx', 'the', 'of the',
];

/** The settings each query is answered under, as the commands a session would send. */
const SETTINGS_COMMANDS = [[], ['/match names'], ['/sort cp'], ['/lang ru uk'], ['/lang all'], ['/tone medium'], ['/lang ja', '/sort cp']];

// Opened as the server opens it, so that its paged sections (charIndex.ts) are read as the queries ask for them.
const index = await CharIndex.open();
const filterNames = filterNamesOf(index.header);
const languages = index.languages.map(({ tag }) => tag);
const queries = [...new Set([...SYNTAX_QUERIES, ...readQueries(RELEVANCE_QUERIES).map(({ text }) => text), ...diverseQueries(index).queries])];
const out: string[] = [];
for (const commands of SETTINGS_COMMANDS) {
  let settings: SearchSettings = DEFAULT_SETTINGS;
  for (const command of commands) {
    const outcome = applySettingCommand(command, settings, languages);
    if (outcome === null || 'error' in outcome) throw new Error(`${command}: not a setting`);
    settings = outcome.settings;
  }
  const label = commands.join(' ') || 'default';
  for (const text of queries) {
    const query = parseQuery(text, filterNames);
    if (query.kind !== 'search' && query.kind !== 'code-points' && query.kind !== 'characters') {
      out.push(`${label}\t${text}\t${query.kind}`);
      continue;
    }
    const answer = answerQuery(index, query, settings, DEFAULT_LIMITS);
    const digest = createHash('sha1');
    for (let at = 0; at < answer.lines.total; ) {
      const batch = nextBatch(answer.lines, at, answer.lines.total, 1 << 16);
      digest.update(batch.bytes);
      at = batch.next;
    }
    // The values JSON and HTTP give, for the first matches (the rest are the same lines).
    for (let at = 0; at < Math.min(answer.lines.total, 20); at++) digest.update(JSON.stringify(answer.lines.match(at)));
    out.push(`${label}\t${text}\t${answer.answered}\t${statusSentence(answer.status)}\t${digest.digest('hex').slice(0, 16)}`);
    if (out.length >= 10_000) process.stdout.write(`${out.splice(0).join('\n')}\n`);
  }
}
process.stdout.write(`${out.join('\n')}\n`);
