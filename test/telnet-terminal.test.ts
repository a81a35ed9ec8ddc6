/**
 * Terminal mode with real netkit telnet in tmux at 80×24: replies paged to
 * the screen, columns aligned by display width, colour from the terminal
 * type, the window size followed, lines edited on the server (history, Tab);
 * a telnet client that stays in line mode; and beside them a raw client,
 * which gets what it always got. Every wait is on the screen or the socket,
 * with a generous outer limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { serverForThisFile } from './support/server.js';
import { Terminal } from './support/terminal.js';
import { LineClient } from '../scripts/line-client.js';

const served = serverForThisFile();

/** netkit telnet at 80×24, reporting xterm-256color (a type with colour), turned to terminal mode by `/t`: it agrees to character mode. */
async function terminalAt80x24(): Promise<Terminal> {
  const terminal = Terminal.start(`TERM=xterm-256color telnet 127.0.0.1 ${served.port}`, { columns: 80, rows: 24 });
  await terminal.shows(/\/t for telnet\s*\n\?>/);
  terminal.press('/t', 'Enter');
  await terminal.shows(/terminal 80×24 · xterm-256color · colour on · keys edited here\s*\n\?>/);
  return terminal;
}

/** The display column where each result line's name starts: after the code, the character and their gaps. */
function nameColumns(screen: string): number[] {
  return screen
    .split('\n')
    .filter((line) => /^U\+[0-9A-F]{4,5} /.test(line))
    .map((line) => stringWidth(line.slice(0, line.search(/(SQUARED |PARENTHESIZED |CIRCLED )?CJK |IDEOGRAPHIC /))));
}

test('telnet at 80×24: cjk one screen at a time, aligned and coloured; Enter the next screen; q and Ctrl-C stop; the session goes on', async () => {
  const terminal = await terminalAt80x24();
  try {
    terminal.press('cjk', 'Enter');
    const first = await terminal.shows(/-- 1–22 of 103,204 · Enter: more · q or Ctrl-C: stop --/);
    // One screen: the query line, 22 matches, the pager line.
    const columns = nameColumns(first);
    assert.equal(columns.length, 22, first);
    assert.equal(new Set(columns).size, 1, `every name starts in the same column (${columns}):\n${first}`);
    const painted = terminal.screenWithEscapes();
    assert.match(painted, /\x1b\[7m-- 1–22 of/, 'the pager line in reverse video');
    assert.match(painted, /\x1b\[2mU\+[0-9A-F]{4,5}/, 'codes dim');

    terminal.press('Enter');
    const second = await terminal.shows(/-- 23–44 of 103,204 · Enter: more/);
    assert.doesNotMatch(second, /-- 1–22 of/, 'the first pager line was erased');
    assert.equal(new Set(nameColumns(second)).size, 1);
    // In character mode a key is enough: no Enter after q.
    terminal.press('q');
    await terminal.shows(/stopped after 44 of 103,204 matches for 'cjk'\s*\n\?>/);

    terminal.press('cjk', 'Enter');
    await terminal.shows(/-- 1–22 of 103,204/);
    terminal.press('C-c');
    await terminal.shows(/stopped after 22 of 103,204 matches for 'cjk'\s*\n\?>/);
    // A new query typed at the pager line stops the paging and is answered.
    terminal.press('cjk', 'Enter');
    await terminal.shows(/-- 1–22 of 103,204/);
    terminal.press('white chess knight', 'Enter');
    const screen = await terminal.shows(/U\+2658 +♘ +WHITE CHESS KNIGHT[^]*match(es)? for 'white chess knight'\s*\n\?>/);
    assert.doesNotMatch(screen, /Bye|Connection closed/);
  } finally {
    terminal.close();
  }
});

test('telnet in character mode: editing keys, Up recalls the last query, Tab completes and lists, Ctrl-C clears the line, Ctrl-D ends', async () => {
  const terminal = await terminalAt80x24();
  try {
    // A typo mended in the middle of the line: Left, Backspace, the right letter, End.
    terminal.type('cat fase');
    terminal.press('Left', 'BSpace');
    terminal.type('c');
    terminal.press('End', 'Enter');
    await terminal.shows(/\?> cat face\s*\n[^]*11 matches for 'cat face'\s*\n\?>/);
    // Up: the last query again, sent as it is.
    terminal.press('Up');
    await terminal.shows(/11 matches for 'cat face'\s*\n\?> cat face$/m);
    terminal.press('Enter');
    await terminal.shows(/11 matches for 'cat face'\s*\n\?> cat face\s*\n[^]*11 matches for 'cat face'\s*\n\?>\s*$/);
    // Tab: one choice completes; several are listed under the line, which is drawn again.
    terminal.type('snowm');
    terminal.press('Tab');
    await terminal.shows(/\?> snowman\s*$/m);
    terminal.press('C-u');
    // thumb, thumbs, thumbsup…: Tab adds what they share, a second Tab lists them.
    terminal.type('thum');
    terminal.press('Tab');
    await terminal.shows(/\?> thumb\s*$/m);
    terminal.press('Tab');
    await terminal.shows(/\?> thumb\s*\n[^\n]*thumbs[^\n]*\n\?> thumb\s*$/m);
    terminal.type('s up sign');
    terminal.press('Enter');
    await terminal.shows(/U\+1F44D +👍 +THUMBS UP SIGN[^]*match(es)? for 'thumbs up sign'\s*\n\?>/);
    terminal.type('abc');
    terminal.press('C-c');
    await terminal.shows(/\?> abc\^C\s*\n\?>\s*$/);
    terminal.press('C-d');
    await terminal.shows(/Bye\.\s*\n(.*\n)*Connection closed by foreign host/);
  } finally {
    terminal.close();
  }
});

test('telnet: a long name is cut to the window, and a resize is followed by the next page', async () => {
  const terminal = await terminalAt80x24();
  try {
    terminal.press('kirghiz yeh hamza alef maksura isolated', 'Enter');
    const screen = await terminal.shows(/match(es)? for 'kirghiz yeh hamza alef maksura isolated'\s*\n\?>/);
    const cut = screen.split('\n').find((line) => line.includes('ARABIC LIGATURE UIGHUR KIRGHIZ'))!;
    assert.match(cut, /…$/);
    assert.ok(stringWidth(cut) < 80, `${stringWidth(cut)} columns: ${cut}`);
    terminal.resize(100, 30);
    terminal.press('cjk', 'Enter');
    await terminal.shows(/-- 1–28 of 103,204/);
  } finally {
    terminal.close();
  }
});

test('a telnet client that refuses character mode keeps line mode: the pager takes an empty line, and q', async () => {
  const { client } = await LineClient.ready(served.port);
  try {
    // A NOP is telnet spoken; then: no to ECHO and SUPPRESS-GO-AHEAD, yes to NAWS (100×12), no terminal type.
    client.send(Buffer.from([0xff, 0xf1]));
    const willEcho = Buffer.from([0xff, 0xfb, 0x01]);
    await client.until(() => client.all.includes(willEcho));
    client.send(Buffer.from([0xff, 0xfe, 0x01, 0xff, 0xfe, 0x03, 0xff, 0xfb, 0x1f, 0xff, 0xfa, 0x1f, 0, 100, 0, 12, 0xff, 0xf0, 0xff, 0xfc, 0x18]));
    assert.deepEqual(await client.ask('/terminal'), ['terminal 100×12 · type unknown · colour off · line mode']);
    client.send('cjk\r\n');
    const page = await client.until((unread) => unread.endsWith(' · Enter: more · q or Ctrl-C: stop --'));
    assert.match(page, /-- 1–10 of 103,204 · /);
    assert.equal(page.split('\r\n').filter((line) => line.startsWith('U+')).length, 10);
    client.send('\r\n');
    assert.match(await client.until((unread) => unread.endsWith('stop --')), /^\x1b\[1A\r\x1b\[2KU\+[^]*-- 11–20 of 103,204/);
    assert.deepEqual(await client.ask('q'), ['\x1b[1A\r\x1b[2Kstopped after 20 of 103,204 matches for \'cjk\'']);
  } finally {
    client.close();
  }
});

test('the same server gives a client that speaks no telnet every byte as before: no telnet byte, no escape, no pager', async () => {
  const { client } = await LineClient.ready(served.port);
  try {
    const lines = await client.ask('cjk');
    assert.equal(lines.length, 103_205);
    assert.equal(lines[0], 'U+1F21A\t🈚\tSQUARED CJK UNIFIED IDEOGRAPH-7121');
    assert.equal(lines.at(-1), "103,204 matches for 'cjk'");
    assert.equal(client.all.indexOf(0xff), -1);
    assert.equal(client.all.indexOf(0x1b), -1);
    assert.deepEqual(await client.ask('/terminal'), ['terminal mode off: /t turns it on (at telnet)']);
  } finally {
    client.close();
  }
});
