/**
 * The page: a search box whose query lives in the URL (/?q=cat+face), and a
 * grid that fetches the next page of matches as its end comes into view.
 */
import { Copier } from './copy.js';
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

function urlFor(query: string): string {
  return query === '' ? '/' : `/?${new URLSearchParams({ q: query })}`;
}

function search(query: string, mode: HistoryMode): void {
  clearTimeout(typingTimer);
  clearTimeout(retryTimer);
  if (mode !== 'none' && query !== queryInUrl()) {
    if (mode === 'push') history.pushState(null, '', urlFor(query));
    else history.replaceState(null, '', urlFor(query));
  }
  document.title = query === '' ? 'charfinder' : `${query} — charfinder`;
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
  input.value = queryInUrl();
  search(input.value, 'none');
});

grid.list.addEventListener('click', (event) => {
  const tile = (event.target as HTMLElement).closest<HTMLButtonElement>('button.tile');
  if (tile) void copier.copy(tile.dataset.char ?? '', tile.dataset.cp ?? '');
});

document.addEventListener('keydown', (event) => {
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
