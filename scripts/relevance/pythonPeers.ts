/**
 * Peers written in Python, each run once over all the queries by a small
 * driver beside this file (JSON in on stdin, rankings out on stdout): the
 * book's charindex.py, and Debian's `unicode` tool when it is installed
 * (`apt-get install unicode`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Peer, PeerRun } from './peer.js';
import type { CodePoints } from './queries.js';
import { answerKey } from './score.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DRIVERS = join(ROOT, 'scripts', 'relevance');
export const CHARINDEX_DIR = process.env.CHARINDEX_DIR ?? '/work/shared/anchors/fp2e-mojifinder';
export const UNICODE_TOOL = process.env.UNICODE_TOOL ?? '/usr/bin/unicode';
const PYTHON = process.env.PYTHON ?? 'python3';

interface DriverReply {
  rankings: number[][][];
  known: boolean[];
  unicode: string;
}

function runDriver(driver: string, argument: string, queries: readonly string[], items: readonly CodePoints[]): DriverReply | { unavailable: string } {
  const run = spawnSync(PYTHON, [join(DRIVERS, driver), argument], { input: JSON.stringify({ queries, items }), maxBuffer: 1 << 30, encoding: 'utf8' });
  if (run.error) return { unavailable: `${PYTHON}: ${run.error.message}` };
  if (run.status !== 0) return { unavailable: `${driver} exited ${run.status}: ${run.stderr.trim().split('\n').at(-1)}` };
  return JSON.parse(run.stdout) as DriverReply;
}

function peerRun(reply: DriverReply, items: readonly CodePoints[]): PeerRun {
  const known = new Set(items.filter((_, at) => reply.known[at]).map(answerKey));
  return { rankings: reply.rankings, knows: (answer) => known.has(answerKey(answer)) };
}

export function charindexPeer(): Peer {
  return {
    name: 'charindex.py (Fluent Python)',
    rule: `${CHARINDEX_DIR}/charindex.py: every query word a word of the name; a set, printed in code point order`,
    async run(queries, items) {
      if (!existsSync(join(CHARINDEX_DIR, 'charindex.py'))) return { unavailable: `no charindex.py in ${CHARINDEX_DIR} (set CHARINDEX_DIR)` };
      const reply = runDriver('charindex_driver.py', CHARINDEX_DIR, queries, items);
      if ('unavailable' in reply) return reply;
      this.rule += ` (Python's unicodedata ${reply.unicode})`;
      return peerRun(reply, items);
    },
  };
}

export function unicodeToolPeer(): Peer {
  return {
    name: 'Debian unicode',
    rule: `${UNICODE_TOOL} WORDS: a word of 4+ letters starts a regular expression over UnicodeData.txt lines (words joined by .*), shorter words are described letter by letter; code point order`,
    async run(queries, items) {
      if (!existsSync(UNICODE_TOOL)) return { unavailable: `no ${UNICODE_TOOL} (apt-get install unicode, or set UNICODE_TOOL)` };
      const reply = runDriver('unicode_tool_driver.py', UNICODE_TOOL, queries, items);
      if ('unavailable' in reply) return reply;
      this.rule += ` (${reply.unicode})`;
      return peerRun(reply, items);
    },
  };
}
