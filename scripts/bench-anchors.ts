// The servers the bench runs beside charfinder, on the same load in the same
// run (issue 13): the book's tcp_mojifinder.py (../shared/anchors, see its
// README) and a bare Node line server with a constant reply, the ceiling.
// An anchor that cannot run here is left out with a line saying why.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Anchor } from './bench-scenarios.js';
import { PORT_PLACEHOLDER } from './server-process.js';

const BOOK_SERVER = join('fp2e-mojifinder', 'tcp_mojifinder.py');
const CEILING_SCRIPT = join('dist', 'scripts', 'ceiling-server.js');

export interface AnchorChoice {
  anchors: Anchor[];
  /** One line per anchor: what runs, or why it does not. */
  notes: string[];
}

/**
 * `anchorsDir` given: the book's server must be there. Otherwise the first
 * of ../shared/anchors and shared/anchors (from the repository root) that
 * holds it: a worktree beside the shared directory, or a checkout with a copy.
 */
export function chooseAnchors(repoRoot: string, anchorsDir: string | undefined): AnchorChoice {
  const anchors: Anchor[] = [];
  const notes: string[] = [];

  const candidates = anchorsDir !== undefined ? [resolve(anchorsDir)] : [resolve(repoRoot, '..', 'shared', 'anchors'), resolve(repoRoot, 'shared', 'anchors')];
  const script = candidates.map((dir) => join(dir, BOOK_SERVER)).find((path) => existsSync(path));
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (python.error || python.status !== 0) {
    notes.push('# anchor python: skipped — python3 is not on PATH (the book’s server needs only Python 3)');
  } else if (script === undefined) {
    notes.push(`# anchor python: skipped — no ${BOOK_SERVER} in ${candidates.join(' or ')} (give the directory with --anchors-dir)`);
  } else {
    const command = `python3 ${JSON.stringify(script)} 127.0.0.1 ${PORT_PLACEHOLDER}`;
    anchors.push({ name: 'python', command, cwd: repoRoot });
    notes.push(`# anchor python: ${command.replace(PORT_PLACEHOLDER, '{port}')} (${(python.stdout || python.stderr).trim()}; the book’s tcp_mojifinder.py, unchanged)`);
  }

  if (existsSync(join(repoRoot, CEILING_SCRIPT))) {
    const command = `node ${CEILING_SCRIPT} 127.0.0.1 ${PORT_PLACEHOLDER}`;
    anchors.push({ name: 'ceiling', command, cwd: repoRoot });
    notes.push(`# anchor ceiling: ${command} (bare Node, every line answered with the same ~440-byte reply: the most one Node thread answers here)`);
  } else {
    notes.push(`# anchor ceiling: skipped — ${CEILING_SCRIPT} is missing (npm run build)`);
  }
  return { anchors, notes };
}
