/**
 * Streams one reply (a page of an answer, then its status line) to a
 * channel: batches of about 64 KB, each waiting for 'drain' when the socket
 * is full, and a slice of the event loop at most before yielding to the other
 * connections; Ctrl-C stops it between batches, and the status that says so
 * follows the timing mark the client waits for.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CharIndex } from '../index/charIndex.js';
import type { ReplyFormat } from '../protocol/formats.js';
import type { Answer } from '../search/answer.js';
import type { Channel } from './channel.js';

/** Bytes gathered into one write while streaming a reply. */
export const BATCH_BYTES = 64 * 1024;

/** How long a streaming reply may run before it yields to the other connections. */
const STREAM_SLICE_MS = 0.25;

const EMPTY_BYTES = Buffer.alloc(0);

export interface StreamedReply {
  /** The position reached: `end`, or less when interrupted or closed. */
  sent: number;
  interrupted: boolean;
  /** The whole reply, when it went out in one write (its first batch was also its last). */
  whole: Buffer | null;
}

/**
 * Sends positions `from` … `end`-1 of an answer, then the status line and
 * prompt that `status` makes for the position reached.
 */
export async function streamReply(
  channel: Channel,
  index: CharIndex,
  format: ReplyFormat,
  answer: Answer,
  from: number,
  end: number,
  status: (sent: number, interrupted: boolean) => string,
): Promise<StreamedReply> {
  channel.beginReply();
  let sent = from;
  let bytes = 0;
  let whole: Buffer | null = null;
  let statusSent = false;
  try {
    let sliceStarted = performance.now();
    let firstBatch = true;
    while (!statusSent && !channel.interruptRequested && !channel.closed) {
      let batch = sent < end ? format.batch(index, answer.lines, sent, end, BATCH_BYTES) : { bytes: EMPTY_BYTES, next: sent };
      // A corrected answer says so before its first match.
      const opening = sent === 0 ? format.opening(answer) : '';
      if (opening !== '') batch = { bytes: Buffer.concat([Buffer.from(opening, 'utf8'), batch.bytes]), next: batch.next };
      sent = batch.next;
      bytes += batch.bytes.length;
      if (sent === end) {
        // The rest fits in this batch: the status and prompt ride in the same write.
        statusSent = true;
        const reply = Buffer.concat([batch.bytes, Buffer.from(status(sent, false))]);
        if (firstBatch) whole = reply;
        await channel.send(reply);
      } else {
        if (!channel.write(batch.bytes)) await channel.drained();
        // A reader that keeps up gets batch after batch, but only for its slice of
        // the event loop: then everyone else is served before the next batch.
        if (performance.now() - sliceStarted >= STREAM_SLICE_MS) {
          await nextTurn();
          sliceStarted = performance.now();
        }
        firstBatch = false;
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
    await channel.send(status(sent, true));
  }
  return { sent, interrupted, whole: interrupted ? null : whole };
}
