/**
 * The JSON API over the shared index: search pages with cursors, and one
 * character's details. Knows queries and the index, not sockets: a request
 * comes in as its path, parameters and If-None-Match; a status and a JSON
 * value go out.
 */
import { createHash } from 'node:crypto';
import { VERSION } from '../about.js';
import type { CharIndex } from '../index/charIndex.js';
import { describeEntry } from '../index/describeChar.js';
import { PRINTABLE_ASCII, UNSAFE_CATEGORIES } from '../index/display.js';
import { parseCharArgument } from '../query/charArgument.js';
import { answerQuery, type Answer } from '../search/answer.js';
import { matchObject } from '../search/matchLines.js';
import { correctionSentence, costlyQuerySentence, count } from '../search/sentences.js';
import { parseQuery } from '../query/parse.js';
import { DEFAULT_SETTINGS, settingsKey, type SearchSettings } from '../query/settings.js';
import { languagePreference } from './languages.js';
import { filterNamesOf } from '../query/filters.js';
import { cursorTag, CursorSigner } from './cursor.js';
import type { HttpLimits } from './limits.js';
import { Lru } from '../lru.js';
import type { CharReply, ErrorReply, MatchItem, SearchPage } from './wire.js';

export interface ApiReply {
  status: number;
  /** The JSON value to send; null for 304 Not Modified. */
  body: SearchPage | CharReply | ErrorReply | null;
  /** Set on answers that are the same for as long as the index is. */
  etag?: string;
  /** Headers the answer needs besides the usual ones (Retry-After). */
  headers?: Record<string, string>;
  /**
   * False when the body surely holds nothing to write as a \u escape (see
   * json.ts): the costly scan for such characters is then skipped.
   */
  mayNeedEscapes?: boolean;
}



export function apiError(status: number, error: string, message: string, details: Record<string, unknown> = {}): ApiReply {
  return { status, body: { error, message, ...details } };
}

/** True when an If-None-Match header names this entity tag. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === etag || tag === `W/${etag}`;
  });
}

function entityTag(...parts: (string | number)[]): string {
  return `"${createHash('sha256').update(parts.join('\0')).digest('base64url').slice(0, 22)}"`;
}

export class CharfinderApi {
  /** Names the answers of this program over this index: when either changes, every ETag and cursor does. */
  readonly indexVersion: string;
  /**
   * Recent answers by query text: a stateless page request finds its query's
   * answer here, as a TCP session finds it in its cursor, so a later page
   * costs only its own matches whatever the search cost.
   */
  private readonly answers: Lru<string, Answer>;

  constructor(
    private readonly index: CharIndex,
    private readonly limits: HttpLimits,
    readonly cursors: CursorSigner = new CursorSigner(),
  ) {
    const { unicodeVersion, builtAt } = index.header;
    // A next page costs only its own matches, whatever the search cost; 8 MB at most, `cjk` (~0.8 MB) included.
    this.answers = new Lru(
      { maxEntries: limits.cachedAnswers, maxBytes: 8 * 1024 * 1024, maxEntryBytes: 2 * 1024 * 1024 },
      (answer, q) => 8 * answer.lines.total + 2 * q.length + 256,
    );
    this.indexVersion = entityTag(VERSION, unicodeVersion, builtAt).slice(1, -1);
  }

  /** The cursor of position `from` in the answer to `q` with these settings (what `next` holds). */
  cursorAt(q: string, from: number, settings: SearchSettings = DEFAULT_SETTINGS): string {
    return this.cursors.encode(from, cursorTag(this.indexVersion, askedKey(q, settings)));
  }

  /** GET /api/search?q=…&cursor=…&limit=…&lang=… (or the browser's Accept-Language) */
  search(params: URLSearchParams, ifNoneMatch?: string, acceptLanguage?: string): ApiReply {
    const { limits } = this;
    const q = params.get('q') ?? '';
    const bytes = Buffer.byteLength(q, 'utf8');
    if (bytes > limits.maxQueryBytes) {
      return apiError(413, 'line too long', `query too long (${count(bytes)} bytes; the limit is ${count(limits.maxQueryBytes)})`, {
        bytes,
        limit: limits.maxQueryBytes,
      });
    }

    const limitText = params.get('limit');
    const limit = limitText === null ? limits.defaultPageSize : /^\d{1,9}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= limits.maxPageSize)) {
      return apiError(400, 'invalid limit', `limit takes a number of matches from 1 to ${count(limits.maxPageSize)}, not '${limitText}'`, {
        limit: limitText,
        max: limits.maxPageSize,
      });
    }

    const preference = languagePreference(params.get('lang'), acceptLanguage, this.index.languages.map(({ tag }) => tag));
    if ('invalid' in preference) {
      return apiError(400, 'invalid lang', `no CLDR annotations in '${preference.invalid}'; try a language tag such as ru, ja, es, pt-PT, or all`, { lang: preference.invalid });
    }
    const { languages } = preference;
    const settings: SearchSettings = { ...DEFAULT_SETTINGS, languages, lang: languages === 'all' ? null : (languages[0] ?? null) };
    // The same words in other languages are another answer: its cursors, cache entries and ETags are its own.
    const asked = askedKey(q, settings);
    const tag = cursorTag(this.indexVersion, asked);
    const cursorText = params.get('cursor');
    let from = 0;
    if (cursorText !== null) {
      const cursor = this.cursors.decode(cursorText, tag);
      if (!cursor.ok) return apiError(400, 'invalid cursor', cursor.reason);
      from = cursor.position;
    }

    // The page is known by these alone: a revalidation is answered before any searching.
    const etag = entityTag(this.indexVersion, asked, from, limit);
    // Without lang=, the answer depends on the browser's languages: a cache must keep them apart.
    const headers = params.has('lang') ? undefined : { Vary: 'Accept-Language' };
    if (etagMatches(ifNoneMatch, etag)) return { status: 304, body: null, etag, headers };

    const query = parseQuery(q, filterNamesOf(this.index.header));
    if (query.kind === 'empty') return apiError(400, 'empty query', 'give words to search in q, e.g. /api/search?q=cat+face');
    if (query.kind === 'invalid') return apiError(400, 'invalid query', query.reason, { reason: query.reason });

    const answer = this.answer(asked, () => answerQuery(this.index, query, settings, limits.queryBudget));
    // Over the query budget: 422, the query is well formed but more than this server will search for.
    const { status } = answer;
    if (status.kind === 'refused') return apiError(422, 'query too costly', costlyQuerySentence(status.cost), { ...status.cost });
    const total = answer.lines.total;
    if (from > 0 && from >= total) return apiError(400, 'invalid cursor', 'cursor is past the last match; start again without a cursor');
    const end = Math.min(total, from + limit);
    const items: MatchItem[] = [];
    for (let position = from; position < end; position++) {
      items.push(matchObject(this.index, answer.lines.match(position)) as unknown as MatchItem);
    }
    const page: SearchPage = {
      query: answer.query,
      count: total,
      ...(status.kind === 'corrected' ? { corrected: { from: status.from, to: status.to, ...(status.then.length > 0 ? { then: [...status.then] } : {}), message: correctionSentence(status) } } : {}),
      ...((status.kind === 'no-match' || status.kind === 'corrected') && status.suggestions.length > 0 ? { suggestions: [...status.suggestions] } : {}),
      items,
      next: end < total ? this.cursors.encode(end, tag) : null,
    };
    const mayNeedEscapes =
      !PRINTABLE_ASCII.test(answer.query) ||
      !PRINTABLE_ASCII.test(answer.answered) ||
      !(page.suggestions ?? []).every((word) => PRINTABLE_ASCII.test(word)) ||
      items.some((item) => UNSAFE_CATEGORIES.has(item.category) || !PRINTABLE_ASCII.test(item.matched ?? ''));
    return { status: 200, body: page, etag, headers, mayNeedEscapes };
  }

  /**
   * GET /api/char/U+1F638, /api/char/😸, /api/char/U+1F1EB%20U+1F1F7 (a sequence), ?lang=ru:
   * everything about it, the object `/info` sends in `/format json`.
   */
  char(notation: string, ifNoneMatch?: string, lang: string | null = null): ApiReply {
    const argument = parseCharArgument(notation.split(/[\s,]+/).filter((part) => part !== ''));
    if (!('codePoints' in argument)) {
      return apiError(400, 'invalid code point', `give ${argument.expected}, e.g. /api/char/U+1F638, not '${notation}'`, { codePoint: notation });
    }
    const id = lang === null ? null : this.index.languageId(lang);
    if (id === -1) {
      return apiError(400, 'invalid lang', `no CLDR annotations in '${lang}'; try a language tag such as ru, ja, es, pt-PT`, { lang });
    }
    const language = id === null ? null : this.index.languages[id].tag;
    const etag = entityTag(this.indexVersion, 'char', argument.codePoints.join(' '), language ?? '');
    if (etagMatches(ifNoneMatch, etag)) return { status: 304, body: null, etag };
    return { status: 200, body: describeEntry(this.index, argument.codePoints, language), etag, mayNeedEscapes: true };
  }


  private answer(q: string, compute: () => Answer): Answer {
    const cached = this.answers.get(q);
    if (cached) return cached;
    const answer = compute();
    this.answers.set(q, answer);
    return answer;
  }
}

/** A query and the settings it is answered with: the key of its answer, cursors and ETags. */
function askedKey(q: string, settings: SearchSettings): string {
  return `${settingsKey(settings)}\0${q}`;
}
