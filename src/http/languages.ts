/**
 * The languages an HTTP search counts besides English: `lang=ru,uk` (or
 * `lang=all`, every language) when the request says so, else the browser's
 * Accept-Language (RFC 9110 §12.5.4: tags by descending q, `q=0` refused),
 * each taken as the index spells it, or by its base language (`de-AT` → `de`).
 * English, `*` and languages the index lacks are left out: English always counts.
 */

/** The tags to search in (as the index spells them) or 'all'; or the reason a `lang=` is refused. */
export type LanguagePreference = { languages: readonly string[] | 'all' } | { invalid: string };

/** At most this many languages are taken from a request: a header of hundreds costs no more than a few. */
const MAX_LANGUAGES = 8;

export function languagePreference(lang: string | null, acceptLanguage: string | undefined, known: readonly string[]): LanguagePreference {
  const byLower = new Map(known.map((tag) => [tag.toLowerCase(), tag]));
  const find = (tag: string): string | null => {
    const lower = tag.trim().toLowerCase().replaceAll('_', '-');
    return byLower.get(lower) ?? byLower.get(lower.split('-')[0]) ?? null;
  };
  if (lang !== null) {
    if (lang.trim().toLowerCase() === 'all') return { languages: 'all' };
    const tags: string[] = [];
    for (const asked of lang.split(',').filter((tag) => tag.trim() !== '')) {
      const tag = find(asked);
      if (tag === null) return { invalid: asked.trim() };
      if (!isEnglish(tag) && !tags.includes(tag)) tags.push(tag);
    }
    return { languages: tags.slice(0, MAX_LANGUAGES) };
  }
  return { languages: acceptedLanguages(acceptLanguage ?? '').flatMap((asked) => find(asked) ?? []).filter((tag, k, all) => !isEnglish(tag) && all.indexOf(tag) === k).slice(0, MAX_LANGUAGES) };
}

/** The tags of an Accept-Language header, most wanted first (`*` and q=0 left out). */
export function acceptedLanguages(header: string): string[] {
  const ranges = header
    .slice(0, 1024)
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param)).find((match) => match !== null);
      return { tag: tag.trim(), q: q ? Number(q[1]) : 1, order };
    })
    .filter(({ tag, q }) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) && q > 0);
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order).map(({ tag }) => tag);
}

function isEnglish(tag: string): boolean {
  return tag.split('-')[0].toLowerCase() === 'en';
}
