/**
 * Per-connection search settings, what each value means, and the sentence
 * that states one:
 *
 *   /match all | names     what a word may match: everything (default), or official names only (the book's search)
 *   /sort rank | cp        ranked by score (default; see search/ranking.ts), or plain code point order
 *   /lang ru uk | en | all  keywords in English and these languages, short names in the first; English only; every language
 *   /tone medium | all     one skin-tone variant of each emoji that has them (as a picker's default tone), or all
 *
 * The commands themselves are parsed in commands.ts. Pure: the session keeps
 * the settings.
 */

export type MatchMode = 'all' | 'names';
export type SortOrder = 'rank' | 'cp';

export interface SearchSettings {
  readonly match: MatchMode;
  readonly sort: SortOrder;
  /** The language whose CLDR short names are shown beside the names (the first of `languages`), or null. */
  readonly lang: string | null;
  /** CLDR language tags whose keywords count besides English (see search/languages.ts), or 'all' for every language. */
  readonly languages: readonly string[] | 'all';
  /** The skin tone to show (0 none … 5 dark, as SKIN_TONES), or null for every variant. */
  readonly tone: number | null;
}

export const DEFAULT_SETTINGS: SearchSettings = { match: 'all', sort: 'rank', lang: null, languages: [], tone: null };

/** Skin tones by number, as `/tone` and the `tone:` filter spell them: 0 is the toneless form (👍), 1 … 5 the modifiers U+1F3FB … U+1F3FF. */
export const SKIN_TONES = ['none', 'light', 'medium-light', 'medium', 'medium-dark', 'dark'] as const;

export const MATCH_MODES: Record<MatchMode, string> = {
  all: 'names, formal and informal aliases, and CLDR keywords in every language',
  names: 'official Unicode names only, as in the book',
};

export const SORT_ORDERS: Record<SortOrder, string> = {
  rank: 'ranked: how well the query matched, and how likely each character is the one meant',
  cp: 'code point order',
};

/** The settings as a cache key part: every setting that changes an answer is in it. */
export function settingsKey({ match, sort, languages, tone }: SearchSettings): string {
  return `${match}\0${sort}\0${languages === 'all' ? '*' : languages.join(',')}\0${tone ?? ''}`;
}

/** A setting change; an absent value leaves the setting as it is. */
export type SettingChange =
  | { name: 'match'; mode?: MatchMode }
  | { name: 'sort'; order?: SortOrder }
  /** [] is English alone. */
  | { name: 'lang'; languages?: readonly string[] | 'all' }
  /** null shows every variant. */
  | { name: 'tone'; tone?: number | null };

export function withSetting(settings: SearchSettings, change: SettingChange): SearchSettings {
  switch (change.name) {
    case 'match':
      return change.mode === undefined ? settings : { ...settings, match: change.mode };
    case 'sort':
      return change.order === undefined ? settings : { ...settings, sort: change.order };
    case 'lang':
      if (change.languages === undefined) return settings;
      return { ...settings, languages: change.languages, lang: change.languages === 'all' ? null : (change.languages[0] ?? null) };
    case 'tone':
      return change.tone === undefined ? settings : { ...settings, tone: change.tone };
  }
}

/** The sentence that states one setting, as `/match`, `/sort`, `/lang` or `/tone` alone shows it. */
export function describeSetting(name: SettingChange['name'], settings: SearchSettings): string {
  switch (name) {
    case 'match':
      return `match: ${settings.match} (${MATCH_MODES[settings.match]})`;
    case 'sort':
      return `sort: ${settings.sort} (${SORT_ORDERS[settings.sort]})`;
    case 'lang':
      if (settings.languages === 'all') return 'lang: all (keywords in every language; /lang en for English alone)';
      if (settings.languages.length === 0) return 'lang: en (English keywords, and other languages\' for words English lacks; /lang ru adds Russian, /lang all every language)';
      return `lang: ${settings.languages.join(' ')} (keywords in English and ${settings.languages.join(', ')}; CLDR short names in ${settings.lang} beside the official names)`;
    case 'tone':
      return settings.tone === null
        ? 'tone: all (every skin-tone variant; /tone medium shows one of each)'
        : `tone: ${SKIN_TONES[settings.tone]} (${settings.tone === 0 ? 'emoji without a skin tone' : `the ${SKIN_TONES[settings.tone]} variant of each emoji that has them`}; /tone all shows every variant)`;
  }
}
