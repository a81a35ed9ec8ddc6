/**
 * Build time: the script each language CLDR annotates is likely written in,
 * by the language's English name in lower case (`chinese` → Hani, `greek` →
 * Grek), from the ICU data Node carries (Intl.DisplayNames, and
 * Intl.Locale's maximize: CLDR's likely subtags). A query word that names a
 * language is read as its script where the words as typed match nothing
 * (search/propertyWords.ts). Made at every start, these 160 look-ups in ICU
 * were about 20 ms of the first query that asked (`kanji water`: 36 ms,
 * then 2 ms for the next).
 */

/** ISO 15924 variants written with their script's characters. */
const SCRIPT_VARIANTS: Record<string, string> = { Hans: 'Hani', Hant: 'Hani' };

/** [English name in lower case, ISO 15924 code] for each base tag of `languageTags`, the first tag of a name winning. */
export function languageScriptsOf(languageTags: readonly string[]): [name: string, script: string][] {
  const names = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
  const found = new Map<string, string>();
  for (const tag of new Set(languageTags.map((tag) => tag.split('-')[0]))) {
    try {
      const name = names.of(tag)?.toLowerCase();
      const script = new Intl.Locale(tag).maximize().script;
      if (name && script && !found.has(name)) found.set(name, SCRIPT_VARIANTS[script] ?? script);
    } catch {
      // a tag ICU does not know
    }
  }
  return [...found];
}
