/**
 * The page: a search box whose query lives in the URL (/?q=cat+face), a
 * grid that fetches the next page of matches as its end comes into view,
 * and a detail view of one entry that lives in the URL too
 * (/?q=cat+face&char=1F638, /?q=flag&char=1F1EB-1F1F7): a link to it opens
 * it, Back closes it, Forward opens it again.
 */
import { Copier } from './copy.js';
import { charIdOf, DetailView, parseCharId, type CharId } from './detail.js';
import { SearchFeed } from './feed.js';
import { TileGrid } from './tiles.js';

/** Matches per request. */
const PAGE_SIZE = 100;
/** Typing pauses this long before the search starts. */
const DEBOUNCE_MS = 200;
/**
 * Typing makes one history entry, not one per pause: the first search of a
 * burst of typing pushes an entry, later ones replace it. The burst ends
 * after this long without typing, or when the person turns to the results.
 */
const TYPING_BURST_MS = 1500;
/** The next page is asked for this far before the end of the grid comes into view. */
const PREFETCH_MARGIN = '0px 0px 1200px 0px';

const numbers = new Intl.NumberFormat('en-US');

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

const input = element<HTMLInputElement>('q');
const form = element<HTMLFormElement>('search');
const grid = new TileGrid(element<HTMLDivElement>('results'), element<HTMLUListElement>('tiles'));
const sentinel = element<HTMLDivElement>('more');
const loadingRow = element<HTMLParagraphElement>('loading');
const countRow = element<HTMLParagraphElement>('count');
const correctionRow = element<HTMLParagraphElement>('correction');
const copier = new Copier(element<HTMLDivElement>('toast'));
const feed = new SearchFeed(PAGE_SIZE);

let typingTimer = 0;
let retryTimer = 0;
let burstTimer = 0;
let typingBurst = false;

function endTypingBurst(): void {
  clearTimeout(burstTimer);
  typingBurst = false;
}

type HistoryMode = 'push' | 'replace' | 'none';

function queryInUrl(): string {
  return new URLSearchParams(location.search).get('q') ?? '';
}

function charInUrl(): CharId | null {
  return parseCharId(new URLSearchParams(location.search).get('char'));
}

function urlFor(query: string, char: CharId | null = null): string {
  const params = new URLSearchParams();
  if (query !== '') params.set('q', query);
  if (char !== null) params.set('char', char);
  return params.size === 0 ? '/' : `/?${params}`;
}

/**
 * How many detail views this page has pushed on top of the results' entry
 * (a tile, then cross-references): closing goes back that far. Zero for a
 * view opened from a link, whose entry is replaced instead.
 */
interface PageState {
  views: number;
}

function viewsPushed(): number {
  return (history.state as PageState | null)?.views ?? 0;
}

/** The query whose results are shown: Back and Forward between views of one query keep them. */
let shownQuery = '';
/** A close is on its way through history: a second Escape must not go back twice. */
let closing = false;

const detail = new DetailView(element<HTMLDialogElement>('detail'), copier, {
  hrefFor: (id) => urlFor(queryInUrl(), id),
  follow: (id) => openDetail(id),
  requestClose: closeDetail,
});

function openDetail(id: CharId): void {
  if (id !== charInUrl()) history.pushState({ views: viewsPushed() + 1 } satisfies PageState, '', urlFor(queryInUrl(), id));
  detail.show(id);
}

function closeDetail(): void {
  if (closing || detail.shown === null) return;
  const views = viewsPushed();
  if (views > 0) {
    closing = true;
    history.go(-views);
    return;
  }
  history.replaceState(null, '', urlFor(queryInUrl()));
  hideDetail();
}

function hideDetail(): void {
  detail.hide();
  showTitle();
  // Opened from a link, the view had no tile to return to: the tile of the results that has the tab stop.
  if (document.activeElement === document.body || document.activeElement === null) grid.focusCurrent();
}

function showTitle(): void {
  document.title = shownQuery === '' ? 'charfinder' : `${shownQuery} — charfinder`;
}

function search(query: string, mode: HistoryMode): void {
  clearTimeout(typingTimer);
  clearTimeout(retryTimer);
  if (mode !== 'none' && query !== queryInUrl()) {
    if (mode === 'push') history.pushState(null, '', urlFor(query));
    else history.replaceState(null, '', urlFor(query));
  }
  shownQuery = query;
  showTitle();
  feed.reset(query.trim() === '' ? '' : query);
  grid.clear();
  // A new list starts at its top (after Back too: the pages below the old position are not fetched yet).
  window.scrollTo(0, 0);
  loadingRow.hidden = true;
  showCount();
  void loadMore();
}

/** Each page's time from asking to drawn, for the browser's performance tools (and scripts/scroll-web.ts). */
const PAGE_MEASURE = 'charfinder:page';

async function loadMore(): Promise<void> {
  if (!feed.wantsMore) return;
  loadingRow.hidden = false;
  const asked = performance.now();
  const fetched = await feed.fetchMore();
  if (fetched.kind === 'none') return;
  loadingRow.hidden = true;
  if (fetched.kind === 'error') {
    showCount(fetched.message);
    if (fetched.retryAfterMs !== undefined) retryTimer = window.setTimeout(() => void loadMore(), fetched.retryAfterMs);
    return;
  }
  grid.append(fetched.items, feed.total);
  showCount();
  performance.measure(PAGE_MEASURE, { start: asked, detail: { loaded: feed.loaded } });
  // The observer speaks only when visibility changes: observing anew asks whether the end is still in view.
  observer.unobserve(sentinel);
  observer.observe(sentinel);
}

function showCount(error?: string): void {
  correctionRow.textContent = feed.correction ?? '';
  correctionRow.hidden = feed.correction === null;
  countRow.classList.toggle('error', error !== undefined);
  if (error !== undefined) countRow.textContent = error;
  else if (feed.query === '') countRow.textContent = '';
  else if (feed.complete && feed.total === 0) countRow.textContent = `No match for “${feed.query}”${didYouMean(feed.suggestions)}`;
  else if (feed.loaded > 0) countRow.textContent = `${numbers.format(feed.loaded)} of ${numbers.format(feed.total)}`;
  else countRow.textContent = '';
}

/** ` — did you mean “a” or “b”?`, or nothing. */
function didYouMean(words: readonly string[]): string {
  if (words.length === 0) return '';
  const each = words.map((word) => `“${word}”`);
  return ` — did you mean ${each.length === 1 ? each[0] : `${each.slice(0, -1).join(', ')} or ${each[each.length - 1]}`}?`;
}

const observer = new IntersectionObserver(
  (entries) => {
    if (entries.some((entry) => entry.isIntersecting)) void loadMore();
  },
  { rootMargin: PREFETCH_MARGIN },
);
observer.observe(sentinel);

/** The burst goes on for TYPING_BURST_MS more: from each key, not from each search, or slow typing would split it. */
function extendTypingBurst(): void {
  clearTimeout(burstTimer);
  burstTimer = window.setTimeout(endTypingBurst, TYPING_BURST_MS);
}

input.addEventListener('input', () => {
  clearTimeout(typingTimer);
  if (typingBurst) extendTypingBurst();
  typingTimer = window.setTimeout(() => {
    search(input.value, typingBurst ? 'replace' : 'push');
    typingBurst = true;
    extendTypingBurst();
  }, DEBOUNCE_MS);
});
// Turning to the results (wheel, touch, click, keys outside the box) ends the burst: the next query typed
// is a new entry. Not 'scroll': a new query's shorter grid scrolls the page by itself.
for (const type of ['wheel', 'touchstart', 'pointerdown'] as const) window.addEventListener(type, endTypingBurst, { passive: true });
grid.list.addEventListener('focusin', endTypingBurst);
document.addEventListener('keydown', (event) => {
  if (event.target !== input) endTypingBurst();
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  endTypingBurst();
  // Enter on a query already shown keeps it (and its scroll position); otherwise it searches at once.
  if (input.value !== queryInUrl() || input.value.trim() !== feed.query.trim()) search(input.value, 'push');
});

window.addEventListener('popstate', () => {
  closing = false;
  const char = charInUrl();
  // The view first: it gives the focus back to its tile before a new query could clear the grid.
  if (char === null) {
    if (detail.shown !== null) hideDetail();
  }
  if (queryInUrl() !== shownQuery) {
    input.value = queryInUrl();
    search(input.value, 'none');
  }
  if (char !== null) detail.show(char);
});

function copyTile(tile: HTMLButtonElement): void {
  void copier.copy(tile.dataset.copy ?? '', tile.dataset.copyCode ?? '');
}

grid.list.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const copy = target.closest<HTMLButtonElement>('button.tile-copy');
  const tile = (copy?.parentElement ?? target).closest('li')?.querySelector<HTMLButtonElement>('button.tile');
  if (!tile) return;
  if (copy) copyTile(tile);
  else openDetail(charIdOf(tile.dataset.cp ?? ''));
});

// C (or Ctrl+C, ⌘C) on a tile copies its character, as its corner button does.
grid.list.addEventListener('keydown', (event) => {
  const tile = (event.target as HTMLElement).closest<HTMLButtonElement>('button.tile');
  if (!tile || event.key.toLowerCase() !== 'c' || event.altKey || event.shiftKey) return;
  event.preventDefault();
  copyTile(tile);
});

document.addEventListener('keydown', (event) => {
  if (detail.shown !== null) return; // the dialog has its own keys (Escape closes it)
  const inBox = document.activeElement === input;
  if ((event.key === '/' && !inBox) || (event.key === 'Escape' && !inBox)) {
    event.preventDefault();
    input.focus();
    input.select();
  } else if (event.key === 'ArrowDown' && inBox && grid.loaded > 0) {
    event.preventDefault();
    grid.focusCurrent();
  }
});

history.scrollRestoration = 'manual';
input.value = queryInUrl();
search(input.value, 'none');
const sharedChar = charInUrl();
if (sharedChar !== null) detail.show(sharedChar);
