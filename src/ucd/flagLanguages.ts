/**
 * Build time: flags by the language of their country — `german flag` is 🇩🇪,
 * `japanese flag` 🇯🇵 — as people name them. For each language CLDR
 * annotates (its base tag: `de`, not `de-CH`), its English name and its
 * likely region come from the ICU data Node carries (Intl.DisplayNames, and
 * Intl.Locale's maximize, CLDR's likely subtags: `de` → de-Latn-DE), and
 * only when the region's likely language is that language again: `welsh` is
 * likely in GB, but GB's language is English, and Wales has its own flag.
 * So `english flag` is 🇺🇸 and `portuguese flag` 🇧🇷, as CLDR has it.
 */

/** `German flag` and the like, by region code (`DE`), from these language tags. */
export function flagNamesByRegion(languageTags: readonly string[]): Map<string, string[]> {
  const names = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
  const byRegion = new Map<string, string[]>();
  for (const tag of new Set(languageTags.map((tag) => tag.split(/[-_]/)[0]))) {
    let region: string | undefined;
    let name: string | undefined;
    try {
      region = new Intl.Locale(tag).maximize().region;
      name = names.of(tag);
      if (region && new Intl.Locale(`und-${region}`).maximize().language !== tag) continue;
    } catch {
      continue; // a tag ICU does not know
    }
    // ICU names some languages by their tag when it has no name (`fallback: 'none'` gives undefined then).
    if (!region || !name || name.toLowerCase() === tag) continue;
    byRegion.set(region, [...(byRegion.get(region) ?? []), `${name} flag`]);
  }
  return byRegion;
}
