/**
 * The process's file descriptors, as one budget the TCP and HTTP listeners
 * both draw on (they live in one process, so they share one limit).
 *
 * Past the limit, accept() fails with EMFILE and libuv accepts and closes
 * the connection at once: a silent drop (97 of 1,100 TCP clients, measured
 * before this budget). So connections are admitted only while a reserve is
 * left, and part of that reserve pays for telling the ones beyond it that
 * the server is full. A refused socket may wait a moment for its client to
 * close (a close with unread bytes would be a reset, and the client might
 * lose the line); only a few wait at once, the others are written to and
 * closed at once, so a flood of refusals cannot eat the reserve.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';

/** Kept back from connections: the listeners, the log, libuv's own, the files read now and then. */
export const SPARE_DESCRIPTORS = 32;
/** Refused sockets that may wait for their client to close; beyond these a refusal is written and closed at once. */
export const MAX_LINGERING_REFUSALS = 16;
/** How long a refused socket waits for its client to close. */
export const REFUSAL_LINGER_MS = 2000;
/** The usual soft limit, assumed when /proc cannot tell. */
const ASSUMED_LIMIT = 1024;
/** What a freshly started Node process holds (stdio, epoll, libuv's pipes and threads), assumed when /proc cannot tell. */
const ASSUMED_IN_USE = 24;

export interface DescriptorCount {
  /** The soft RLIMIT_NOFILE (Node raises it to the hard limit at start). */
  limit: number;
  /** False when /proc/self could not be read and the figures are assumptions. */
  measured: boolean;
  /** Descriptors open now. */
  inUse: number;
}

/** Reads the limit and the descriptors in use from /proc/self (Linux); elsewhere, cautious guesses. */
export function countDescriptors(): DescriptorCount {
  try {
    const limits = readFileSync('/proc/self/limits', 'latin1');
    const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
    // readdirSync's own descriptor is among those it lists.
    const inUse = readdirSync('/proc/self/fd').length - 1;
    const limit = soft === undefined ? ASSUMED_LIMIT : soft === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(soft);
    return { limit, measured: soft !== undefined, inUse };
  } catch {
    return { limit: ASSUMED_LIMIT, measured: false, inUse: ASSUMED_IN_USE };
  }
}

export class DescriptorBudget {
  /** Connections that fit, across both listeners. */
  readonly capacity: number;
  private connections = 0;
  private lingering = 0;

  constructor(readonly count: DescriptorCount) {
    this.capacity = Math.max(0, count.limit - count.inUse - SPARE_DESCRIPTORS - MAX_LINGERING_REFUSALS);
  }

  /** The budget of this process as it is now. */
  static measure(): DescriptorBudget {
    return new DescriptorBudget(countDescriptors());
  }

  /** Connections held now. */
  get held(): number {
    return this.connections;
  }

  get full(): boolean {
    return this.connections >= this.capacity;
  }

  /** Takes a descriptor for an admitted connection, given back when the socket closes; false when none is left. */
  admit(socket: Socket): boolean {
    if (this.full) return false;
    this.connections++;
    socket.once('close', () => this.connections--);
    return true;
  }

  /**
   * Writes a refusal and closes the socket: after the client has closed (or
   * a short while) when one of the lingering places is free, else at once.
   */
  refuse(socket: Socket, text: string): void {
    socket.on('error', () => {});
    if (this.lingering >= MAX_LINGERING_REFUSALS) {
      // The words reach the kernel in this write; the descriptor is back before the next accept.
      socket.end(text);
      socket.destroy();
      return;
    }
    this.lingering++;
    const linger = setTimeout(() => socket.destroy(), REFUSAL_LINGER_MS);
    socket.once('close', () => {
      this.lingering--;
      clearTimeout(linger);
    });
    // What the client sent is read and dropped: unread bytes would turn the close into a reset.
    socket.resume();
    socket.end(text);
  }

  /** One line for the start-up log. */
  describe(): string {
    const { limit, inUse, measured } = this.count;
    const limitText = limit === Number.MAX_SAFE_INTEGER ? 'unlimited' : String(limit);
    const source = measured ? '' : ' (assumed: /proc/self is not readable)';
    return `descriptors: limit ${limitText}, ${inUse} in use at start${source}; room for ${this.capacity} connections (TCP and HTTP together), ${SPARE_DESCRIPTORS + MAX_LINGERING_REFUSALS} kept in reserve`;
  }
}
