/**
 * The `next` cursor of a search page: where the next page starts, bound to
 * the query and the index version that produced it. A cursor costs the
 * server nothing to keep (it keeps none); it is opaque to clients only so
 * that its form may change, not to hide anything.
 */
import { createHash } from 'node:crypto';

const CURSOR_FORM = /^1\.(\d{1,9})\.([0-9a-f]{16})$/;

/** What a cursor is checked against: a query under one index version. */
export function cursorTag(indexVersion: string, query: string): string {
  return createHash('sha256').update(`${indexVersion}\0${query}`).digest('hex').slice(0, 16);
}

export function encodeCursor(position: number, tag: string): string {
  return Buffer.from(`1.${position}.${tag}`, 'latin1').toString('base64url');
}

export type DecodedCursor = { ok: true; position: number } | { ok: false; reason: string };

export function decodeCursor(cursor: string, tag: string): DecodedCursor {
  const form = CURSOR_FORM.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!form) return { ok: false, reason: 'cursor is not one this server gave out; pass the `next` value of the previous page as it is' };
  if (form[2] !== tag) return { ok: false, reason: 'cursor belongs to another query or index version; start again without a cursor' };
  return { ok: true, position: Number(form[1]) };
}
