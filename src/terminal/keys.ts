/**
 * The keys a telnet client in character mode sends, from its bytes (telnet
 * commands already removed): text, Enter, and the control and escape
 * sequences of a VT100/xterm keyboard. Bytes may split anywhere, inside a
 * UTF-8 sequence or an escape sequence, so the decoder keeps what it has not
 * finished between pushes. It knows keys, not lines: lineEditor.ts decides
 * what a key does.
 *
 * Enter is CR, CR LF, CR NUL (RFC 854's two ways of sending a bare CR) or LF:
 * one key each, even when the CR ends one push and its LF starts the next.
 * An escape sequence the editor has no use for (a CSI `ESC [ params final`,
 * an SS3 `ESC O x`, Alt plus a key `ESC x`) is swallowed whole.
 */
import { StringDecoder } from 'node:string_decoder';

export type KeyName =
  | 'enter' | 'backspace' | 'delete' | 'tab'
  | 'left' | 'right' | 'up' | 'down' | 'home' | 'end'
  | 'delete-to-start' | 'delete-to-end' | 'delete-word' | 'clear-screen'
  | 'interrupt' | 'end-of-input';

export type Key = { kind: 'text'; text: string } | { kind: 'key'; name: KeyName };

const ESC = '\x1b';
/** A CSI's parameters are a few digits and semicolons; a longer run is swallowed without being kept. */
const MAX_CSI_PARAMS = 16;

const CONTROL_KEYS: ReadonlyMap<string, KeyName> = new Map([
  ['\x01', 'home'], // Ctrl-A
  ['\x02', 'left'], // Ctrl-B
  ['\x03', 'interrupt'], // Ctrl-C
  ['\x04', 'end-of-input'], // Ctrl-D
  ['\x05', 'end'], // Ctrl-E
  ['\x06', 'right'], // Ctrl-F
  ['\x08', 'backspace'], // Ctrl-H
  ['\x09', 'tab'],
  ['\x0b', 'delete-to-end'], // Ctrl-K
  ['\x0c', 'clear-screen'], // Ctrl-L
  ['\x0e', 'down'], // Ctrl-N
  ['\x10', 'up'], // Ctrl-P
  ['\x15', 'delete-to-start'], // Ctrl-U
  ['\x17', 'delete-word'], // Ctrl-W
  ['\x7f', 'backspace'],
]);

/** The final byte of `ESC [ final` or `ESC O final`. */
const CURSOR_KEYS: ReadonlyMap<string, KeyName> = new Map([
  ['A', 'up'], ['B', 'down'], ['C', 'right'], ['D', 'left'], ['H', 'home'], ['F', 'end'],
]);

/** `ESC [ n ~`: the keys of the editing pad (VT220 and xterm; 7 and 8 are rxvt's Home and End). */
const TILDE_KEYS: ReadonlyMap<string, KeyName> = new Map([
  ['1', 'home'], ['7', 'home'], ['4', 'end'], ['8', 'end'], ['3', 'delete'],
]);

type State = 'text' | 'escape' | 'csi' | 'ss3';

export class KeyDecoder {
  /** Invalid UTF-8 becomes U+FFFD; an unfinished sequence waits for the next push. */
  private readonly utf8 = new StringDecoder('utf8');
  private state: State = 'text';
  private params = '';
  /** The last key was a CR: an LF or NUL right after it is part of the same Enter. */
  private afterCR = false;

  push(bytes: Buffer): Key[] {
    const keys: Key[] = [];
    let text = '';
    const flush = () => {
      if (text !== '') keys.push({ kind: 'text', text });
      text = '';
    };
    const key = (name: KeyName) => {
      flush();
      keys.push({ kind: 'key', name });
    };
    for (const char of this.utf8.write(bytes)) {
      const afterCR = this.afterCR;
      this.afterCR = false;
      // A control byte ends an unfinished sequence and counts as typed: Esc then Enter is still Enter.
      if (this.state !== 'text' && isControl(char) && char !== '\x7f') this.state = 'text';
      switch (this.state) {
        case 'escape':
          this.state = char === '[' ? 'csi' : char === 'O' ? 'ss3' : 'text';
          this.params = '';
          continue;
        case 'ss3': {
          this.state = 'text';
          const name = CURSOR_KEYS.get(char);
          if (name) key(name);
          continue;
        }
        case 'csi': {
          const code = char.charCodeAt(0);
          if (code >= 0x20 && code <= 0x3f) {
            if (this.params.length < MAX_CSI_PARAMS) this.params += char;
            continue;
          }
          this.state = 'text';
          if (code >= 0x40 && code <= 0x7e) {
            const name = char === '~' ? TILDE_KEYS.get(this.params.split(';')[0]) : CURSOR_KEYS.get(char);
            if (name) key(name);
            continue;
          }
          // Not a CSI after all (a letter beyond ASCII): the sequence ends and the character counts as typed.
          break;
        }
        case 'text':
          break;
      }
      if (char === ESC) {
        flush();
        this.state = 'escape';
      } else if (char === '\r') {
        key('enter');
        this.afterCR = true;
      } else if (char === '\n' || char === '\0') {
        if (!afterCR && char === '\n') key('enter');
      } else if (CONTROL_KEYS.has(char)) {
        key(CONTROL_KEYS.get(char)!);
      } else if (!isControl(char)) {
        text += char;
      }
    }
    flush();
    return keys;
  }
}

/** C0 and C1 controls (DEL among them) are never text; format characters such as ZWJ are. */
function isControl(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}
