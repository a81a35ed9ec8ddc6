/**
 * A char index and a one-byte tag (a phrase's source, a keyword's language)
 * packed into one u32. Sorting the packed values sorts by char, then by tag,
 * so tagged lists stay searchable like plain posting lists.
 */
const TAG_BITS = 256;

export function packEntry(charIndex: number, tag: number): number {
  return charIndex * TAG_BITS + tag;
}

export function entryChar(entry: number): number {
  return Math.floor(entry / TAG_BITS);
}

export function entryTag(entry: number): number {
  return entry % TAG_BITS;
}
