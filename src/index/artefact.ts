/**
 * The on-disk format of the index: one file, read in one go, whose big tables
 * become typed-array views over the file's own buffer (no parsing, no copying).
 *
 *   "CHFIDX03"  u32 header length  header JSON  (padding to 4)  sections…
 *
 * The header is small JSON (version, string tables, where each section lives);
 * each section is a 4-byte-aligned run of bytes the loader views as it needs.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const MAGIC = 'CHFIDX03';

export interface SectionPlace {
  offset: number;
  length: number;
}

export interface ArtefactFile<H> {
  header: H;
  section(name: string): Buffer;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

export function writeArtefact<H extends object>(
  path: string,
  header: H,
  sections: Record<string, ArrayBufferView>,
): number {
  const places: Record<string, SectionPlace> = {};
  // Offsets depend on the header's length, which depends on the offsets:
  // lay out relative to the end of the header, then shift once.
  let relative = 0;
  for (const [name, bytes] of Object.entries(sections)) {
    places[name] = { offset: relative, length: bytes.byteLength };
    relative = align4(relative + bytes.byteLength);
  }
  let headerBytes = Buffer.alloc(0);
  let base = 0;
  for (;;) {
    const shifted = Object.fromEntries(
      Object.entries(places).map(([name, p]) => [name, { offset: p.offset + base, length: p.length }]),
    );
    headerBytes = Buffer.from(JSON.stringify({ ...header, sections: shifted }), 'utf8');
    const needed = align4(MAGIC.length + 4 + headerBytes.length);
    if (needed === base) break;
    base = needed;
  }
  const file = Buffer.alloc(base + relative);
  file.write(MAGIC, 0, 'latin1');
  file.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(file, MAGIC.length + 4);
  for (const [name, bytes] of Object.entries(sections)) {
    file.set(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), base + places[name].offset);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file);
  return file.length;
}

export function readArtefact<H>(path: string): ArtefactFile<H> {
  const file = readFileSync(path);
  if (file.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw new Error(`${path} is not a charfinder index of this version: run 'charfinder build-index'`);
  }
  const headerLength = file.readUInt32LE(MAGIC.length);
  const parsed = JSON.parse(file.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength));
  const places: Record<string, SectionPlace> = parsed.sections;
  return {
    header: parsed as H,
    section(name: string): Buffer {
      const place = places[name];
      if (!place) throw new Error(`index section '${name}' missing: rebuild with 'charfinder build-index'`);
      return file.subarray(place.offset, place.offset + place.length);
    },
  };
}

/** A typed view over a section; the file buffer is freshly allocated, so its offset is 4-aligned. */
export function uint32View(bytes: Buffer): Uint32Array {
  if (bytes.byteOffset % 4 !== 0) return new Uint32Array(Uint8Array.prototype.slice.call(bytes).buffer);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

export function uint16View(bytes: Buffer): Uint16Array {
  if (bytes.byteOffset % 2 !== 0) return new Uint16Array(Uint8Array.prototype.slice.call(bytes).buffer);
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
}
