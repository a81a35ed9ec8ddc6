/**
 * How `charfinder find` and `identify` write an answer: the server's text
 * lines (coloured on a terminal), the JSON format's lines (`--json`: exactly
 * what `/format json` sends for the query, its status object last), or a
 * `--format` template per match. Matches go to standard output; in text and
 * template output the status sentence goes to standard error, so a pipe
 * reads matches only. Line ends are \n, not the wire's CRLF.
 */
import { Chalk, supportsColor, type ChalkInstance } from 'chalk';
import type { CharIndex } from '../index/charIndex.js';
import { CRLF } from '../index/display.js';
import { JSON_FORMAT, TEXT_FORMAT, type Refusal } from '../protocol/formats.js';
import { correctionSentence, statusSentence } from '../search/sentences.js';
import type { Answer } from '../search/answer.js';
import { nextBatch } from '../search/matchLines.js';
import { renderTemplate, type Template } from './template.js';

export type OutputStyle = { kind: 'text'; paint: ChalkInstance } | { kind: 'json' } | { kind: 'template'; template: Template };

/** Output gathered up to about this many characters before it is written. */
const WRITE_CHUNK = 1 << 20;
/** Bytes of text lines asked of the answer at a time. */
const BATCH_BYTES = 1 << 16;

/**
 * Chalk's reading of standard output (a terminal, FORCE_COLOR), and NO_COLOR,
 * which chalk leaves to its callers, honoured unless FORCE_COLOR says otherwise (as Node does).
 */
export function terminalPaint(): ChalkInstance {
  const noColor = Boolean(process.env.NO_COLOR) && !('FORCE_COLOR' in process.env);
  return new Chalk({ level: noColor || !supportsColor ? 0 : supportsColor.level });
}

class Writer {
  private pending = '';

  write(text: string): void {
    this.pending += text;
    if (this.pending.length > WRITE_CHUNK) this.flush();
  }

  flush(): void {
    if (this.pending !== '') process.stdout.write(this.pending);
    this.pending = '';
  }
}

const unix = (line: string) => (line.endsWith(CRLF) ? line.slice(0, -CRLF.length) + '\n' : line);

/** Writes one answer in `style`; `ms` is the time it took (the JSON status's). */
export function writeAnswer(index: CharIndex, answer: Answer, style: OutputStyle, ms: number): void {
  const out = new Writer();
  const { lines } = answer;
  if (answer.status.kind === 'refused') {
    writeRefusal(style, { error: 'query too costly', ...answer.status.cost });
    return;
  }
  if (style.kind === 'json') {
    for (let at = 0; at < lines.total; ) {
      const batch = JSON_FORMAT.batch(index, lines, at, lines.total, BATCH_BYTES);
      out.write(batch.bytes.toString('utf8').replaceAll(CRLF, '\n'));
      at = batch.next;
    }
    out.write(unix(JSON_FORMAT.status(answer, { from: 0, sent: lines.total, more: false, interrupted: false, limit: null, ms })));
    out.flush();
    return;
  }
  // The correction goes where the status goes (stderr), before the matches it introduces.
  if (answer.status.kind === 'corrected') process.stderr.write(`${correctionSentence(answer.status)}\n`);
  if (style.kind === 'template') {
    for (let at = 0; at < lines.total; at++) out.write(renderTemplate(style.template, index, lines.match(at)) + '\n');
  } else {
    for (let at = 0; at < lines.total; ) {
      const batch = nextBatch(lines, at, lines.total, BATCH_BYTES);
      const text = batch.bytes.toString('utf8').replaceAll(CRLF, '\n');
      out.write(style.paint.level === 0 ? text : colourLines(text, style.paint));
      at = batch.next;
    }
  }
  out.flush();
  process.stderr.write(`${statusSentence(answer.status)}\n`);
}

/** A query the server would refuse, refused as it would: an error line on stderr, or the JSON format's error object. */
export function writeRefusal(style: OutputStyle, refusal: Refusal): void {
  if (style.kind === 'json') process.stdout.write(unix(JSON_FORMAT.refusal(refusal)));
  else process.stderr.write(unix(TEXT_FORMAT.refusal(refusal)));
}

function colourLines(text: string, paint: ChalkInstance): string {
  return text.replace(/^(U\+[0-9A-F]+(?: U\+[0-9A-F]+)*)\t([^\t\n]*)\t(.*)$/gm, (_, code, char, name) => `${paint.dim(code)}\t${paint.bold(char)}\t${name}`);
}
