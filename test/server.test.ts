import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadIndex, serverForThisFile } from './support/server.js';
import { answerCodePoints } from './support/nameMatches.js';
import { LineClient, splitLines } from '../scripts/line-client.js';
import type { CharIndex } from '../src/index/charIndex.js';
import { startServer } from '../src/server/server.js';
import { eastAsianWidth } from 'get-east-asian-width';

const served = serverForThisFile();

const IAC = 0xff;
const INTERRUPT_AND_TIMING_MARK = Buffer.from([IAC, 0xf4, IAC, 0xfd, 0x06]);
const WILL_TIMING_MARK = Buffer.from([IAC, 0xfb, 0x06]);
/** How the test client's UTF-8 view shows IAC WILL TIMING-MARK (0xFF is never UTF-8). */
const WILL_TIMING_MARK_TEXT = WILL_TIMING_MARK.toString('utf8');

test('on connect: one greeting line, then the prompt', async () => {
  const client = await LineClient.connect(served.port);
  const greeting = await client.untilPrompt();
  assert.match(greeting, /^charfinder \d+\.\d+\.\d+ · Unicode 18\.0 · CLDR 48 · type words or \/help, \/t for telnet\r\n$/);
  client.close();
});

test('a client that connects while the index is still loading is greeted once it is there, and its line sent meanwhile answered', async () => {
  let loaded!: (index: CharIndex) => void;
  const server = await startServer({ host: '127.0.0.1', port: 0, index: new Promise<CharIndex>((resolve) => (loaded = resolve)) });
  try {
    const client = await LineClient.connect(server.address.port);
    client.send('registered\r\n');
    loaded(loadIndex());
    // The greeting and the answer may arrive in one read: read to the answer's prompt.
    const [greeting, answer] = (await client.until((unread) => unread.endsWith("'registered'\r\n?> "))).split('?> ');
    assert.match(greeting, /^charfinder \d+\.\d+\.\d+ · Unicode 18\.0 · .* type words or \/help, \/t for telnet\r\n$/);
    assert.deepEqual(splitLines(answer), ['U+00AE\t®\tREGISTERED SIGN', "1 match for 'registered'"]);
    client.close();
  } finally {
    await server.close();
  }
});

test("'cat face' with /match names: the book's ten result lines, then the status line", async () => {
  const { client } = await LineClient.ready(served.port);
  await client.ask('/match names');
  await client.ask('/sort cp');
  assert.deepEqual(await client.ask('cat face'), [
    'U+1F431\t🐱\tCAT FACE',
    'U+1F638\t😸\tGRINNING CAT FACE WITH SMILING EYES',
    'U+1F639\t😹\tCAT FACE WITH TEARS OF JOY',
    'U+1F63A\t😺\tSMILING CAT FACE WITH OPEN MOUTH',
    'U+1F63B\t😻\tSMILING CAT FACE WITH HEART-SHAPED EYES',
    'U+1F63C\t😼\tCAT FACE WITH WRY SMILE',
    'U+1F63D\t😽\tKISSING CAT FACE WITH CLOSED EYES',
    'U+1F63E\t😾\tPOUTING CAT FACE',
    'U+1F63F\t😿\tCRYING CAT FACE',
    'U+1F640\t🙀\tWEARY CAT FACE',
    "10 matches for 'cat face'",
  ]);
  client.close();
});

test('by official names alone (/match names), status lines carry the counts of the Unicode data', async () => {
  const { client } = await LineClient.ready(served.port);
  await client.ask('/match names');
  const figures: [string, string][] = [
    ['rook', "18 matches for 'rook'"],
    ['white bishop', "5 matches for 'white bishop'"],
    ['chess black king', "4 matches for 'chess black king'"],
    ['registered', "1 match for 'registered'"],
    ['sun', "17 matches for 'sun'"],
    ['face', "198 matches for 'face'"],
    ['digit', "996 matches for 'digit'"],
    ['letter', "11,639 matches for 'letter'"],
    ['hangul syllable', "11,172 matches for 'hangul syllable'"],
    ['cjk', "103,204 matches for 'cjk'"],
    ['4e00', "2 matches for '4e00'"],
    ["jabberwocky's vest", "No match for 'jabberwocky's vest'"],
  ];
  for (const [query, status] of figures) {
    const lines = await client.ask(query);
    assert.equal(lines.at(-1), status);
    assert.equal(lines.length - 1, Number(status.match(/^[\d,]+/)?.[0].replaceAll(',', '') ?? 0), query);
  }
  client.close();
});

test('code points and pasted characters are described', async () => {
  const { client } = await LineClient.ready(served.port);
  assert.deepEqual(await client.ask('U+1F638'), ['U+1F638\t😸\tGRINNING CAT FACE WITH SMILING EYES', "1 match for 'U+1F638'"]);
  assert.deepEqual(await client.ask('😸é→'), [
    'U+1F638\t😸\tGRINNING CAT FACE WITH SMILING EYES',
    'U+00E9\té\tLATIN SMALL LETTER E WITH ACUTE',
    'U+2192\t→\tRIGHTWARDS ARROW',
    "3 characters in '😸é→'",
  ]);
  assert.deepEqual(await client.ask('U+110000'), ['error: U+110000 is beyond U+10FFFF, the last code point']);
  assert.deepEqual(await client.ask('nbsp'), ['U+00A0\t\u00a0\tNO-BREAK SPACE [NBSP]', "1 match for 'nbsp'"]);
  client.close();
});

test('an empty line gives the prompt again; LF, CRLF and CR NUL all end lines', async () => {
  const { client } = await LineClient.ready(served.port);
  client.send('\r\n');
  assert.equal(await client.untilPrompt(), '');
  client.send('registered\n');
  assert.equal(await client.untilPrompt(), "U+00AE\t®\tREGISTERED SIGN\r\n1 match for 'registered'\r\n");
  client.send('registered\r\0');
  assert.equal(await client.untilPrompt(), "U+00AE\t®\tREGISTERED SIGN\r\n1 match for 'registered'\r\n");
  client.close();
});

test('pipelined lines are answered in order', async () => {
  const { client } = await LineClient.ready(served.port);
  client.send('/match names\r\nrook\r\nregistered\r\n\r\ncat face\r\nsun\r\n');
  const text = await client.until((unread) => (unread.match(/\?> /g) ?? []).length === 6);
  const statuses = text.split('\r\n').filter((line) => / for '/.test(line));
  assert.deepEqual(statuses, ["18 matches for 'rook'", "1 match for 'registered'", "10 matches for 'cat face'", "17 matches for 'sun'"]);
  assert.ok(text.includes("1 match for 'registered'\r\n?> ?> U+1F431"), 'the empty line got its own prompt');
  client.close();
});

test('half-close (nc -N): everything received is answered, then the server closes', async () => {
  const client = await LineClient.connect(served.port);
  client.send('cat face\nchess black king\nregistered');
  client.socket.end();
  const text = await client.untilEnd();
  assert.match(text, /11 matches for 'cat face'\r\n/);
  assert.match(text, /4 matches for 'chess black king'\r\n/);
  assert.match(text, /1 match for 'registered'\r\n\?> $/);
});

test("telnet Ctrl-C during 'cjk' stops the reply, answers the timing mark, and the session goes on", async () => {
  const { client } = await LineClient.ready(served.port);
  client.send('cjk\r\n');
  await client.until((unread) => unread.includes('CJK UNIFIED IDEOGRAPH'), 5000, 4096);
  client.socket.pause(); // stop reading so the reply cannot finish before the interrupt arrives
  client.send(INTERRUPT_AND_TIMING_MARK);
  // Resume only once the server has read the interrupt (it acts on it as it reads it), however busy the machine.
  const readSoFar = Buffer.byteLength('cjk\r\n') + INTERRUPT_AND_TIMING_MARK.length;
  await eventually(() => [...served.server.sessions].some((session) => session.bytesReceived >= readSoFar), 30_000);
  client.socket.resume();
  const text = await client.untilPrompt(10_000);
  assert.ok(client.all.includes(WILL_TIMING_MARK), 'IAC WILL TIMING-MARK sent');
  const mark = text.indexOf(WILL_TIMING_MARK_TEXT);
  const afterMark = text.slice(mark + WILL_TIMING_MARK_TEXT.length);
  const match = /^interrupted after ([\d,]+) of 103,204 matches for 'cjk'\r\n$/.exec(afterMark);
  assert.ok(match, `status after the timing mark: ${JSON.stringify(afterMark)}`);
  const sent = Number(match[1].replaceAll(',', ''));
  assert.ok(sent > 0 && sent < 103_204);
  // A client that speaks telnet is in terminal mode from then on (docs/terminal.md): columns, not tabs.
  assert.deepEqual(await client.ask('registered'), ['U+00AE   ®   REGISTERED SIGN', "1 match for 'registered'"]);
  client.close();
});

test("a long reply asked again is streamed again byte for byte, and Ctrl-C stops it as it stops a fresh one", async () => {
  const { client } = await LineClient.ready(served.port);
  await client.ask('/match names'); // settings of this test's own: the reply cache's entries for 'cjk' are its own
  // Kept the second time it is asked (lru.ts admitOnRepeat), streamed again from the third.
  const replies: string[] = [];
  for (let ask = 0; ask < 4; ask++) {
    client.send('cjk\r\n');
    replies.push(await client.untilPrompt(30_000));
  }
  assert.match(replies[0], /\r\n103,204 matches for 'cjk'\r\n$/);
  for (const reply of replies.slice(1)) assert.ok(reply === replies[0], 'the same bytes every time');
  client.send('cjk\r\n');
  await client.until((unread) => unread.includes('CJK UNIFIED IDEOGRAPH'), 5000, 4096);
  client.socket.pause();
  client.send(INTERRUPT_AND_TIMING_MARK);
  const readSoFar = Buffer.byteLength('/match names\r\n' + 'cjk\r\n'.repeat(5)) + INTERRUPT_AND_TIMING_MARK.length;
  await eventually(() => [...served.server.sessions].some((session) => session.bytesReceived >= readSoFar), 30_000);
  client.socket.resume();
  const text = await client.untilPrompt(10_000);
  const afterMark = text.slice(text.indexOf(WILL_TIMING_MARK_TEXT) + WILL_TIMING_MARK_TEXT.length);
  const match = /^interrupted after ([\d,]+) of 103,204 matches for 'cjk'\r\n$/.exec(afterMark);
  assert.ok(match, `status after the timing mark: ${JSON.stringify(afterMark)}`);
  assert.ok(Number(match[1].replaceAll(',', '')) < 103_204);
  assert.deepEqual(await client.ask('registered'), ['U+00AE   ®   REGISTERED SIGN', "1 match for 'registered'"]);
  client.close();
});

test('Ctrl-C at an idle prompt ends the session', async () => {
  const { client } = await LineClient.ready(served.port);
  client.send(INTERRUPT_AND_TIMING_MARK);
  await client.untilEnd();
  const expected = Buffer.concat([WILL_TIMING_MARK, Buffer.from('Interrupted. Bye.\r\n')]);
  assert.deepEqual(client.all.subarray(-expected.length), expected);
});

test('Ctrl-D at the start of a line, or /quit, ends the session with a goodbye', async () => {
  for (const ending of ['\x04', '/quit\r\n']) {
    const { client } = await LineClient.ready(served.port);
    client.send(ending);
    assert.equal(await client.untilEnd(), 'Bye.\r\n');
  }
});

test('telnet options we do not use are refused per RFC 1123 and never taken as text', async () => {
  const { client } = await LineClient.ready(served.port);
  // DO STATUS, WILL TERMINAL-SPEED, and a subnegotiation nobody asked for.
  client.send(Buffer.concat([Buffer.from([IAC, 0xfd, 0x05, IAC, 0xfb, 0x20]), Buffer.from('regis'), Buffer.from([IAC, 0xfa, 0x18, 0x01, IAC, 0xf0]), Buffer.from('tered\r\n')]));
  const text = await client.untilPrompt();
  assert.ok(client.all.includes(Buffer.from([IAC, 0xfc, 0x05, IAC, 0xfe, 0x20])));
  assert.match(text, /1 match for 'registered'\r\n$/);
  client.close();
});

test('a line that is not UTF-8 gets one error line; the connection lives on', async () => {
  const { client } = await LineClient.ready(served.port);
  client.send(Buffer.from([0x63, 0x61, 0x74, 0xc3, 0x28, 0xfe, 0x0d, 0x0a]));
  assert.equal(await client.untilPrompt(), 'error: that line is not valid UTF-8; send UTF-8 text\r\n');
  client.send(Buffer.from([0xc0, 0xaf, 0x0a]));
  assert.equal(await client.untilPrompt(), 'error: that line is not valid UTF-8; send UTF-8 text\r\n');
  assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'");
  client.close();
});

test('a 5,000-byte line gets one error line; the connection lives on', async () => {
  const { client } = await LineClient.ready(served.port);
  client.send('a'.repeat(5000) + '\r\n');
  assert.equal(await client.untilPrompt(), 'error: line too long (5,000 bytes; the limit is 1,024)\r\n');
  assert.equal((await client.ask('registered')).at(-1), "1 match for 'registered'");
  client.close();
});

test('a client reset in the middle of a reply leaves the server serving', async () => {
  const sessionsBefore = served.server.sessions.size;
  const { client } = await LineClient.ready(served.port);
  client.send('cjk\r\n');
  await client.until((unread) => unread.length > 10_000);
  client.socket.resetAndDestroy();
  const { client: next } = await LineClient.ready(served.port);
  assert.equal((await next.ask('registered')).at(-1), "1 match for 'registered'");
  next.close();
  const deadline = Date.now() + 60_000; // an outer limit: the reset session ends as soon as the server reads the reset
  while (served.server.sessions.size > sessionsBefore && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(served.server.sessions.size, sessionsBefore, 'the reset session ended and was forgotten');
});

test('nothing a client types can make the server send a control or bidi code point', async () => {
  const { client } = await LineClient.ready(served.port);
  const hostile = ['\x1b[31mred', 'a\u202eb', '\u2028', '\x1b]0;title\x07', 'escape', 'right-to-left override', 'U+001B', 'U+202E', 'U+0085', '/\x1b[2J'];
  for (const query of hostile) {
    client.send(query + '\r\n');
    const reply = await client.untilPrompt();
    for (const line of splitLines(reply)) {
      assert.ok(!/[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u.test(line), `${JSON.stringify(query)} → ${JSON.stringify(line)}`);
    }
  }
  // An escape sequence is a key, never query text: it is cut out, and 'red' is what is searched.
  assert.match((await client.ask('\x1b[31mred')).at(-1)!, /^[\d,]+ matches for 'red'$/);
  assert.deepEqual(await client.ask('\x1b[2J'), []);
  assert.deepEqual(await client.ask('U+001B'), ['U+001B\t␛\t<control-001B>', "1 match for 'U+001B'"]);
  client.close();
});

/** Columns a line takes in a terminal: wide and fullwidth characters take two. */
const displayWidth = (line: string): number => [...line].reduce((width, char) => width + eastAsianWidth(char.codePointAt(0)!), 0);

test('/help is an overview naming its parts; each part fits 80 columns; an unknown command says so', async () => {
  const { client } = await LineClient.ready(served.port);
  const overview = await client.ask('/help');
  assert.ok(overview.length >= 3 && overview.length <= 12);
  for (const part of ['syntax', 'filters', 'commands']) assert.ok(overview.some((line) => line.includes(`/help ${part}`)), part);
  assert.match(overview.at(-1)!, /^Data: Unicode 18\.0/);
  const parts = { syntax: await client.ask('/help syntax'), filters: await client.ask('/help filters'), commands: await client.ask('/help Commands') };
  assert.ok(parts.syntax.some((line) => line.includes('U+1F638')));
  assert.ok(parts.filters.some((line) => line.includes('block:arrows')));
  assert.ok(parts.commands.some((line) => line.startsWith('/page N')));
  for (const line of [...overview, ...Object.values(parts).flat()]) assert.ok(displayWidth(line) <= 80, `${displayWidth(line)} columns: ${line}`);
  assert.deepEqual(await client.ask('/help me'), ["error: /help takes syntax, filters or commands, not 'me'"]);
  assert.deepEqual(await client.ask('/frobnicate'), ["error: unknown command '/frobnicate'; /help lists the commands"]);
  client.close();
});

test('repeated queries are answered from the reply cache with the same bytes, and settings still apply', async () => {
  const { client } = await LineClient.ready(served.port);
  const first = await client.ask('cat face');
  assert.deepEqual(await client.ask('cat face'), first);
  // A reply of many batches is never cached as its last batch: asked again, it comes whole.
  const letters = answerCodePoints(loadIndex(), 'letter').length;
  for (let round = 0; round < 2; round++) assert.equal((await client.ask('letter')).length, letters + 1);
  assert.equal(first.at(-1), "11 matches for 'cat face'");
  await client.ask('/match names');
  assert.equal((await client.ask('cat face')).at(-1), "10 matches for 'cat face'");
  await client.ask('/match all');
  await client.ask('/page 3');
  assert.equal((await client.ask('cat face')).at(-1), "showing 1–3 of 11 matches for 'cat face' — Enter for more");
  await client.ask('/page off');
  await client.ask('/lang ru');
  assert.equal((await client.ask('cat face'))[0], 'U+1F431\t🐱\tCAT FACE (морда кошки)');
  client.send('/format json\r\n');
  await client.until((unread) => unread.endsWith('\r\n'));
  client.send('cat face\r\n');
  const json = await client.until((unread) => unread.includes('"query":"cat face"'), 5000, 4096);
  assert.ok(json.startsWith('{"cp":"U+1F431"'), 'JSON mode is never served text from the cache');
  client.close();
});

/** Waits for a condition the test cannot be told about by an event, checking every few milliseconds, up to a generous limit. */
async function eventually(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
