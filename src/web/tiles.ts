/**
 * The result grid: one tile (a button) per character, and moving between
 * tiles with the arrow keys. Names are set as text, never parsed as HTML.
 */
import type { MatchItem } from '../http/wire.js';

const COMBINING = new Set(['Mn', 'Mc', 'Me']);
/** Categories drawn as a labelled blank box: nothing visible, or nothing a font would show. */
const BLANK = new Set(['Cf', 'Cs', 'Co', 'Cn', 'Zs', 'Zl', 'Zp']);
const DOTTED_CIRCLE = '\u25CC';

/** What a glyph area shows for a character (or a sequence, by its first), and whether it is a stand-in for something invisible. */
export function glyphOf(char: string, category: string): { text: string; blank: boolean } {
  const cp = char.codePointAt(0) ?? 0;
  if (category === 'Cc') {
    if (cp < 0x20) return { text: String.fromCodePoint(0x2400 + cp), blank: false }; // Control Pictures
    if (cp === 0x7f) return { text: '\u2421', blank: false };
    return { text: category, blank: true };
  }
  if (BLANK.has(category)) return { text: category, blank: true };
  if (COMBINING.has(category)) return { text: DOTTED_CIRCLE + char, blank: false };
  return { text: char, blank: false };
}

/** The code column: `U+1F638`, or a sequence's code points `U+1F1EB U+1F1F7`. */
function codeOf(item: MatchItem): string {
  return Array.isArray(item.cp) ? item.cp.join(' ') : item.cp;
}

function span(className: string, text: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

/**
 * A cell: the tile, which opens the character's detail view, and in its
 * corner a copy button for the pointer (from the keyboard, C on the tile).
 * What is copied is the emoji form where there is one (❤️, not ❤).
 */
export function tileFor(item: MatchItem): HTMLLIElement {
  const tile = document.createElement('button');
  tile.type = 'button';
  tile.className = 'tile';
  tile.tabIndex = -1;
  const code = codeOf(item);
  tile.dataset.cp = code;
  tile.dataset.copy = item.emojiForm ?? item.char;
  tile.dataset.copyCode = item.emojiForm ? `${code} U+FE0F` : code;
  tile.title = item.matched ? `${item.name} [${item.matched}]` : item.name;
  tile.setAttribute('aria-label', `${code} ${item.name}`);
  tile.setAttribute('aria-haspopup', 'dialog');
  tile.setAttribute('aria-keyshortcuts', 'C');
  const glyph = glyphOf(item.char, item.category);
  const glyphElement = span(glyph.blank ? 'glyph blank' : 'glyph', glyph.text);
  glyphElement.setAttribute('aria-hidden', 'true');
  tile.append(glyphElement, span('code', code), span('name', item.name));
  // Why it matched, when not by its name: the alias (and, as search grows, the keyword) the query found.
  if (item.matched) tile.append(span('matched', `[${item.matched}]`));
  // Not a tab stop: the grid is one, and C on a tile does the same.
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.className = 'tile-copy';
  copy.tabIndex = -1;
  copy.title = `Copy ${tile.dataset.copy}`;
  copy.setAttribute('aria-label', `Copy ${tile.dataset.copy} ${code}`);
  const cell = document.createElement('li');
  cell.append(tile, copy);
  return cell;
}

/**
 * The grid of every match fetched so far, of which only the rows near the
 * screen are in the document: 98,887 tiles as elements would cost the
 * browser seconds on each new page. The grid's box is as tall as all its
 * rows; the rendered rows are moved to where they belong in it. One tile
 * is the tab stop (the last one focused); the arrow keys move between tiles.
 */
export class TileGrid {
  private items: MatchItem[] = [];
  private total = 0;
  /** Positions of the rendered tiles: first … end-1, always whole rows. */
  private first = 0;
  private end = 0;
  /** The tab stop's position. */
  private current = 0;
  private columns = 1;
  /** Height of a row with the gap below it, in CSS pixels. */
  private pitch = 1;
  private frame = 0;

  constructor(
    private readonly box: HTMLElement,
    readonly list: HTMLUListElement,
  ) {
    list.addEventListener('keydown', (event) => this.onKey(event));
    list.addEventListener('focusin', (event) => {
      const cell = (event.target as HTMLElement).closest('li');
      if (cell) this.makeCurrent(Number(cell.dataset.position));
    });
    window.addEventListener('scroll', () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.relayout()).observe(box);
    this.measure();
  }

  /** Tiles fetched so far. */
  get loaded(): number {
    return this.items.length;
  }

  clear(): void {
    this.items = [];
    this.total = 0;
    this.current = 0;
    this.resetWindow();
    this.box.style.height = '0';
  }

  /** Adds a page of matches of `total` in all, and draws what is in view. */
  append(items: readonly MatchItem[], total: number): void {
    this.items.push(...items);
    this.total = total;
    this.box.style.height = `${this.height()}px`;
    this.render();
  }

  /** Focuses the tab stop tile (from the search box). */
  focusCurrent(): void {
    if (this.items.length > 0) this.moveTo(this.current);
  }

  private height(): number {
    const rows = Math.ceil(this.items.length / this.columns);
    return rows * this.pitch;
  }

  /** Columns and row height, as the style sheet lays the grid out at this width. */
  private measure(): boolean {
    const style = getComputedStyle(this.list);
    const columns = Math.max(1, style.gridTemplateColumns.split(' ').filter((track) => track !== '').length);
    const pitch = Math.max(1, parseFloat(style.gridAutoRows) + parseFloat(style.rowGap || '0'));
    const changed = columns !== this.columns || pitch !== this.pitch;
    this.columns = columns;
    this.pitch = pitch;
    return changed;
  }

  private relayout(): void {
    if (!this.measure()) return;
    this.resetWindow();
    this.box.style.height = `${this.height()}px`;
    this.render();
  }

  private resetWindow(): void {
    this.list.replaceChildren();
    this.first = this.end = 0;
  }

  private schedule(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.render());
  }

  /** Brings the rendered rows in line with the screen: a screen's height of rows above and below it too. */
  private render(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const { columns, pitch, items } = this;
    const rows = Math.ceil(items.length / columns);
    const top = this.box.getBoundingClientRect().top;
    const screen = window.innerHeight;
    const firstRow = Math.max(0, Math.min(rows, Math.floor((-top - screen) / pitch)));
    const endRow = Math.max(firstRow, Math.min(rows, Math.ceil((-top + 2 * screen) / pitch)));
    const first = firstRow * columns;
    const end = Math.min(items.length, endRow * columns);
    if (first === this.first && end === this.end) return;

    if (end <= this.first || first >= this.end) {
      this.list.replaceChildren();
      this.first = this.end = first;
    }
    for (; this.first < first; this.first++) this.list.firstElementChild!.remove();
    for (; this.end > end; this.end--) this.list.lastElementChild!.remove();
    if (first < this.first) {
      this.list.prepend(this.cells(first, this.first));
      this.first = first;
    }
    if (end > this.end) {
      this.list.append(this.cells(this.end, end));
      this.end = end;
    }
    this.list.style.transform = `translateY(${firstRow * pitch}px)`;
    if (this.first < this.end && !this.rendered(this.current)) this.makeCurrent(this.first);
  }

  private cells(from: number, to: number): DocumentFragment {
    const cells = document.createDocumentFragment();
    for (let position = from; position < to; position++) {
      const cell = tileFor(this.items[position]);
      cell.dataset.position = String(position);
      cell.setAttribute('aria-posinset', String(position + 1));
      cell.setAttribute('aria-setsize', String(this.total));
      if (position === this.current) (cell.firstElementChild as HTMLButtonElement).tabIndex = 0;
      cells.append(cell);
    }
    return cells;
  }

  private rendered(position: number): boolean {
    return this.first <= position && position < this.end;
  }

  private tileAt(position: number): HTMLButtonElement | null {
    if (!this.rendered(position)) return null;
    return this.list.children[position - this.first].firstElementChild as HTMLButtonElement;
  }

  private makeCurrent(position: number): void {
    const previous = this.tileAt(this.current);
    if (previous) previous.tabIndex = -1;
    this.current = position;
    const tile = this.tileAt(position);
    if (tile) tile.tabIndex = 0;
  }

  /** Scrolls a tile's row into view below the sticky header, draws it, focuses it. */
  private moveTo(position: number): void {
    const header = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
    const rowTop = this.box.getBoundingClientRect().top + Math.floor(position / this.columns) * this.pitch;
    if (rowTop < header) window.scrollBy(0, rowTop - header - 8);
    else if (rowTop + this.pitch > window.innerHeight) window.scrollBy(0, rowTop + this.pitch - window.innerHeight + 8);
    this.render();
    this.makeCurrent(position);
    this.tileAt(position)?.focus({ preventScroll: true });
  }

  private onKey(event: KeyboardEvent): void {
    const rows = 4;
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -this.columns,
      ArrowDown: this.columns,
      PageUp: -this.columns * rows,
      PageDown: this.columns * rows,
      Home: -this.current,
      End: this.items.length,
    };
    const move = step[event.key];
    if (move === undefined) return;
    event.preventDefault();
    this.moveTo(Math.max(0, Math.min(this.items.length - 1, this.current + move)));
  }
}
