/**
 * A real terminal for clients that need one (telnet): a detached tmux session
 * on its own tmux server, in a UTF-8 locale so that typed and shown non-ASCII
 * text passes through. Tests type keys and wait for the screen to show things;
 * every wait has a generous outer limit and no assertion depends on timing.
 */
import { execFileSync } from 'node:child_process';

let lastTerminal = 0;

export class Terminal {
  /** A tmux server of our own: other tmux users (and their locale) never meet ours. */
  private readonly socketName = `charfinder-test-${process.pid}-${++lastTerminal}`;

  private constructor() {}

  /** Starts `command` in a new terminal, 120×40 unless told; it stays open 60 s after the command exits, so its last screen can be read. */
  static start(command: string, { columns = 120, rows = 40 } = {}): Terminal {
    const terminal = new Terminal();
    terminal.tmux('-u', 'new-session', '-d', '-s', 'main', '-x', String(columns), '-y', String(rows), `${command}; sleep 60`);
    return terminal;
  }

  /** Resizes the terminal, as a person dragging its window would. */
  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows));
  }

  /** The screen with its colours and attributes as escape sequences (capture-pane -e). */
  screenWithEscapes(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', 'main');
  }

  /** Types text as it is (tmux send-keys -l): no key names, UTF-8 passes through. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Presses named keys: 'Enter', 'Up', 'Left', 'C-c'. */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  /** The screen and up to `history` lines scrolled off it. */
  screen(history = 200): string {
    return this.tmux('capture-pane', '-p', '-t', 'main', '-S', String(-history));
  }

  /** Waits until the screen (with its recent history) matches; returns it. */
  async shows(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`screen never showed ${pattern}:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socketName, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
  }
}
