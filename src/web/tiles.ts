/**
 * The result grid: one tile (a button) per character, and moving between
 * tiles with the arrow keys. Names are set as text, never parsed as HTML.
 */
import type { MatchItem } from '../http/wire.js';

const COMBINING = new Set(['Mn', 'Mc', 'Me']);
/** Categories drawn as a labelled blank box: nothing visible, or nothing a font would show. */
const BLANK = new Set(['Cf', 'Cs', 'Co', 'Cn', 'Zs', 'Zl', 'Zp']);
const DOTTED_CIRCLE = '\u25CC';

/** What the glyph area shows, and whether it is a stand-in for something invisible. */
function glyphOf(item: MatchItem): { text: string; blank: boolean } {
  const cp = parseInt(item.cp.slice(2), 16);
  if (item.category === 'Cc') {
    if (cp < 0x20) return { text: String.fromCodePoint(0x2400 + cp), blank: false }; // Control Pictures
    if (cp === 0x7f) return { text: '\u2421', blank: false };
    return { text: item.category, blank: true };
  }
  if (BLANK.has(item.category)) return { text: item.category, blank: true };
  if (COMBINING.has(item.category)) return { text: DOTTED_CIRCLE + item.char, blank: false };
  return { text: item.char, blank: false };
}

function span(className: string, text: string): HTMLSpanElement {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

export function tileFor(item: MatchItem): HTMLLIElement {
  const tile = document.createElement('button');
  tile.type = 'button';
  tile.className = 'tile';
  tile.tabIndex = -1;
  tile.dataset.char = item.char;
  tile.dataset.cp = item.cp;
  tile.title = item.matched ? `${item.name} [${item.matched}]` : item.name;
  tile.setAttribute('aria-label', `${item.cp} ${item.name}: copy`);
  const glyph = glyphOf(item);
  const glyphElement = span(glyph.blank ? 'glyph blank' : 'glyph', glyph.text);
  glyphElement.setAttribute('aria-hidden', 'true');
  tile.append(glyphElement, span('code', item.cp), span('name', item.name));
  const cell = document.createElement('li');
  cell.append(tile);
  return cell;
}

/** The grid's tiles, with one tab stop among them (the last one focused), moved by the arrow keys. */
export class TileGrid {
  private current: HTMLButtonElement | null = null;

  constructor(readonly element: HTMLUListElement) {
    element.addEventListener('keydown', (event) => this.onKey(event));
    element.addEventListener('focusin', (event) => {
      if (event.target instanceof HTMLButtonElement) this.makeCurrent(event.target);
    });
  }

  get count(): number {
    return this.element.childElementCount;
  }

  clear(): void {
    this.element.replaceChildren();
    this.current = null;
  }

  append(items: readonly MatchItem[]): void {
    const cells = document.createDocumentFragment();
    for (const item of items) cells.append(tileFor(item));
    this.element.append(cells);
    if (!this.current) {
      const first = this.tileAt(0);
      if (first) this.makeCurrent(first);
    }
  }

  private tileAt(i: number): HTMLButtonElement | null {
    return (this.element.children[i]?.firstElementChild as HTMLButtonElement | null) ?? null;
  }

  private makeCurrent(tile: HTMLButtonElement): void {
    if (this.current) this.current.tabIndex = -1;
    tile.tabIndex = 0;
    this.current = tile;
  }

  /** Tiles per row, as laid out now. */
  private columns(): number {
    const cells = this.element.children;
    const top = (cells[0] as HTMLElement | undefined)?.offsetTop;
    let n = 1;
    while (n < cells.length && (cells[n] as HTMLElement).offsetTop === top) n++;
    return n;
  }

  private onKey(event: KeyboardEvent): void {
    const cell = (event.target as HTMLElement).closest('li');
    if (!cell) return;
    const at = Array.prototype.indexOf.call(this.element.children, cell) as number;
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -this.columns(),
      ArrowDown: this.columns(),
      Home: -at,
      End: this.count - 1 - at,
      PageUp: -this.columns() * 4,
      PageDown: this.columns() * 4,
    };
    const move = step[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const target = this.tileAt(Math.max(0, Math.min(this.count - 1, at + move)));
    if (target) {
      this.makeCurrent(target);
      target.focus();
    }
  }
}
