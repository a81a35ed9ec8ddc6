/**
 * Streams one reply (a page of an answer, then its status line) to a
 * channel: batches of about 64 KB, each waiting for 'drain' when the socket
 * is full, and a slice of the event loop at most before yielding to the other
 * connections; Ctrl-C stops it between batches, and the status that says so
 * follows the timing mark the client waits for.
 *
 * A whole text reply can be recorded as it goes out (its batches, and the
 * position each one reaches) and played again for the same query under the
 * same rules. Filling is what a huge reply costs: `cjk`'s 103,204 lines come
 * ranked by prior in 18,803 runs of consecutive characters, and gathering
 * those into 65 batches took 6–9 ms of a 10–14 ms reply (the writes most of
 * the rest); played again, nothing is searched, ranked or copied.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CharIndex } from '../index/charIndex.js';
import type { ReplyFormat } from '../protocol/formats.js';
import type { Answer } from '../search/answer.js';
import type { Batch } from '../search/matchLines.js';
import type { Channel } from './channel.js';

/** Bytes gathered into one write while streaming a reply. */
export const BATCH_BYTES = 64 * 1024;

/** How long a streaming reply may run before it yields to the other connections. */
const STREAM_SLICE_MS = 0.25;

const EMPTY_BYTES = Buffer.alloc(0);

/**
 * The bytes that replies being recorded may hold at once, all connections
 * together. A recording keeps every batch it has sent until its reply ends,
 * so a client that reads slowly, or never, would have the server hold its
 * whole reply (100 clients asking `cjk` and reading nothing held 4.3 MB
 * each: 513 MB): a recording is dropped when its reader makes it wait for
 * 'drain', or when it would take more than is left, and its reply goes on
 * unrecorded.
 */
export class RecordingBudget {
  private held = 0;

  constructor(readonly maxBytes: number) {}

  take(bytes: number): boolean {
    if (this.held + bytes > this.maxBytes) return false;
    this.held += bytes;
    return true;
  }

  give(bytes: number): void {
    this.held -= bytes;
  }

  /** Bytes held now (for tests). */
  get bytes(): number {
    return this.held;
  }
}

/** A whole, uninterrupted reply as it went out: sent again batch by batch, as a reply streamed afresh is. */
export interface RecordedReply {
  /** The writes in order; the last holds the status line and prompt. */
  batches: Buffer[];
  /** The position reached after each batch. */
  reached: number[];
  /** The sum of the batches' lengths. */
  bytes: number;
  /** Matches in the reply. */
  total: number;
}

interface Streamed {
  /** The position reached: `end`, or less when interrupted or closed. */
  sent: number;
  interrupted: boolean;
}

export interface StreamedReply extends Streamed {
  /** The reply's batches, when asked to record and it went out whole (one batch: a reply in one write). */
  recording: RecordedReply | null;
}

/**
 * The next write of a reply from position `sent`, and whether it is the last
 * (then it holds the status and prompt); `counted`, its bytes as the channel
 * counts a reply's (a streamed reply's without its status line).
 */
type NextWrite = (sent: number) => { bytes: Buffer; next: number; last: boolean; counted: number };

/** A value now, or a promise of it when the socket made a reply wait. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Sends positions `from` … `end`-1 of an answer, then the status line and
 * prompt that `status` makes for the position reached; with a recording
 * budget, keeps the batches of a reply that goes out whole within it. A reply
 * of one write that the socket takes at once is sent now: no promise.
 */
export function streamReply(
  channel: Channel,
  index: CharIndex,
  format: ReplyFormat,
  answer: Answer,
  from: number,
  end: number,
  status: (sent: number, interrupted: boolean) => string,
  budget: RecordingBudget | null = null,
): MaybePromise<StreamedReply> {
  let recording: RecordedReply | null = budget ? { batches: [], reached: [], bytes: 0, total: end - from } : null;
  const drop = () => {
    if (recording) budget!.give(recording.bytes);
    recording = null;
  };
  const nextWrite: NextWrite = (sent) => {
    let batch: Batch = sent < end ? format.batch(index, answer.lines, sent, end, BATCH_BYTES) : { bytes: EMPTY_BYTES, next: sent };
    // A corrected answer says so before its first match.
    const opening = sent === 0 ? format.opening(answer) : '';
    if (opening !== '') batch = { bytes: Buffer.concat([Buffer.from(opening, 'utf8'), batch.bytes]), next: batch.next };
    // The rest fits in this batch: the status and prompt ride in the same write.
    const last = batch.next === end;
    const bytes = last ? Buffer.concat([batch.bytes, Buffer.from(status(batch.next, false))]) : batch.bytes;
    if (recording && !budget!.take(bytes.length)) drop();
    if (recording) {
      recording.batches.push(bytes);
      recording.reached.push(batch.next);
      recording.bytes += bytes.length;
    }
    return { bytes, next: batch.next, last, counted: batch.bytes.length };
  };
  const finish = (streamed: Streamed): StreamedReply => {
    const whole = streamed.sent === end && !streamed.interrupted ? recording : null;
    // Kept or not, it no longer counts here: the cache weighs what it keeps.
    drop();
    return { sent: streamed.sent, interrupted: streamed.interrupted, recording: whole };
  };
  const streamed = streamWrites(channel, from, nextWrite, (sent) => status(sent, true), drop);
  return streamed instanceof Promise ? streamed.then(finish) : finish(streamed);
}

/** Sends a recorded reply again; `interruptedStatus` makes the status line and prompt if Ctrl-C stops it. */
export function replayReply(channel: Channel, recording: RecordedReply, interruptedStatus: (sent: number) => string): MaybePromise<Streamed> {
  const { batches, reached } = recording;
  let batch = 0;
  const nextWrite: NextWrite = () => {
    const bytes = batches[batch];
    const next = reached[batch];
    batch++;
    return { bytes, next, last: batch === batches.length, counted: bytes.length };
  };
  return streamWrites(channel, 0, nextWrite, interruptedStatus);
}

/**
 * The streaming loop itself: writes until the last, under backpressure and
 * the slice, stopping for Ctrl-C or a close. Its first write is made here and
 * now; when it is the last and the socket takes it at once (most replies:
 * a few lines, the status and prompt), the reply is over with no promise
 * made. The async functions a reply went through, each awaiting the next,
 * allocated about 4 KB a reply under the bench's diverse mix, more than its
 * search's ranking did (now 1.6 KB, what a connection's loop itself awaits).
 */
function streamWrites(channel: Channel, from: number, nextWrite: NextWrite, interruptedStatus: (sent: number) => string, onWait: () => void = () => {}): MaybePromise<Streamed> {
  channel.beginReply();
  if (channel.closed) return streamOn(channel, from, null, nextWrite, interruptedStatus, onWait);
  let first: Written;
  try {
    const write = nextWrite(from);
    first = { write, taken: channel.write(write.bytes) };
  } catch (error) {
    channel.endReply(0);
    throw error;
  }
  if (first.write.last && first.taken) {
    // Nothing ran between the reply's start and its end: no Ctrl-C can have come, the channel is as it was.
    channel.endReply(first.write.counted);
    return { sent: first.write.next, interrupted: false };
  }
  return streamOn(channel, from, first, nextWrite, interruptedStatus, onWait);
}

/** A write made, and whether the socket took it without going over its high-water mark. */
interface Written {
  write: ReturnType<NextWrite>;
  taken: boolean;
}

/** The rest of a reply begun by streamWrites, after its first write (null: none was made, the channel being closed). */
async function streamOn(channel: Channel, from: number, first: Written | null, nextWrite: NextWrite, interruptedStatus: (sent: number) => string, onWait: () => void): Promise<Streamed> {
  let sent = from;
  let bytes = 0;
  let statusSent = false;
  let made = first;
  try {
    let sliceStarted = performance.now();
    while (made !== null || (!statusSent && !channel.interruptRequested && !channel.closed)) {
      const { write, taken } = made ?? written(channel, nextWrite(sent));
      made = null;
      sent = write.next;
      bytes += write.counted;
      if (write.last) {
        statusSent = true;
        if (!taken) await channel.drained();
      } else {
        if (!taken) {
          onWait();
          await channel.drained();
        }
        // A reader that keeps up gets batch after batch, but only for its slice of
        // the event loop: then everyone else is served before the next batch.
        if (performance.now() - sliceStarted >= STREAM_SLICE_MS) {
          await nextTurn();
          sliceStarted = performance.now();
        }
      }
    }
  } finally {
    channel.endReply(bytes);
  }
  const interrupted = !channel.closed && channel.interruptRequested;
  if (interrupted) {
    // Ctrl-C arrived while the reply was going out (perhaps after its last byte left us):
    // the client discards output until the timing mark, so the status must come after it.
    channel.acknowledgeInterrupt();
    await channel.send(interruptedStatus(sent));
  }
  return { sent, interrupted };
}

function written(channel: Channel, write: ReturnType<NextWrite>): Written {
  return { write, taken: channel.write(write.bytes) };
}
