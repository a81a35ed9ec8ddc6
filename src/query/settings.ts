/**
 * Per-connection search settings, what each value means, and the sentence
 * that states one:
 *
 *   /match all | names     what a word may match: everything (default), or official names only (the book's search)
 *   /sort rank | cp        ranked tiers (default), or plain code point order
 *   /lang ru | off         show each character's CLDR short name in that language beside its name
 *
 * The commands themselves are parsed in commands.ts. Pure: the session keeps
 * the settings.
 */

export type MatchMode = 'all' | 'names';
export type SortOrder = 'rank' | 'cp';

export interface SearchSettings {
  readonly match: MatchMode;
  readonly sort: SortOrder;
  /** A CLDR language tag as the index spells it, or null. */
  readonly lang: string | null;
}

export const DEFAULT_SETTINGS: SearchSettings = { match: 'all', sort: 'rank', lang: null };

export const MATCH_MODES: Record<MatchMode, string> = {
  all: 'names, formal and informal aliases, and CLDR keywords in every language',
  names: 'official Unicode names only, as in the book',
};

export const SORT_ORDERS: Record<SortOrder, string> = {
  rank: 'exact name first, then name words, aliases, keywords; code point order within each',
  cp: 'code point order',
};

/** A setting change; an absent value leaves the setting as it is. */
export type SettingChange = { name: 'match'; mode?: MatchMode } | { name: 'sort'; order?: SortOrder } | { name: 'lang'; lang?: string | null };

export function withSetting(settings: SearchSettings, change: SettingChange): SearchSettings {
  switch (change.name) {
    case 'match':
      return change.mode === undefined ? settings : { ...settings, match: change.mode };
    case 'sort':
      return change.order === undefined ? settings : { ...settings, sort: change.order };
    case 'lang':
      return change.lang === undefined ? settings : { ...settings, lang: change.lang };
  }
}

/** The sentence that states one setting, as `/match`, `/sort` or `/lang` alone shows it. */
export function describeSetting(name: SettingChange['name'], settings: SearchSettings): string {
  switch (name) {
    case 'match':
      return `match: ${settings.match} (${MATCH_MODES[settings.match]})`;
    case 'sort':
      return `sort: ${settings.sort} (${SORT_ORDERS[settings.sort]})`;
    case 'lang':
      return settings.lang === null
        ? 'lang: off (/lang ru shows Russian CLDR names beside the official ones)'
        : `lang: ${settings.lang} (CLDR short names in ${settings.lang} beside the official names)`;
  }
}
