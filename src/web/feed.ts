/**
 * The pages of one query, fetched one at a time from the API as they are
 * wanted. A new query makes every answer still on its way stale: it is
 * aborted, and if it arrives anyway it is dropped.
 */
import type { ErrorReply, MatchItem, SearchPage } from '../http/wire.js';

export type Fetched =
  | { kind: 'items'; items: MatchItem[] }
  | { kind: 'error'; message: string; retryAfterMs?: number }
  /** The query changed while this page was on its way, or nothing was left to fetch. */
  | { kind: 'none' };

export class SearchFeed {
  query = '';
  total = 0;
  loaded = 0;
  loading = false;
  /** `No match for 'thumbs upp' — showing 'thumbs up'`, when the matches are a correction's. */
  correction: string | null = null;
  /** When nothing matched: words that would have. */
  suggestions: string[] = [];
  private next: string | null = null;
  private started = false;
  private generation = 0;
  private controller: AbortController | null = null;

  constructor(private readonly pageSize: number) {}

  /** Starts over with another query; nothing of the previous one will arrive. */
  reset(query: string): void {
    this.generation++;
    this.controller?.abort();
    this.controller = null;
    this.query = query;
    this.total = 0;
    this.loaded = 0;
    this.loading = false;
    this.correction = null;
    this.suggestions = [];
    this.next = null;
    this.started = false;
  }

  /** Whether every match of the query has been fetched. */
  get complete(): boolean {
    return this.started && this.next === null;
  }

  get wantsMore(): boolean {
    return this.query !== '' && !this.loading && !this.complete;
  }

  async fetchMore(): Promise<Fetched> {
    if (!this.wantsMore) return { kind: 'none' };
    const generation = this.generation;
    const controller = new AbortController();
    this.controller = controller;
    this.loading = true;
    const params = new URLSearchParams({ q: this.query, limit: String(this.pageSize) });
    if (this.next !== null) params.set('cursor', this.next);
    try {
      const response = await fetch(`/api/search?${params}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
      const body = (await response.json()) as SearchPage | ErrorReply;
      if (generation !== this.generation) return { kind: 'none' };
      this.loading = false;
      if (!response.ok) {
        const retryAfter = Number(response.headers.get('Retry-After'));
        return { kind: 'error', message: (body as ErrorReply).message, retryAfterMs: response.status === 429 ? retryAfter * 1000 : undefined };
      }
      const page = body as SearchPage;
      this.started = true;
      this.total = page.count;
      this.correction = page.corrected?.message ?? null;
      this.suggestions = page.suggestions ?? [];
      this.next = page.next;
      this.loaded += page.items.length;
      return { kind: 'items', items: page.items };
    } catch (error) {
      if (generation !== this.generation) return { kind: 'none' };
      this.loading = false;
      return { kind: 'error', message: `the server did not answer (${(error as Error).message}); scroll or search again to retry` };
    }
  }
}
