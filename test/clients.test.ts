/** Real clients against the real server: netcat-openbsd and telnet (driven through tmux). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { forThisFile, serverForThisFile, startTestServer } from './support/server.js';
import { Terminal } from './support/terminal.js';

const served = serverForThisFile();

function run(command: string, args: string[], input: string, timeoutMs = 10_000): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${command} did not finish in ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, code });
    });
    child.stdin.end(input);
  });
}

test("printf 'cat face\\nchess black king\\n' | nc -N answers both, then the server closes", async () => {
  const { stdout, code } = await run('nc', ['-N', '127.0.0.1', String(served.port)], 'cat face\nchess black king\n');
  assert.equal(code, 0);
  const lines = stdout.split('\r\n');
  assert.match(lines[0], /^charfinder .* Unicode 18\.0/);
  assert.equal(lines[1], '?> U+1F431\t🐱\tCAT FACE');
  assert.ok(lines.includes('U+1F42F\t🐯\tTIGER FACE [en: cat]'), 'keywords find more than names');
  assert.ok(lines.includes("11 matches for 'cat face'"));
  assert.ok(lines.includes('?> U+265A\t♚\tBLACK CHESS KING'));
  assert.equal(lines.at(-2), "4 matches for 'chess black king'");
  assert.equal(lines.at(-1), '?> ');
});

// Its own server, whose greeting waits up to 10 s for the first line: nc's first line is then first on any machine, however busy.
const patient = forThisFile(() => startTestServer({ limits: { greetingGraceMs: 10_000 } }));

test("printf '/format json\\ncat face\\n' | nc -N | jq . : JSON from the first byte, no text greeting", async () => {
  const port = patient().address.port;
  const { stdout, code } = await run('sh', ['-c', `printf '/format json\\ncat face\\n' | nc -N 127.0.0.1 ${port} | jq -c .`], '');
  assert.equal(code, 0, 'jq parsed every line');
  const objects = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(objects[0], { format: 'json' });
  assert.equal(objects[1].cp, 'U+1F431');
  assert.equal(objects.at(-1)!.query, 'cat face');
});

test('a first line other than /format json gets the greeting first, as before', async () => {
  const port = patient().address.port;
  const { stdout } = await run('nc', ['-N', '127.0.0.1', String(port)], '/format text\n/format json\nnull\n');
  const lines = stdout.split('\r\n');
  assert.match(lines[0], /^charfinder .* Unicode 18\.0/);
  assert.equal(lines[1], '?> format text');
  assert.deepEqual(JSON.parse(lines[2].slice('?> '.length)), { format: 'json' });
});

test('nc -N with a huge reply receives all of it', async () => {
  const { stdout } = await run('nc', ['-N', '127.0.0.1', String(served.port)], 'cjk\n');
  const lines = stdout.split('\r\n');
  assert.equal(lines.filter((line) => /^(\?> )?U\+/.test(line)).length, 103_204);
  assert.equal(lines.at(-2), "103,204 matches for 'cjk'");
});

// telnet needs a terminal: tmux gives it one, and lets the test type keys and read the screen.
test('a real telnet session: query, Ctrl-C during cjk, another query, Ctrl-C at the prompt, Ctrl-D', async () => {
  const terminal = Terminal.start(`telnet 127.0.0.1 ${served.port}`);
  try {
    await terminal.shows(/\/t for telnet\s*\n\?>/);
    terminal.press('cat face', 'Enter');
    await terminal.shows(/11 matches for 'cat face'\s*\n\?>/);
    terminal.press('cjk', 'Enter');
    await terminal.shows(/CJK UNIFIED IDEOGRAPH-/);
    terminal.press('C-c');
    // Stopped mid-reply, or (when all of it had left the server) acknowledged as sent in full.
    await terminal.shows(/interrupted(:| after [\d,]+ of) .*\s*\n\?>/);
    terminal.press('registered', 'Enter');
    await terminal.shows(/U\+00AE\s+®\s+REGISTERED SIGN\s*\n1 match for 'registered'\s*\n\?>/);
    // Telnet spoken (the first Ctrl-C), the session is in character mode: Ctrl-C clears the line, Ctrl-D ends.
    terminal.press('C-c');
    await terminal.shows(/\?> \^C\s*\n\?>/);
    terminal.press('C-d');
    await terminal.shows(/Bye\.\s*\n(.*\n)*Connection closed by foreign host/);
  } finally {
    terminal.close();
  }
});
