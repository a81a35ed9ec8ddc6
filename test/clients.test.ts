/** Real clients against the real server: netcat-openbsd and telnet (driven through tmux). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { serverForThisFile } from './support/server.js';

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
  assert.match(lines[0], /^charfinder .* Unicode 16\.0/);
  assert.equal(lines[1], '?> U+1F431\t🐱\tCAT FACE');
  assert.ok(lines.includes('U+1F42F\t🐯\tTIGER FACE [en: cat]'), 'keywords find more than names');
  assert.ok(lines.includes("11 matches for 'cat face'"));
  assert.ok(lines.includes('?> U+265A\t♚\tBLACK CHESS KING'));
  assert.equal(lines.at(-2), "4 matches for 'chess black king'");
  assert.equal(lines.at(-1), '?> ');
});

test('nc -N with a huge reply receives all of it', async () => {
  const { stdout } = await run('nc', ['-N', '127.0.0.1', String(served.port)], 'cjk\n');
  const lines = stdout.split('\r\n');
  assert.equal(lines.filter((line) => /^(\?> )?U\+/.test(line)).length, 98_887);
  assert.equal(lines.at(-2), "98,887 matches for 'cjk'");
});

// telnet needs a terminal: tmux gives it one, and lets the test type keys and read the screen.
const session = `charfinder-test-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

async function screenShows(pattern: RegExp, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-t', session, '-S', '-50');
    if (pattern.test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`screen never showed ${pattern}:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('a real telnet session: query, Ctrl-C during cjk, another query, Ctrl-C at the prompt', async () => {
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `telnet 127.0.0.1 ${served.port}; sleep 30`);
  try {
    await screenShows(/\/help for help\s*\n\?>/);
    tmux('send-keys', '-t', session, 'cat face', 'Enter');
    await screenShows(/11 matches for 'cat face'\s*\n\?>/);
    tmux('send-keys', '-t', session, 'cjk', 'Enter');
    await screenShows(/CJK UNIFIED IDEOGRAPH-/);
    tmux('send-keys', '-t', session, 'C-c');
    // Stopped mid-reply, or (when all of it had left the server) acknowledged as sent in full.
    await screenShows(/interrupted(:| after [\d,]+ of) .*\s*\n\?>/);
    tmux('send-keys', '-t', session, 'registered', 'Enter');
    await screenShows(/U\+00AE\s+®\s+REGISTERED SIGN\s*\n1 match for 'registered'\s*\n\?>/);
    tmux('send-keys', '-t', session, 'C-c');
    await screenShows(/Interrupted\. Bye\.\s*\n(.*\n)*Connection closed by foreign host/);
  } finally {
    tmux('kill-session', '-t', session);
  }
});
