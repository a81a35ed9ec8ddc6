/**
 * What `charfinder find`, `identify` and `info` do once yargs has read their
 * arguments. The exit status is grep's: 0 when something was found, 1 when
 * nothing matched, 2 on a usage error (a UsageError, reported by cli.ts as
 * one line and a hint to --help) or a query the server would refuse.
 *
 * With no words, find and identify read standard input: find answers each
 * line as a query, identify describes the characters of each line (line ends
 * are not characters). Each line is answered as it arrives, as a connection
 * would answer it, so `tail -f log | charfinder identify` works.
 */
import { performance } from 'node:perf_hooks';
import { CharIndex } from '../index/charIndex.js';
import { describeEntry } from '../index/describeChar.js';
import { infoJson, infoText } from '../index/infoText.js';
import { applySettingCommand } from '../query/commands.js';
import { parseCharArgument } from '../query/charArgument.js';
import { filterNamesOf } from '../query/filters.js';
import { parseQuery, pastedText, type Query } from '../query/parse.js';
import { DEFAULT_SETTINGS, type MatchMode, type SearchSettings, type SortOrder } from '../query/settings.js';
import { answerQuery, type AnswerableQuery } from '../search/answer.js';
import { DEFAULT_LIMITS } from '../server/limits.js';
import { terminalPaint, writeAnswer, writeRefusal, type OutputStyle } from './output.js';
import { parseTemplate } from './template.js';

/** A mistake in the command line: cli.ts prints the message and a hint to the command's --help, and exits 2. */
export class UsageError extends Error {}

export const EXIT_FOUND = 0;
export const EXIT_NOTHING_FOUND = 1;
export const EXIT_USAGE = 2;

interface OutputArguments {
  json: boolean;
  format?: string;
}

export interface FindArguments extends OutputArguments {
  words?: string[];
  index: string;
  match: MatchMode;
  sort: SortOrder;
  lang?: string;
  tone?: string;
}

export interface IdentifyArguments extends OutputArguments {
  text?: string[];
  index: string;
}

export interface InfoArguments {
  char?: string[];
  index: string;
  lang?: string;
  json: boolean;
}

function outputStyle({ json, format }: OutputArguments): OutputStyle {
  if (json && format !== undefined) throw new UsageError('--json and --format are alternatives: give one');
  if (json) return { kind: 'json' };
  if (format !== undefined) {
    const parsed = parseTemplate(format);
    if ('error' in parsed) throw new UsageError(parsed.error);
    return { kind: 'template', template: parsed.template };
  }
  return { kind: 'text', paint: terminalPaint() };
}

/** `charfinder find arrow -double`: unknown options are taken as words (see cli.ts), so a misspelt one is caught here. */
function refuseOptionWords(words: readonly string[], command: string): void {
  const option = words.find((word) => word.startsWith('--'));
  if (option) throw new UsageError(`unknown option ${option} for ${command}`);
}

/** The lines of standard input, or a usage error when it is a terminal (nobody would know it waits). */
function inputLines(what: string): AsyncIterable<string> {
  if (process.stdin.isTTY) throw new UsageError(`give ${what}, or pipe lines into standard input`);
  return stdinLines();
}

/** node:readline is loaded here, when asked: the server never reads standard input, and its eight modules would load at every start. */
async function* stdinLines(): AsyncIterable<string> {
  const { createInterface } = await import('node:readline');
  yield* createInterface({ input: process.stdin, crlfDelay: Infinity });
}

/** Counts what the answers found; the exit status follows from it. */
class Outcome {
  found = false;
  failed = false;

  get exitCode(): number {
    if (this.failed) return EXIT_USAGE;
    return this.found ? EXIT_FOUND : EXIT_NOTHING_FOUND;
  }
}

function searchSettings(argv: FindArguments, index: CharIndex): SearchSettings {
  let settings: SearchSettings = { ...DEFAULT_SETTINGS, match: argv.match, sort: argv.sort };
  for (const [option, value] of [['lang', argv.lang], ['tone', argv.tone]] as const) {
    if (value === undefined || value === '') continue;
    const outcome = applySettingCommand(`/${option} ${value}`, settings, index.languages.map(({ tag }) => tag))!;
    if ('error' in outcome) throw new UsageError(outcome.error.replace(`/${option}`, `--${option}`));
    settings = outcome.settings;
  }
  return settings;
}

/** Answers one query, as the server would under its query budget, and writes it. */
function answerAndWrite(index: CharIndex, query: AnswerableQuery, settings: SearchSettings, style: OutputStyle, outcome: Outcome): void {
  const started = performance.now();
  const answer = answerQuery(index, query, settings, DEFAULT_LIMITS);
  writeAnswer(index, answer, style, performance.now() - started);
  if (answer.status.kind === 'refused') outcome.failed = true;
  if (answer.lines.total > 0) outcome.found = true;
}

export async function find(argv: FindArguments): Promise<number> {
  const words = (argv.words ?? []).map(String);
  refuseOptionWords(words, 'find');
  const style = outputStyle(argv);
  const lines = words.length > 0 ? null : inputLines('some words to find');
  const index = CharIndex.load(argv.index);
  const settings = searchSettings(argv, index);
  const filters = filterNamesOf(index.header);
  const outcome = new Outcome();
  if (lines === null) {
    const query = parseQuery(words.join(' '), filters);
    if (query.kind === 'empty') throw new UsageError('nothing to find: give some words');
    if (query.kind === 'invalid') throw new UsageError(query.reason);
    answerAndWrite(index, query, settings, style, outcome);
    return outcome.exitCode;
  }
  for await (const line of lines) {
    const query: Query = parseQuery(line, filters);
    if (query.kind === 'empty') continue;
    if (query.kind === 'invalid') {
      writeRefusal(style, { error: 'invalid query', reason: query.reason });
      outcome.failed = true;
      continue;
    }
    answerAndWrite(index, query, settings, style, outcome);
  }
  return outcome.exitCode;
}

/**
 * Describes every character, cluster by cluster: a sequence of the index
 * (🇫🇷, 👍🏽) as itself, then code point by code point, as pasted text is
 * answered. Under `names`, because an emoticon's emoji (`:)` 🙂) are what
 * the text may mean, not what it holds.
 */
export async function identify(argv: IdentifyArguments): Promise<number> {
  const words = (argv.text ?? []).map(String);
  refuseOptionWords(words, 'identify');
  const style = outputStyle(argv);
  const lines = words.length > 0 ? null : inputLines('some text to identify');
  const index = CharIndex.load(argv.index);
  const settings: SearchSettings = { ...DEFAULT_SETTINGS, match: 'names' };
  const outcome = new Outcome();
  for await (const line of lines ?? [words.join(' ')]) {
    const query = pastedText(line);
    if (query.clusters.length === 0) continue;
    answerAndWrite(index, query, settings, style, outcome);
  }
  return outcome.exitCode;
}

/** `charfinder info é`: the block `/info é` answers. */
export function info(argv: InfoArguments): number {
  const argument = parseCharArgument((argv.char ?? []).map(String));
  if (!('codePoints' in argument)) throw new UsageError(`info takes ${argument.expected}${argument.argument === null ? '' : `, not '${argument.argument}'`}`);
  const index = CharIndex.load(argv.index);
  const language = argv.lang === undefined ? null : index.languageId(argv.lang);
  if (language === -1) throw new UsageError(`no CLDR annotations in '${argv.lang}'; try a language tag such as ru, ja, es, pt-PT`);
  const described = describeEntry(index, argument.codePoints, language === null ? null : index.languages[language].tag);
  process.stdout.write((argv.json ? infoJson(described) : infoText(described)).replaceAll('\r\n', '\n'));
  return EXIT_FOUND;
}
