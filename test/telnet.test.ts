import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TelnetFilter } from '../src/protocol/telnet.js';

const IAC = 0xff;

function run(...chunks: number[][]) {
  const filter = new TelnetFilter();
  const results = chunks.map((chunk) => filter.push(Buffer.from(chunk)));
  return {
    data: Buffer.concat(results.map((r) => r.data)),
    reply: Buffer.concat(results.flatMap((r) => (r.reply ? [r.reply] : []))),
    events: results.flatMap((r) => r.events),
  };
}

const bytes = (text: string) => [...Buffer.from(text)];

test('plain text passes through untouched', () => {
  const filter = new TelnetFilter();
  const chunk = Buffer.from('cat face\r\n');
  assert.equal(filter.push(chunk).data, chunk);
});

const DO_BINARY = [IAC, 0xfd, 0x00];
const DO_NAWS = [IAC, 0xfd, 0x1f];
const DO_TERMINAL_TYPE = [IAC, 0xfd, 0x18];
const SEND_TERMINAL_TYPE = [IAC, 0xfa, 0x18, 0x01, IAC, 0xf0];
/** What the first command of a client that speaks telnet gets: BINARY asked for, and the terminal's size and type. */
const OPENING = [...DO_BINARY, ...DO_NAWS, ...DO_TERMINAL_TYPE];

/** A filter as the channel makes it: a client's first command also opens the terminal negotiation. */
function channelFilter(): TelnetFilter {
  const filter = new TelnetFilter();
  filter.offerTerminalOnCommand(false);
  return filter;
}

test('options we do not use are refused: DO → WONT, WILL → DONT; WONT and DONT get no answer', () => {
  const result = run([IAC, 0xfd, 0x01, ...bytes('a'), IAC, 0xfb, 0x05, IAC, 0xfc, 0x03, IAC, 0xfe, 0x05, ...bytes('b')]);
  assert.equal(result.data.toString(), 'ab');
  assert.deepEqual([...result.reply], [...DO_BINARY, IAC, 0xfc, 0x01, IAC, 0xfe, 0x05]);
});

test("a client's first command opens the terminal negotiation: NAWS and TERMINAL-TYPE asked for, their reports kept", () => {
  const filter = channelFilter();
  const push = (chunk: number[]) => filter.push(Buffer.from(chunk));
  const first = push([IAC, 0xf4]);
  assert.deepEqual([...first.reply!], OPENING);
  assert.equal(filter.negotiating, true);
  // netkit's answers: WILL NAWS with its size (80×24), WILL TERMINAL-TYPE; we then ask for the type
  const naws = push([IAC, 0xfb, 0x1f, IAC, 0xfa, 0x1f, 0, 80, 0, 24, IAC, 0xf0, IAC, 0xfb, 0x18]);
  assert.deepEqual([...naws.reply!], SEND_TERMINAL_TYPE);
  assert.equal(naws.terminalChanged, true);
  assert.deepEqual(filter.window, { columns: 80, rows: 24 });
  assert.equal(filter.negotiating, true);
  const type = push([IAC, 0xfa, 0x18, 0x00, ...bytes('XTERM-256COLOR'), IAC, 0xf0]);
  assert.equal(type.reply, null);
  assert.equal(filter.terminalType, 'xterm-256color');
  assert.equal(filter.negotiating, false);
  // A resize: split anywhere, 255 columns doubled as IAC IAC
  assert.equal(push([IAC, 0xfa, 0x1f, 0, IAC]).terminalChanged, false);
  assert.equal(push([IAC, 0, 50, IAC, 0xf0]).terminalChanged, true);
  assert.deepEqual(filter.window, { columns: 255, rows: 50 });
  // The same size again, an absurd size, and a report nobody asked for change nothing
  assert.equal(push([IAC, 0xfa, 0x1f, 0, IAC, IAC, 0, 50, IAC, 0xf0]).terminalChanged, false);
  assert.equal(push([IAC, 0xfa, 0x1f, 0, 0, 0, 0, IAC, 0xf0]).terminalChanged, false);
  assert.deepEqual(filter.window, { columns: 255, rows: 50 });
  assert.equal(filter.characterMode, false);
});

test('a terminal that refuses NAWS and TERMINAL-TYPE is not asked again; one that offers them at connect (PuTTY) is accepted', () => {
  const refusing = channelFilter();
  refusing.push(Buffer.from([IAC, 0xf1]));
  assert.equal(refusing.push(Buffer.from([IAC, 0xfc, 0x1f, IAC, 0xfc, 0x18])).reply, null);
  assert.equal(refusing.negotiating, false);
  assert.equal(refusing.window, null);
  assert.deepEqual([...refusing.offerTerminal(false)], []);

  const offering = channelFilter();
  const first = offering.push(Buffer.from([IAC, 0xfb, 0x1f, IAC, 0xfb, 0x18, IAC, 0xfa, 0x1f, 0, 132, 0, 43, IAC, 0xf0]));
  assert.deepEqual([...first.reply!], [...OPENING, ...SEND_TERMINAL_TYPE]);
  assert.deepEqual(offering.window, { columns: 132, rows: 43 });
});

test('a plain filter (no terminal offer) and a client that never speaks telnet: no terminal bytes', () => {
  assert.deepEqual([...run([IAC, 0xf1]).reply], DO_BINARY);
  const filter = channelFilter();
  assert.equal(filter.push(Buffer.from('cjk\r\n')).reply, null);
  assert.equal(filter.speaksTelnet, false);
});

test('/t: the terminal offer is sent when asked, once; with character mode, WILL ECHO and WILL SUPPRESS-GO-AHEAD, agreed by DO', () => {
  const filter = new TelnetFilter();
  assert.deepEqual([...filter.offerTerminal(false)], OPENING);
  assert.deepEqual([...filter.offerTerminal(false)], []);
  assert.equal(filter.speaksTelnet, true);
  assert.deepEqual([...filter.offerTerminal(true)], [IAC, 0xfb, 0x01, IAC, 0xfb, 0x03]);
  const agreed = filter.push(Buffer.from([IAC, 0xfd, 0x01, IAC, 0xfd, 0x03]));
  assert.equal(agreed.reply, null);
  assert.equal(agreed.terminalChanged, true);
  assert.equal(filter.characterMode, true);
  assert.deepEqual([...filter.endCharacterMode()], [IAC, 0xfc, 0x01, IAC, 0xfc, 0x03]);
  assert.equal(filter.characterMode, false);
});

test("telnet's Ctrl-C (IAC IP, IAC DO TIMING-MARK) is an interrupt and a timing mark, never text", () => {
  const result = run([0xff, 0xf4, 0xff, 0xfd, 0x06]);
  assert.equal(result.data.length, 0);
  assert.deepEqual(result.events, ['interrupt', 'timing-mark']);
  assert.deepEqual([...result.reply], DO_BINARY);
});

test('sequences split across packets, 0xFF alone at the end of a packet', () => {
  const result = run([...bytes('ro'), IAC], [0xfd], [0x18, ...bytes('ok')], [IAC], [0xf4]);
  assert.equal(result.data.toString(), 'rook');
  assert.deepEqual([...result.reply], [...DO_BINARY, IAC, 0xfc, 0x18]);
  assert.deepEqual(result.events, ['interrupt']);
});

test('a client that sends no telnet command never hears one: plain lines, non-ASCII included, get no reply at all', () => {
  const filter = new TelnetFilter();
  for (const text of ['cat face\r\n', 'утка\n', '心\n', '👍🏽 🇫🇷 中文\n', 'я']) {
    const result = filter.push(Buffer.from(text));
    assert.equal(result.data.toString(), text);
    assert.equal(result.reply, null);
    assert.deepEqual(result.events, []);
  }
  assert.equal(filter.receivesBinary, false);
});

// The exact bytes netkit telnet 0.17 sent on a port other than 23, logged in hex
// by a server that answered only DO TIMING-MARK (see the module's opening comment).
const WILL_TM = [IAC, 0xfb, 0x06];
const netkit = {
  /** `я` Enter: d1 8f, 0x8F masked to Ctrl-O → Abort Output; Enter came in the next packet. */
  ya: [[0xd1, IAC, 0xf5, IAC, 0xfd, 0x06], [0x0d, 0x0a]],
  /** `心` Enter: e5 bf 83, 0x83 masked to Ctrl-C → Interrupt Process. */
  heart: [[0xe5, 0xbf, IAC, 0xf4, IAC, 0xfd, 0x06], [0x0d, 0x0a]],
  /** `xК` (d0 9a, Ctrl-Z → SUSP) and `xМ` (d0 9c, Ctrl-\ → BRK), each then Enter. */
  suspAndBreak: [[0x78, 0xd0, IAC, 0xed, IAC, 0xfd, 0x06], [0x0d, 0x0a], [0x78, 0xd0, IAC, 0xf3, IAC, 0xfd, 0x06], [0x0d, 0x0a]],
  /** Ctrl-C at an empty prompt, before and after BINARY: the same bytes. */
  ctrlC: [[IAC, 0xf4, IAC, 0xfd, 0x06]],
  /** After our DO BINARY: its WILL BINARY (here behind the first Enter), then `心` Enter as typed, Enter a bare LF. */
  binary: [[0x0d, 0x0a, IAC, 0xfb, 0x00], [0xe5, 0xbf, 0x83, 0x0a]],
};

test("netkit's masked bytes inside a UTF-8 sequence are taken back; the timing mark after each is answered at once, no interrupt", () => {
  const ya = run(...netkit.ya);
  assert.equal(ya.data.toString(), 'я\r\n');
  assert.deepEqual(ya.events, []);
  assert.deepEqual([...ya.reply], [...DO_BINARY, ...WILL_TM]);

  assert.equal(run(...netkit.heart).data.toString(), '心\r\n');
  const both = run(...netkit.suspAndBreak);
  assert.equal(both.data.toString(), 'xК\r\nxМ\r\n');
  assert.deepEqual(both.events, []);
  assert.deepEqual([...both.reply], [...DO_BINARY, ...WILL_TM, ...WILL_TM]);
});

test('a masked byte is recovered even when its command and timing mark are split across packets', () => {
  const result = run([0xd1], [IAC], [0xf5, IAC], [0xfd], [0x06, 0x0d, 0x0a]);
  assert.equal(result.data.toString(), 'я\r\n');
  assert.deepEqual(result.events, []);
});

test('pasted 👍🏽 🇫🇷 中文 as netkit sends it before BINARY (8d, 8f, 87…): whole again', () => {
  // Computed from netkit's rule: 0x83 → IP, 0x8F → AO, 0x9A → SUSP, 0x9C → BRK, each + DO TM.
  const commandFor: Record<number, number> = { 0x83: 0xf4, 0x8f: 0xf5, 0x9a: 0xed, 0x9c: 0xf3 };
  const text = '👍🏽 🇫🇷 中文 утка\r\n';
  const sent = [...Buffer.from(text)].flatMap((byte) => (byte in commandFor ? [IAC, commandFor[byte], IAC, 0xfd, 0x06] : [byte]));
  assert.ok(sent.includes(0xf5), 'the 🏽 modifier (f0 9f 8f bd) goes out as AO');
  const result = run(sent);
  assert.equal(result.data.toString(), text);
  assert.deepEqual(result.events, []);
});

test('a real Ctrl-C stays an interrupt: alone, after a whole character, after BINARY', () => {
  assert.deepEqual(run(...netkit.ctrlC).events, ['interrupt', 'timing-mark']);
  const afterText = run([0xd1, 0x8f, IAC, 0xf4, IAC, 0xfd, 0x06]);
  assert.deepEqual([...afterText.data], [0xd1, 0x8f]);
  assert.deepEqual(afterText.events, ['interrupt', 'timing-mark']);
  // Once BINARY is on, nothing is masked: IP inside a sequence is an interrupt (and the sequence is left invalid).
  const filter = new TelnetFilter();
  filter.push(Buffer.from(netkit.binary[0]));
  assert.equal(filter.receivesBinary, true);
  assert.deepEqual(filter.push(Buffer.from(netkit.binary[1])).data.toString(), '心\n');
  assert.deepEqual(filter.push(Buffer.from([0xd1, IAC, 0xf4, IAC, 0xfd, 0x06])).events, ['interrupt', 'timing-mark']);
});

test('BINARY: asked once at the first command, its WILL is the answer (no echo); later changes are acknowledged once', () => {
  const filter = new TelnetFilter();
  const replies = (chunk: number[]) => [...(filter.push(Buffer.from(chunk)).reply ?? [])];
  assert.deepEqual(replies([IAC, 0xf1]), DO_BINARY); // a NOP is telnet spoken
  assert.deepEqual(replies([IAC, 0xfb, 0x00]), []); // WILL BINARY answers our DO
  assert.deepEqual(replies([IAC, 0xfb, 0x00]), []); // already in that mode
  assert.deepEqual(replies([IAC, 0xfc, 0x00]), [IAC, 0xfe, 0x00]); // it stops: acknowledged
  assert.deepEqual(replies([IAC, 0xfc, 0x00]), []);
  assert.deepEqual(replies([IAC, 0xfb, 0x00]), DO_BINARY); // it offers again: accepted
  assert.equal(filter.receivesBinary, true);
  assert.deepEqual(replies([IAC, 0xf4]), []); // never asked twice
});

test('BINARY refused by the client is not asked again; DO BINARY is accepted once, DONT acknowledged once', () => {
  const filter = new TelnetFilter();
  const replies = (chunk: number[]) => [...(filter.push(Buffer.from(chunk)).reply ?? [])];
  assert.deepEqual(replies([IAC, 0xfd, 0x00]), [...DO_BINARY, IAC, 0xfb, 0x00]);
  assert.deepEqual(replies([IAC, 0xfc, 0x00]), []); // its answer to our DO: no
  assert.deepEqual(replies([IAC, 0xfd, 0x00]), []);
  assert.equal(filter.sendsBinary, true);
  assert.equal(filter.receivesBinary, false);
  assert.deepEqual(replies([IAC, 0xfe, 0x00]), [IAC, 0xfc, 0x00]);
  assert.deepEqual(replies([IAC, 0xfe, 0x00]), []);
  assert.deepEqual(replies([IAC, 0xf4]), []);
});

test('subnegotiation is skipped whole, even when it never ends', () => {
  const result = run([...bytes('a'), IAC, 0xfa, 0x18, 0x00, ...bytes('xterm'), IAC, 0xf0, ...bytes('b')]);
  assert.equal(result.data.toString(), 'ab');
  const endless = new TelnetFilter();
  endless.push(Buffer.from([IAC, 0xfa, 0x18]));
  for (let k = 0; k < 100; k++) assert.equal(endless.push(Buffer.alloc(65536, 0x41)).data.length, 0);
});

test('IAC IAC is a literal 0xFF byte; AYT is reported', () => {
  const result = run([0x41, IAC, IAC, 0x42, IAC, 0xf6]);
  assert.deepEqual([...result.data], [0x41, 0xff, 0x42]);
  assert.deepEqual(result.events, ['are-you-there']);
});
