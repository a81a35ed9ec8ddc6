/**
 * Real netkit telnet, typed into through tmux: non-ASCII text that telnet
 * sends as IP/AO/SUSP/BRK commands until BINARY is agreed, arrow keys, Ctrl-C;
 * and a raw client, which never hears a telnet byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForThisFile } from './support/server.js';
import { Terminal } from './support/terminal.js';
import { LineClient } from '../scripts/line-client.js';

const served = serverForThisFile();

const PROMPT_AGAIN = String.raw`\s*\n\?>`;

/** Each typed into a fresh telnet, so it arrives before BINARY is agreed: its reply's first line and status line. */
const typed: { text: string; first: RegExp; status: RegExp }[] = [
  { text: 'утка', first: /U\+1F986\s+🦆\s+DUCK \[ru: утка\]/, status: /\d+ matches for 'утка'/ },
  { text: 'я', first: /U\+044F\s+я\s+CYRILLIC SMALL LETTER YA/, status: /\d+ matches for 'я'/ },
  { text: '心', first: /U\+5FC3\s+心\s+CJK UNIFIED IDEOGRAPH-5FC3/, status: /\d+ matches for '心'/ },
  // Each pasted emoji sequence is described as one line, then its code points.
  { text: '👍🏽 🇫🇷 中文', first: /U\+1F44D U\+1F3FD\s+👍🏽\s+THUMBS UP: MEDIUM SKIN TONE\s*\nU\+1F44D\s+👍\s+THUMBS UP SIGN\s*\nU\+1F3FD\s+🏽\s+EMOJI MODIFIER FITZPATRICK TYPE-4/, status: /8 characters in '👍🏽 🇫🇷 中文'/ },
];

function telnet(): Terminal {
  return Terminal.start(`telnet 127.0.0.1 ${served.port}`);
}

for (const { text, first, status } of typed) {
  test(`telnet: typing ${text} gets its answer, and the session goes on`, async () => {
    const terminal = telnet();
    try {
      await terminal.shows(/\/t for telnet\s*\n\?>/);
      terminal.type(text);
      terminal.press('Enter');
      await terminal.shows(new RegExp(`${first.source}[^]*${status.source}${PROMPT_AGAIN}`));
      // Again, now that BINARY is agreed (Enter is then a bare LF), then something else.
      terminal.type(text);
      terminal.press('Enter');
      await terminal.shows(new RegExp(`${status.source}[^]*${status.source}${PROMPT_AGAIN}`));
      terminal.type('white chess knight');
      terminal.press('Enter');
      const screen = await terminal.shows(/U\+2658\s+♘\s+WHITE CHESS KNIGHT[^]*matches? for 'white chess knight'\s*\n\?>/);
      assert.doesNotMatch(screen, /Bye|Connection closed|invalid UTF-8/);
    } finally {
      terminal.close();
    }
  });
}

test('telnet: Up, or a word and Left, then Enter: the escape sequences are never searched', async () => {
  const terminal = telnet();
  try {
    await terminal.shows(/\/t for telnet\s*\n\?>/);
    // Each typed once the prompt is back: the terminal echoes what is typed ahead in the middle of replies.
    terminal.press('Up', 'Enter');
    await terminal.shows(/\?> \^\[\[A\s*\n\?>/);
    terminal.type('rook');
    terminal.press('Left', 'Left', 'Enter');
    await terminal.shows(/matches for 'rook'\s*\n\?>/);
    terminal.type('black chess queen');
    terminal.press('Enter');
    const screen = await terminal.shows(/U\+265B\s+♛\s+BLACK CHESS QUEEN[^]*matches for 'black chess queen'\s*\n\?>/);
    // The Up line got a fresh prompt and nothing else; the Left arrows were cut from 'rook'.
    assert.match(screen, /\?> \^\[\[A\s*\n\?> rook\^\[\[D\^\[\[D\s*\nU\+[0-9A-F ]+\s+\S+\s+[A-Z][^\n]*\n[^]*U\+2656\s+♖\s+WHITE CHESS ROOK/);
    assert.match(screen, /\d+ matches for 'rook'\s*\n\?> black chess queen/);
    assert.doesNotMatch(screen, /for 'a'|for '.*\[/);
  } finally {
    terminal.close();
  }
});

test('telnet: once BINARY and character mode are agreed, Ctrl-C still stops cjk; at the prompt it clears the line, and Ctrl-D ends', async () => {
  const terminal = telnet();
  try {
    await terminal.shows(/\/t for telnet\s*\n\?>/);
    terminal.type('утка');
    terminal.press('Enter');
    await terminal.shows(/matches for 'утка'\s*\n\?>/);
    // Telnet spoken, replies are paged to the screen (telnet-terminal.test.ts); here, one streams whole.
    terminal.press('/page off', 'Enter');
    await terminal.shows(/paging off: every reply is complete\s*\n\?>/);
    terminal.press('cjk', 'Enter');
    await terminal.shows(/CJK UNIFIED IDEOGRAPH-/);
    terminal.press('C-c');
    // Stopped mid-reply, or (when all of it had left the server) acknowledged as sent in full.
    await terminal.shows(/interrupted(:| after [\d,]+ of) .*\s*\n\?>/);
    // A query no other test here asks, so its reply is not a cached one.
    terminal.type('копьё');
    terminal.press('Enter');
    await terminal.shows(/5 characters in 'копьё'\s*\n\?>/);
    terminal.type('кот');
    terminal.press('C-c');
    await terminal.shows(/\?> кот\^C\s*\n\?>/);
    terminal.press('C-d');
    await terminal.shows(/Bye\.\s*\n(.*\n)*Connection closed by foreign host/);
  } finally {
    terminal.close();
  }
});

test('a raw client that sends plain lines, non-ASCII and an arrow key included, never receives a 0xFF byte', async () => {
  const { client, greeting } = await LineClient.ready(served.port);
  try {
    assert.match(greeting, /^charfinder /);
    assert.deepEqual((await client.ask('утка')).slice(0, 1), ['U+1F986\t🦆\tDUCK [ru: утка]']);
    assert.equal((await client.ask('я'))[0], 'U+044F\tя\tCYRILLIC SMALL LETTER YA');
    assert.equal((await client.ask('心'))[0], 'U+5FC3\t心\tCJK UNIFIED IDEOGRAPH-5FC3');
    assert.equal((await client.ask('👍🏽 🇫🇷 中文')).at(-1), "8 characters in '👍🏽 🇫🇷 中文'");
    assert.deepEqual(await client.ask('\x1b[A'), []);
    // d0 9a and d0 9c: bytes netkit would have masked, sent as they are
    assert.match((await client.ask('xК')).at(-1)!, /'xК'/);
    assert.match((await client.ask('xМ')).at(-1)!, /'xМ'/);
    assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'");
    assert.equal(client.all.indexOf(0xff), -1);
  } finally {
    client.close();
  }
});
