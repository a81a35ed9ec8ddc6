import { test } from 'node:test';
import assert from 'node:assert/strict';
import yargs from 'yargs';
import { INDEX_OPTION, quickServeArguments, serveBuilder, serveSettings, type ServeArguments } from '../src/serveArguments.js';
import type { ServeSettings } from '../src/serve.js';

/** What the CLI's yargs program hands the serve command, or null where it refuses. */
async function yargsSettings(args: string[]): Promise<ServeSettings | null> {
  let settings: ServeSettings | null = null;
  await yargs(args)
    .parserConfiguration({ 'unknown-options-as-args': true })
    .option('index', INDEX_OPTION)
    .command('serve', '', serveBuilder, (argv) => {
      settings = serveSettings(argv as unknown as ServeArguments);
    })
    .strict()
    .exitProcess(false)
    .fail(() => {})
    .parseAsync();
  return settings;
}

const QUICK = [
  ['serve'],
  ['serve', '--port', '0'],
  ['serve', '--port=2424', '--host', '0.0.0.0', '--log', 'none'],
  ['serve', '--host', '127.0.0.1', '--port', '2323', '--log', 'server', '--workers', 'auto'],
  ['serve', '--workers', '2', '--index', '/tmp/other.idx'],
  ['serve', '--max-line-bytes', '512', '--idle-timeout', '1.5', '--max-connections-per-address', '8', '--http-rate', '0'],
  ['serve', '--shutdown-grace=0.25', '--max-results', '007', '--http-keep-alive-timeout', '2'],
];

test('a plain serve is read without yargs, and the server gets the settings yargs would have given it', async () => {
  for (const args of QUICK) {
    const quick = quickServeArguments(args);
    assert.ok(quick, args.join(' '));
    assert.deepEqual(serveSettings(quick), await yargsSettings(args), args.join(' '));
  }
});

test('anything else is left to yargs: help, version, --http, repeated or unknown flags, values yargs reads otherwise or refuses', () => {
  for (const args of [
    ['serve', '--help'],
    ['serve', '--version'],
    ['serve', '--http'],
    ['serve', '--http', '9000'],
    ['serve', '--http-only'],
    ['serve', '--port', '1', '--port', '2'],
    ['serve', '--port', '1e3'],
    ['serve', '--port', '0x10'],
    ['serve', '--port', '-1'],
    ['serve', '--port'],
    ['serve', '--port='],
    ['serve', '--maxLineBytes', '5'],
    ['serve', '--no-color'],
    ['serve', '--log', 'loud'],
    ['serve', '--workers', '0'],
    ['serve', '--host', '--port'],
    ['serve', 'extra'],
    ['--index', 'x.idx', 'serve'],
    ['find', 'cat'],
    [],
  ]) {
    assert.equal(quickServeArguments(args), undefined, args.join(' '));
  }
});
