/**
 * The `next` cursor of a search page: where the next page starts, bound to
 * the query and the index version that produced it, and signed (HMAC-SHA256)
 * with a secret made when the server starts. The server keeps no cursors;
 * the signature is what lets it trust a position it gets back, so a made-up
 * or altered cursor is told apart from a stale one. With `--workers N` the
 * primary makes the secret and hands it to the workers, so any worker takes
 * any worker's cursor; a restarted server has a new secret, and says so.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Where a server hands its cursor secret to the processes it starts (and where replicas may be given one to share). */
export const CURSOR_SECRET_ENV = 'CHARFINDER_CURSOR_SECRET';

// 2.<run>.<position>.<tag>.<signature>; form 1 had no signature.
const CURSOR_FORM = /^2\.([0-9a-f]{8})\.(\d{1,9})\.([0-9a-f]{16})\.([0-9a-f]{32})$/;
const EARLIER_FORM = /^1\.\d{1,9}\.[0-9a-f]{16}$/;

const AS_GIVEN = 'pass the `next` value of the previous page as it is';

/** What a cursor is checked against: a query under one index version. */
export function cursorTag(indexVersion: string, query: string): string {
  return createHash('sha256').update(`${indexVersion}\0${query}`).digest('hex').slice(0, 16);
}

/** A new secret, as the environment carries it (hex). */
export function newCursorSecret(): string {
  return randomBytes(32).toString('hex');
}

export type DecodedCursor = { ok: true; position: number } | { ok: false; reason: string };

export class CursorSigner {
  private readonly key: Buffer;
  /** Names this run of the server (all its workers) in every cursor it gives out, so a stale one can be recognised. */
  readonly run: string;

  constructor(secret: string = newCursorSecret()) {
    this.key = Buffer.from(secret, 'utf8');
    this.run = createHash('sha256').update('charfinder cursor run\0').update(this.key).digest('hex').slice(0, 8);
  }

  encode(position: number, tag: string): string {
    const body = `2.${this.run}.${position}.${tag}`;
    return Buffer.from(`${body}.${this.sign(body)}`, 'latin1').toString('base64url');
  }

  decode(cursor: string, tag: string): DecodedCursor {
    const text = Buffer.from(cursor, 'base64url').toString('latin1');
    const form = CURSOR_FORM.exec(text);
    if (!form) {
      if (EARLIER_FORM.test(text)) return { ok: false, reason: 'cursor is from an earlier run of this server (it has restarted since); start again without a cursor' };
      return { ok: false, reason: `cursor is not valid for this server: it is not a cursor this server gives out; ${AS_GIVEN}` };
    }
    const [, run, position, cursorTag, signature] = form;
    if (run !== this.run) {
      return { ok: false, reason: 'cursor is from an earlier run of this server (it has restarted since) or from another server; start again without a cursor' };
    }
    const expected = Buffer.from(this.sign(`2.${run}.${position}.${cursorTag}`), 'latin1');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'latin1'))) {
      return { ok: false, reason: `cursor is not valid for this server: its signature does not match (it was altered or made up); ${AS_GIVEN}` };
    }
    if (cursorTag !== tag) return { ok: false, reason: 'cursor belongs to another query or index version; start again without a cursor' };
    return { ok: true, position: Number(position) };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('hex').slice(0, 32);
  }
}
