/**
 * Build time: CLDR emoji and symbol annotations (npm `cldr-annotations-full`),
 * every language it carries. For each character a language gives keywords
 * (`cat`, `kitten`, `pet`) and one short name (its text-to-speech name,
 * `cat face`), in that language (`кот`, `морда кошки`).
 *
 * Annotations of single code points go to the characters; those of sequences
 * (ZWJ sequences such as 😶‍🌫, keycaps, flags: about 200 per language) are
 * handed on to sequences.ts, which files them under the sequence entries. CLDR
 * writes keys without U+FE0F, so 😸 and ❤ are plain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface LocaleFile {
  annotations: { identity: { language: string }; annotations?: Record<string, { default?: string[]; tts?: string[] }> };
}

export interface Language {
  /** BCP 47 tag as CLDR spells it: `ru`, `pt-PT`, `sr-Latn`. */
  tag: string;
  /** Where missing short names are inherited from (`pt-PT` → `pt`), or null. */
  parent: string | null;
}

export interface Annotation {
  codePoint: number;
  /** Index into CldrAnnotations.languages. */
  language: number;
  keywords: string[];
  shortName: string | null;
}

/** An annotation whose key is more than one code point (no U+FE0F, as CLDR writes keys). */
export interface SequenceAnnotation {
  key: string;
  language: number;
  keywords: string[];
  shortName: string | null;
}

export interface CldrAnnotations {
  version: string;
  /** In order of preference (PREFERRED_LANGUAGES, then alphabetical): `en` is id 0. */
  languages: Language[];
  annotations: Annotation[];
  sequenceAnnotations: SequenceAnnotation[];
}

/**
 * When a keyword is in several languages (`кот` is Russian, Belarusian, …), a
 * result names the first of these that has it: widely used languages before
 * the rest, base languages before their regional variants.
 */
const PREFERRED_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'ru', 'zh', 'ja', 'it', 'ko', 'ar', 'hi', 'nl', 'pl', 'tr', 'uk', 'sv', 'id', 'vi', 'th', 'el', 'he', 'cs'];

function preference(tag: string): number {
  const at = PREFERRED_LANGUAGES.indexOf(tag);
  return at < 0 ? PREFERRED_LANGUAGES.length : at;
}

/** CLDR parentLocales that do not follow from truncating the tag. */
const EXPLICIT_PARENTS: Record<string, string> = {
  'en-AU': 'en-001',
  'en-CA': 'en-001',
  'en-GB': 'en-001',
  'en-IN': 'en-001',
  'es-MX': 'es-419',
  'es-US': 'es-419',
  'hi-Latn': 'en-IN',
};

/** The nearest existing ancestor of a tag; dropping a script subtag changes the writing system, so it ends the chain. */
function parentOf(tag: string, known: Set<string>): string | null {
  let current = tag;
  for (;;) {
    const explicit = EXPLICIT_PARENTS[current];
    if (explicit) return known.has(explicit) ? explicit : parentOf(explicit, known);
    const cut = current.lastIndexOf('-');
    if (cut < 0) return null;
    if (/^[A-Z][a-z]{3}$/.test(current.slice(cut + 1))) return null;
    current = current.slice(0, cut);
    if (known.has(current)) return current;
  }
}

export function readCldrAnnotations(): CldrAnnotations {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('cldr-annotations-full/package.json'));
  const version: string = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).cldrVersion;
  const dir = join(packageDir, 'annotations');

  const byTag = new Map<string, NonNullable<LocaleFile['annotations']['annotations']>>();
  for (const tag of readdirSync(dir)) {
    const file = JSON.parse(readFileSync(join(dir, tag, 'annotations.json'), 'utf8')) as LocaleFile;
    const entries = file.annotations.annotations;
    if (entries && Object.keys(entries).length > 0) byTag.set(tag, entries);
  }
  const tags = [...byTag.keys()].sort((a, b) => preference(a) - preference(b) || (a < b ? -1 : a > b ? 1 : 0));
  const known = new Set(tags);
  const languages = tags.map((tag) => ({ tag, parent: parentOf(tag, known) }));

  const annotations: Annotation[] = [];
  const sequenceAnnotations: SequenceAnnotation[] = [];
  tags.forEach((tag, language) => {
    for (const [key, value] of Object.entries(byTag.get(tag)!)) {
      const codePoints = [...key];
      if (codePoints.length !== 1) {
        sequenceAnnotations.push({ key, language, keywords: value.default ?? [], shortName: value.tts?.[0] ?? null });
        continue;
      }
      annotations.push({ codePoint: codePoints[0].codePointAt(0)!, language, keywords: value.default ?? [], shortName: value.tts?.[0] ?? null });
    }
  });
  return { version, languages, annotations, sequenceAnnotations };
}
