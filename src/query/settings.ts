/**
 * Per-connection search settings and the commands that change them:
 *
 *   /match all | names     what a word may match: everything (default), or official names only (the book's search)
 *   /sort rank | cp        ranked tiers (default), or plain code point order
 *   /lang ru | off         show each character's CLDR short name in that language beside its name
 *
 * A command without a value shows the current setting. Pure: the session
 * keeps the settings, the index supplies the language tags.
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

export type SettingOutcome = { settings: SearchSettings; reply: string } | { error: string };

const MATCH_MODES: Record<MatchMode, string> = {
  all: 'names, formal and informal aliases, and CLDR keywords in every language',
  names: 'official Unicode names only, as in the book',
};

const SORT_ORDERS: Record<SortOrder, string> = {
  rank: 'exact name first, then name words, aliases, keywords; code point order within each',
  cp: 'code point order',
};

const LANG_OFF = new Set(['off', 'none', '-']);

function describeLang(lang: string | null): string {
  return lang === null ? 'lang: off (/lang ru shows Russian CLDR names beside the official ones)' : `lang: ${lang} (CLDR short names in ${lang} beside the official names)`;
}

/**
 * Applies `/match`, `/sort` or `/lang`; null when `line` is another command.
 * `languages` are the CLDR tags the index carries.
 */
export function applySettingCommand(line: string, settings: SearchSettings, languages: readonly string[]): SettingOutcome | null {
  const [command, value, ...rest] = line.trim().split(/\s+/);
  const name = command.toLowerCase();
  if (name !== '/match' && name !== '/sort' && name !== '/lang') return null;
  if (rest.length > 0) return { error: `${name} takes one value; /help lists them` };
  const wanted = value?.toLowerCase();

  switch (name) {
    case '/match':
      if (wanted === undefined) return { settings, reply: `match: ${settings.match} (${MATCH_MODES[settings.match]})` };
      if (!(wanted in MATCH_MODES)) return { error: `/match takes 'all' or 'names', not '${value}'` };
      return { settings: { ...settings, match: wanted as MatchMode }, reply: `match: ${wanted} (${MATCH_MODES[wanted as MatchMode]})` };
    case '/sort':
      if (wanted === undefined) return { settings, reply: `sort: ${settings.sort} (${SORT_ORDERS[settings.sort]})` };
      if (!(wanted in SORT_ORDERS)) return { error: `/sort takes 'rank' or 'cp', not '${value}'` };
      return { settings: { ...settings, sort: wanted as SortOrder }, reply: `sort: ${wanted} (${SORT_ORDERS[wanted as SortOrder]})` };
    default: {
      if (wanted === undefined) return { settings, reply: describeLang(settings.lang) };
      if (LANG_OFF.has(wanted)) return { settings: { ...settings, lang: null }, reply: describeLang(null) };
      const tag = languages.find((known) => known.toLowerCase() === wanted.replaceAll('_', '-'));
      if (!tag) return { error: `no CLDR annotations in '${value}'; try a language tag such as ru, ja, es, pt-PT (${languages.length} languages)` };
      return { settings: { ...settings, lang: tag }, reply: describeLang(tag) };
    }
  }
}
