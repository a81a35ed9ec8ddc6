/**
 * `charfinder find`, `identify` and `info` as a person runs them: the real
 * CLI in its own process, its stdout, stderr and exit status; standard input
 * piped in; every --help example run as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_FORMAT } from '../src/protocol/formats.js';
import { parseQuery } from '../src/query/parse.js';
import { filterNamesOf } from '../src/query/filters.js';
import { answerQuery, type AnswerableQuery } from '../src/search/answer.js';
import { startServerProcess } from '../scripts/server-process.js';
import { loadIndex } from './support/server.js';
import { Terminal } from './support/terminal.js';

const CLI = fileURLToPath(new URL('../src/cli.js', import.meta.url));
/** The outer bound on one run: a hung CLI fails its test instead of the suite. */
const RUN_TIMEOUT_MS = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `file args` with `input` on its stdin (closed at once when none), colour off unless `env` says otherwise. */
function execute(file: string, args: string[], input = '', env: Record<string, string> = { NO_COLOR: '1' }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const base = { ...process.env };
    delete base.FORCE_COLOR;
    delete base.NO_COLOR;
    const child = spawn(file, args, { env: { ...base, ...env }, timeout: RUN_TIMEOUT_MS, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const charfinder = (args: string[], input?: string, env?: Record<string, string>) => execute(process.execPath, [CLI, ...args], input, env);

const index = loadIndex();

test('exit status: 0 when something was found, 1 when nothing matched', async () => {
  const found = await charfinder(['find', 'cat', 'face']);
  assert.equal(found.code, 0);
  assert.equal(found.stderr, "11 matches for 'cat face'\n");
  const nothing = await charfinder(['find', 'xqzzq']);
  assert.equal(nothing.code, 1);
  assert.equal(nothing.stdout, '');
  assert.match(nothing.stderr, /^No match for 'xqzzq'/);
});

test('a usage error exits 2 with one line: the reason and a hint to the command’s --help, not the help itself', async () => {
  const cases: [string[], string][] = [
    [[], "give a command: serve, find, identify, info or build-index; see 'charfinder --help'\n"],
    [['nosuch'], "unknown command 'nosuch'; the commands are serve, find, identify, info, build-index; see 'charfinder --help'\n"],
    [['find', '--bogus', 'cat'], "unknown option --bogus for find; see 'charfinder find --help'\n"],
    [['find', '--sort', 'x', 'cat'], 'Invalid values: Argument: sort, Given: "x", Choices: "rank", "cp"; see \'charfinder find --help\'\n'],
    [['find', '--json', '--format', '%cp', 'cat'], "--json and --format are alternatives: give one; see 'charfinder find --help'\n"],
    [['find', '-f', '%cp %nope', 'cat'], 'unknown field %nope in --format'],
    [['find', 'age:99'], "no Unicode version '99' added characters"],
    [['find', '--lang', 'klingon', 'cat'], "no CLDR annotations in 'klingon'"],
    [['identify', '--format', 'x%', 'é'], "'%' without a field name in --format"],
    [['info'], 'info takes a character or a code point'],
    [['info', 'nonsense'], "info takes a character or a code point (é, 😸, U+1F638, 0x1F638, \\u{1F638}, &#x1F638;), not 'nonsense'; see 'charfinder info --help'\n"],
    [['serve', '--workers', '0'], "--workers takes a whole number ≥ 1 or auto, not '0'; see 'charfinder serve --help'\n"],
  ];
  for (const [args, expected] of cases) {
    const run = await charfinder(args);
    const label = `charfinder ${args.join(' ')}`;
    assert.equal(run.code, 2, label);
    assert.equal(run.stdout, '', label);
    assert.equal(run.stderr.split('\n').length, 2, `${label}: one line, got ${run.stderr}`);
    assert.match(run.stderr, /; see 'charfinder( [a-z-]+)? --help'\n$/, label);
    if (expected.endsWith('\n')) assert.equal(run.stderr, expected, label);
    else assert.ok(run.stderr.startsWith(expected), `${label}: ${run.stderr}`);
  }
});

test('a failure that is no usage error is its message alone, exit 2', async () => {
  const run = await charfinder(['--index', '/nonexistent/charfinder.idx', 'find', 'cat']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /^charfinder find: ENOENT[^\n]*\/nonexistent\/charfinder\.idx'\n$/);
});

test('find reads standard input without words: each line a query, answered in turn; empty lines skipped', async () => {
  const run = await charfinder(['find', '--sort', 'cp'], 'registered\n\nxqzzq\nU+00A9\n');
  assert.equal(run.code, 0);
  assert.equal(run.stdout, 'U+00AE\t®\tREGISTERED SIGN\nU+00A9\t©\tCOPYRIGHT SIGN\n');
  assert.match(run.stderr, /^1 match for 'registered'\nNo match for 'xqzzq'[^\n]*\n1 match for 'U\+00A9'\n$/);
  const none = await charfinder(['find'], 'xqzzq\n');
  assert.equal(none.code, 1);
  // A line the server would refuse is refused as it would be, and the others answered; the status is then 2.
  const refused = await charfinder(['find'], 'age:99\nregistered\n');
  assert.equal(refused.code, 2);
  assert.equal(refused.stdout, 'U+00AE\t®\tREGISTERED SIGN\n');
  assert.match(refused.stderr, /^error: no Unicode version '99' added characters/);
});

test('identify describes every character, cluster by cluster, from its words or from standard input', async () => {
  const piped = await charfinder(['identify'], '😸é\n');
  assert.equal(piped.code, 0);
  assert.equal(piped.stdout, 'U+1F638\t😸\tGRINNING CAT FACE WITH SMILING EYES\nU+00E9\té\tLATIN SMALL LETTER E WITH ACUTE\n');
  assert.equal(piped.stderr, "2 characters in '😸é'\n");
  // A sequence of the index is itself first, then each of its code points; a combining mark shows on its circle.
  const flag = await charfinder(['identify', '🇫🇷e\u0301']);
  assert.equal(
    flag.stdout,
    [
      'U+1F1EB U+1F1F7\t🇫🇷\tFLAG: FRANCE',
      'U+1F1EB\t🇫\tREGIONAL INDICATOR SYMBOL LETTER F',
      'U+1F1F7\t🇷\tREGIONAL INDICATOR SYMBOL LETTER R',
      'U+0065\te\tLATIN SMALL LETTER E',
      'U+0301\t◌́\tCOMBINING ACUTE ACCENT',
      '',
    ].join('\n'),
  );
  // What the text holds, not what it may mean: no 🙂 for `:)`; each line on its own; line ends are no characters.
  const lines = await charfinder(['identify'], ':)\r\nA\n');
  assert.equal(lines.stdout, 'U+003A\t:\tCOLON\nU+0029\t)\tRIGHT PARENTHESIS\nU+0041\tA\tLATIN CAPITAL LETTER A\n');
  assert.equal(lines.stderr, "2 characters in ':)'\n1 character in 'A'\n");
  const empty = await charfinder(['identify'], '\n  \n');
  assert.equal(empty.code, 1);
  assert.equal(empty.stdout, '');
});

/** What the TCP JSON format sends for a query (its status's `ms` aside). */
function tcpJsonLines(line: string): string[] {
  const query = parseQuery(line, filterNamesOf(index.header)) as AnswerableQuery;
  const answer = answerQuery(index, query);
  const batch = JSON_FORMAT.batch(index, answer.lines, 0, answer.lines.total, Infinity);
  const status = JSON_FORMAT.status(answer, { from: 0, sent: answer.lines.total, more: false, interrupted: false, limit: null, ms: 0 });
  return (batch.bytes.toString('utf8') + status).split('\r\n').slice(0, -1);
}

const withoutMs = (line: string) => line.replace(/"ms":[0-9.]+/, '"ms":0');

test('--json writes the JSON format’s lines, as /format json sends them: every match, then the status', async () => {
  for (const args of [['find', '--json', 'cat', 'face'], ['find', '--json', 'U+1F1EB', 'U+1F1F7']]) {
    const run = await charfinder(args);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '', 'the status is in the JSON');
    const lines = run.stdout.split('\n');
    assert.equal(lines.pop(), '', 'each line ends in \\n');
    for (const line of lines) JSON.parse(line);
    const query = args.slice(2).join(' ');
    assert.deepEqual(lines.map(withoutMs), tcpJsonLines(query).map(withoutMs), args.join(' '));
  }
  const piped = await charfinder(['identify', '--json'], 'é\n😸\n');
  const objects = piped.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(
    objects.map((object) => object.cp ?? object.query),
    ['U+00E9', 'é', 'U+1F638', '😸'],
  );
  const refused = await charfinder(['find', '--json'], 'age:99\n');
  assert.equal(refused.code, 2);
  assert.equal(JSON.parse(refused.stdout).error, 'invalid query');
});

test('--format: one line per match from a template, every field', async () => {
  const euro = await charfinder(['find', '--format', '%cp %char %name %utf8 %html', 'euro', 'sign']);
  assert.equal(euro.stdout.split('\n')[0], 'U+20AC € EURO SIGN E2 82 AC &euro;');
  const all = '%cp|%char|%name|%hex|%dec|%utf8|%utf16|%utf32|%html|%css|%js|%python|%rust|%url|%block|%cat|%script|%age|%width';
  assert.equal(
    (await charfinder(['identify', '-f', all, 'é'])).stdout,
    'U+00E9|é|LATIN SMALL LETTER E WITH ACUTE|00E9|233|C3 A9|00E9|000000E9|&eacute;|\\E9|\\u00E9|\\u00E9|\\u{00E9}|%C3%A9|Latin-1 Supplement|Ll|Latin|1.1|A\n',
  );
  assert.equal(
    (await charfinder(['identify', '--format', '%(cp)x %% %cat\\t%width %html', '😸'])).stdout,
    'U+1F638x % So\tW &#x1F638;\n',
  );
  // A sequence: each code point, all its bytes; a control: its stand-in, never the raw byte.
  assert.equal((await charfinder(['find', '-f', '%cp %char %utf8 %dec', 'U+1F1EB', 'U+1F1F7'])).stdout.split('\n')[0], 'U+1F1EB U+1F1F7 🇫🇷 F0 9F 87 AB F0 9F 87 B7 127467 127479');
  assert.equal((await charfinder(['find', '-f', '%char %name %html', 'U+001B'])).stdout, '␛ <control-001B> &#x1B;\n');
  const kot = await charfinder(['find', '-f', '%char %name [%matched] (%local)', '--lang', 'ru', 'кот']);
  assert.ok(kot.stdout.split('\n').includes('🐱 CAT FACE [ru: кот] (морда кошки)'), kot.stdout);
});

test('colour only on a terminal: FORCE_COLOR asks for it through a pipe, NO_COLOR is plain', async () => {
  const forced = await charfinder(['find', 'registered'], '', { FORCE_COLOR: '1' });
  assert.match(forced.stdout, /\x1b\[2mU\+00AE\x1b\[22m\t\x1b\[1m®\x1b\[22m\tREGISTERED SIGN\n/);
  for (const env of [{}, { NO_COLOR: '1' }] as Record<string, string>[]) assert.equal((await charfinder(['find', 'registered'], '', env)).stdout, 'U+00AE\t®\tREGISTERED SIGN\n');
  // Templates and JSON are data: never painted.
  assert.equal((await charfinder(['find', '-f', '%cp', 'registered'], '', { FORCE_COLOR: '1' })).stdout, 'U+00AE\n');
});

test('on a terminal with no words, find says what it wants instead of waiting for input', async () => {
  const terminal = Terminal.start(`NO_COLOR=1 '${process.execPath}' '${CLI}' find; echo "exit=$?"`);
  try {
    const screen = await terminal.shows(/exit=\d/);
    assert.match(screen, /give some words to find, or pipe lines into standard input; see 'charfinder find --help'\s+exit=2/);
  } finally {
    terminal.close();
  }
});

test('info prints what /info shows', async () => {
  const run = await charfinder(['info', 'é']);
  assert.equal(run.code, 0);
  assert.ok(run.stdout.startsWith('code point: U+00E9\ncharacter: é\nname: LATIN SMALL LETTER E WITH ACUTE\n'));
  assert.ok(run.stdout.includes('\nutf-8: C3 A9\n'));
  const json = await charfinder(['info', '--json', 'U+1F1EB', 'U+1F1F7']);
  assert.equal(JSON.parse(json.stdout).name, 'FLAG: FRANCE');
});

const help = async (...command: string[]) => {
  const run = await charfinder([...command, '--help']);
  assert.equal(run.code, 0, command.join(' '));
  assert.equal(run.stderr, '');
  return run.stdout;
};

test('--help of each command: its usage, options, examples, template fields and exit status', async () => {
  const top = await help();
  for (const command of ['serve', 'find [words..]', 'identify [text..]', 'info [char..]', 'build-index']) assert.ok(top.includes(`charfinder ${command}`), command);
  const find = await help('find');
  const findWords = find.replace(/\s+/g, ' ');
  for (const part of ['charfinder find [words..]', 'each line of standard input is a query', '--json', '-f, --format', '--match', '--lang', 'Examples:', '%cp ', '%utf8 ', '%html ', '%width ', 'Exit status: 0 when something was found, 1 when nothing matched, 2 on a usage']) {
    assert.ok(findWords.includes(part), part);
  }
  const identify = await help('identify');
  for (const part of ['charfinder identify [text..]', 'like uni identify', '--format', 'echo 😸é | charfinder identify', '%block ']) assert.ok(identify.replace(/\s+/g, ' ').includes(part), part);
  assert.ok((await help('info')).includes('charfinder info é'));
  assert.ok((await help('serve')).includes('--max-connections-per-address'));
  assert.ok((await help('build-index')).includes('--output'));
  // No line of any help is wider than the 80 columns yargs lays it out in.
  for (const text of [top, find, identify]) for (const line of text.split('\n')) assert.ok([...line].length <= 80, line);
});

/**
 * The example commands of a help text: the lines under `Examples:`, without
 * their descriptions (after two spaces or more) and the lines those wrap onto.
 */
function examplesOf(helpText: string): string[] {
  const section = helpText.split('\nExamples:\n')[1];
  if (section === undefined) return [];
  const examples: string[] = [];
  for (const line of section.split('\n')) {
    if (line.trim() === '') break;
    if (/^ {4,}/.test(line)) continue;
    examples.push(line.trim().split(/ {2,}/)[0]);
  }
  return examples;
}

test('every --help example runs as written (serve: on free ports), and finds something', async () => {
  // `charfinder` on the PATH is this build, as the bin would be once installed.
  const bin = mkdtempSync(join(tmpdir(), 'charfinder-bin-'));
  try {
    writeFileSync(join(bin, 'charfinder'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
    chmodSync(join(bin, 'charfinder'), 0o755);
    let ran = 0;
    for (const command of ['find', 'identify', 'info', 'serve']) {
      const examples = examplesOf(await help(command));
      assert.ok(examples.length >= 3, `${command} has examples`);
      for (const example of examples) {
        assert.ok(example.includes(`charfinder ${command}`), example);
        if (command === 'serve') {
          await runServeExample(example);
        } else {
          const run = await execute('/bin/sh', ['-c', example], '', { NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}` });
          assert.equal(run.code, 0, `${example}: ${run.stderr}`);
          assert.notEqual(run.stdout, '', example);
        }
        ran++;
      }
    }
    assert.ok(ran >= 20, `${ran} examples`);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

/**
 * A serve example, started until it listens, then stopped. Its ports become
 * free ones (`--port 0`, `--http 0`): the fixed ones may be taken on a shared machine.
 */
async function runServeExample(example: string): Promise<void> {
  const words = example.split(' ').slice(2);
  const flags: string[] = [];
  for (let at = 0; at < words.length; at++) {
    flags.push(words[at]);
    if (words[at] === '--port' || words[at] === '--http') {
      flags.push('0');
      if (/^\d+$/.test(words[at + 1] ?? '')) at++;
    }
  }
  const served = await startServerProcess(flags, { entry: CLI, stderr: 'log', env: { NO_COLOR: '1' } });
  assert.equal(await served.stop(), 0, `${example}: ${served.log()}`);
}
