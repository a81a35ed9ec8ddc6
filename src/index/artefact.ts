/**
 * The on-disk format of the index: one file whose big tables become typed-array
 * views over the bytes read (no parsing, no copying).
 *
 *   "CHFIDX03"  u32 header length  header JSON  (padding to 4)  sections…
 *
 * The header is small JSON (version, string tables, where each section lives);
 * each section is a 4-byte-aligned run of bytes, read into a buffer of its own
 * when the loader asks for it — so tables that are seldom needed (CLDR short
 * names) cost no memory until then. The file stays open for those late reads;
 * a rebuild writes a new file and renames it over the old, so an open index
 * never sees a half-written or different file.
 *
 * `readArtefactAhead` reads the sections a loader will ask for at once in
 * Node's thread pool, all at the same time, while the main thread does
 * something else: the server reads about 30 MB at start, 25 ms of copying and
 * page faults that need not stand in the way of its other start-up work.
 *
 * Big tables of which a query reads a few places (result lines, posting
 * lists) can be paged instead (`pagedSection`): their bytes are read from the
 * file 64 KB at a time, when a query first asks for them. Copying a section
 * into fresh memory costs about 0.6 ms of CPU a MB (page faults, on this
 * 2-core machine) at every start, and the first queries read a few pages of
 * each; a page is read once, so all of a 17 MB table costs at most some 270
 * reads over a server's life, and what no query asks for is never read.
 */
import { close, closeSync, mkdirSync, openSync, read, readSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MAGIC = 'CHFIDX03';

export interface SectionPlace {
  offset: number;
  length: number;
}

export interface ArtefactFile<H> {
  header: H;
  /** Whether the file has a section of that name. */
  has(name: string): boolean;
  section(name: string): Buffer;
  /** A section read on demand (see above); read whole at once when the artefact was not opened ahead. */
  pagedSection(name: string): PagedSection;
  /** Bytes `start` … `start + length` of a section, read from the file now: for tables read a record at a time. */
  sectionRange(name: string, start: number, length: number): Buffer;
  /** The sections asked for so far by section(), in order (for the test of what a loader reads). */
  sectionsTaken(): string[];
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
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, file);
  renameSync(temporary, path);
  return file.length;
}

/** Reads `length` bytes at `position` into a buffer of their own (so typed views over it are aligned), or into `bytes`. */
function readBytes(fd: number, position: number, length: number, bytes: Buffer = Buffer.allocUnsafeSlow(length)): Buffer {
  for (let done = 0; done < length; ) {
    const read = readSync(fd, bytes, done, length - done, position + done);
    if (read === 0) throw new Error('index file ends early: rebuild it with \'charfinder build-index\'');
    done += read;
  }
  return bytes;
}

/** A paged section is read in pages of this many bytes. */
const PAGE_BYTES = 64 * 1024;

/**
 * A section whose bytes are read when first asked for (`fill`), a page at a
 * time. `bytes` is the whole section's buffer from the start (memory the
 * system gives a page of when first written); a page of it holds the file's
 * bytes once read.
 */
export class PagedSection {
  private readonly read: Uint8Array;
  private missing: number;

  /** `bytes` given: the section, already read whole. */
  constructor(
    private readonly fd: number,
    private readonly place: SectionPlace,
    readonly bytes: Buffer = Buffer.allocUnsafeSlow(place.length),
    whole = false,
  ) {
    const pages = Math.ceil(place.length / PAGE_BYTES);
    this.read = new Uint8Array(whole ? 0 : pages);
    this.missing = whole ? 0 : pages;
  }

  /** Whether every byte has been read. */
  get whole(): boolean {
    return this.missing === 0;
  }

  /** Makes bytes `start` … `end` of the section hold the file's (reading, now, the pages of them not read yet). */
  fill(start: number, end: number): void {
    if (this.missing === 0 || start >= end) return;
    for (let page = Math.floor(start / PAGE_BYTES); page * PAGE_BYTES < end; page++) {
      if (this.read[page]) continue;
      const from = page * PAGE_BYTES;
      const length = Math.min(PAGE_BYTES, this.place.length - from);
      readBytes(this.fd, this.place.offset + from, length, this.bytes.subarray(from, from + length));
      this.read[page] = 1;
      this.missing--;
    }
  }

}

/** The same as readBytes, in the thread pool, into `bytes` (a new buffer if not given). */
function readBytesAhead(fd: number, position: number, length: number, bytes: Buffer = Buffer.allocUnsafeSlow(length)): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const readFrom = (done: number) => {
      if (done === length) return resolve(bytes);
      read(fd, bytes, done, length - done, position + done, (error, count) => {
        if (error) return reject(error);
        if (count === 0) return reject(new Error('index file ends early: rebuild it with \'charfinder build-index\''));
        readFrom(done + count);
      });
    };
    readFrom(0);
  });
}

function headerLength(path: string, start: Buffer): number {
  if (start.toString('latin1', 0, MAGIC.length) !== MAGIC) {
    throw new Error(`${path} is not a charfinder index of this version: run 'charfinder build-index'`);
  }
  return start.readUInt32LE(MAGIC.length);
}

export function readArtefact<H>(path: string): ArtefactFile<H> {
  const fd = openSync(path, 'r');
  try {
    const length = headerLength(path, readBytes(fd, 0, MAGIC.length + 4));
    return artefactFile<H>(fd, JSON.parse(readBytes(fd, MAGIC.length + 4, length).toString('utf8')), new Map());
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * The artefact, with the sections named already read (concurrently, off the
 * main thread): a loader's first `section()` of one of them takes its bytes
 * without waiting; any other section is read then, as readArtefact does.
 * Those of `paged` are read a page at a time as asked for (PagedSection). The
 * header is read at once, on this thread, so that the sections' reads are
 * under way before the caller goes on with its own work.
 */
export function readArtefactAhead<H>(path: string, sections: readonly string[], paged: readonly string[] = []): Promise<ArtefactFile<H>> {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const length = headerLength(path, readBytes(fd, 0, MAGIC.length + 4));
    const parsed = JSON.parse(readBytes(fd, MAGIC.length + 4, length).toString('utf8')) as { sections: Record<string, SectionPlace> };
    return readSectionsAhead<H>(fd, parsed, sections, paged);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    return Promise.reject(error);
  }
}

async function readSectionsAhead<H>(
  fd: number,
  parsed: { sections: Record<string, SectionPlace> },
  sections: readonly string[],
  paged: readonly string[],
): Promise<ArtefactFile<H>> {
  try {
    const known = sections.filter((name) => parsed.sections[name]);
    // One block for them all, each section at a 4-byte boundary of it: one allocation of external
    // memory, where 45 made V8 collect garbage several times over (about 15 ms of the server's start).
    const starts: number[] = [];
    let size = 0;
    for (const name of known) {
      starts.push(size);
      size = align4(size + parsed.sections[name].length);
    }
    const block = Buffer.allocUnsafeSlow(size);
    const bytes = await Promise.all(
      known.map((name, k) => readBytesAhead(fd, parsed.sections[name].offset, parsed.sections[name].length, block.subarray(starts[k], starts[k] + parsed.sections[name].length))),
    );
    const pages = new Map(paged.filter((name) => parsed.sections[name]).map((name) => [name, new PagedSection(fd, parsed.sections[name])]));
    return artefactFile<H>(fd, parsed, new Map(known.map((name, k) => [name, bytes[k]])), pages);
  } catch (error) {
    close(fd, () => {});
    throw error;
  }
}

/** `read` holds sections read already, `pages` those being paged in; each is handed out once. */
function artefactFile<H>(
  fd: number,
  parsed: { sections: Record<string, SectionPlace> },
  read: Map<string, Buffer>,
  pages = new Map<string, PagedSection>(),
): ArtefactFile<H> {
  const places = parsed.sections;
  const taken: string[] = [];
  const take = (name: string): SectionPlace => {
    const place = places[name];
    if (!place) throw new Error(`index section '${name}' missing: rebuild with 'charfinder build-index'`);
    taken.push(name);
    return place;
  };
  return {
    header: parsed as H,
    has: (name: string) => places[name] !== undefined,
    section(name: string): Buffer {
      const place = take(name);
      const ahead = read.get(name);
      if (ahead) {
        read.delete(name);
        return ahead;
      }
      return readBytes(fd, place.offset, place.length);
    },
    pagedSection(name: string): PagedSection {
      const place = take(name);
      const paged = pages.get(name);
      if (paged) {
        pages.delete(name);
        return paged;
      }
      return new PagedSection(fd, place, readBytes(fd, place.offset, place.length), true);
    },
    sectionRange(name: string, start: number, length: number): Buffer {
      const place = places[name];
      if (!place) throw new Error(`index section '${name}' missing: rebuild with 'charfinder build-index'`);
      if (start < 0 || start + length > place.length) throw new Error(`bytes ${start}+${length} are beyond index section '${name}'`);
      return readBytes(fd, place.offset + start, length);
    },
    sectionsTaken: () => [...taken],
  };
}

/** A typed view over a section; each section has a buffer of its own or starts at a 4-byte boundary of a block, so its offset is aligned. */
export function uint32View(bytes: Buffer): Uint32Array {
  if (bytes.byteOffset % 4 !== 0) return new Uint32Array(Uint8Array.prototype.slice.call(bytes).buffer);
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

export function uint16View(bytes: Buffer): Uint16Array {
  if (bytes.byteOffset % 2 !== 0) return new Uint16Array(Uint8Array.prototype.slice.call(bytes).buffer);
  return new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
}
