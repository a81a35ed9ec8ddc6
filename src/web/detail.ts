/**
 * The detail view: everything /api/char knows of one character or sequence,
 * in a modal dialog over the results. It fetches and draws; where the page's
 * URL and history stand is main.ts's business, which opens and closes it.
 * Text is set as text, never parsed as HTML.
 */
import type { CharInfo, CharReply, CodePointBrief, Encodings, ErrorReply, Escapes, SequenceInfo } from '../http/wire.js';
import type { Copier } from './copy.js';
import { glyphOf } from './tiles.js';

/**
 * A character or sequence as the page's URL names it: its code points in hex
 * joined by '-', `1F638` or `1F1EB-1F1F7` (readable in a shared link, where
 * `U+` would be written `U%2B`).
 */
export type CharId = string;

const CHAR_ID = /^[0-9A-F]{1,6}(-[0-9A-F]{1,6}){0,31}$/;

/** The id in a URL's `char=`, upper-cased; null when it is not one. */
export function parseCharId(text: string | null): CharId | null {
  const id = text?.trim().toUpperCase() ?? '';
  return CHAR_ID.test(id) ? id : null;
}

/** `U+1F1EB U+1F1F7` (a tile's code column, the API's `cp`) → `1F1EB-1F1F7`. */
export function charIdOf(code: string): CharId {
  return code.replaceAll('U+', '').split(' ').join('-');
}

/** `1F1EB-1F1F7` → `U+1F1EB U+1F1F7`: what /api/char takes. */
function notationOf(id: CharId): string {
  return id.split('-').map((hex) => `U+${hex.padStart(4, '0')}`).join(' ');
}

const UNIHAN_LABELS: Record<string, string> = {
  kDefinition: 'Definition (Unihan)',
  kMandarin: 'Mandarin',
  kCantonese: 'Cantonese',
  kJapanese: 'Japanese',
  kJapaneseOn: 'Japanese on',
  kJapaneseKun: 'Japanese kun',
  kKorean: 'Korean',
  kHangul: 'Hangul',
};

const ENCODING_LABELS: [keyof Encodings, string][] = [
  ['utf8', 'UTF-8'],
  ['utf16', 'UTF-16'],
  ['utf32', 'UTF-32'],
];

const ESCAPE_LABELS: [keyof Escapes, string][] = [
  ['html', 'HTML'],
  ['css', 'CSS'],
  ['javascript', 'JavaScript'],
  ['python', 'Python'],
  ['rust', 'Rust'],
  ['url', 'URL'],
];

export interface DetailLinks {
  /** The page's URL for an entry's own view: a real link, for a new tab or a shared copy. */
  hrefFor(id: CharId): string;
  /** A link in the view was followed (a plain click): main.ts moves history and shows it. */
  follow(id: CharId): void;
  /** Close was asked (the button, Escape): main.ts goes back in history, or drops `char` from the URL. */
  requestClose(): void;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text) made.textContent = text;
  return made;
}

export class DetailView {
  private readonly body: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  /** The entry shown or on its way. */
  private id: CharId | null = null;
  private controller: AbortController | null = null;
  /** What had the focus before the view opened: it gets it back. */
  private returnFocus: HTMLElement | null = null;
  /** True while hide() closes the dialog, so that its close event is not taken for the person's. */
  private hiding = false;

  constructor(
    private readonly dialog: HTMLDialogElement,
    private readonly copier: Copier,
    private readonly links: DetailLinks,
  ) {
    this.body = dialog.querySelector<HTMLElement>('.detail-body')!;
    this.heading = dialog.querySelector<HTMLHeadingElement>('#detail-title')!;
    dialog.querySelector('.detail-close')!.addEventListener('click', () => links.requestClose());
    // Escape: history moves first, and its popstate hides the view.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      links.requestClose();
    });
    // Closed some other way (a browser may refuse to cancel a cancel): history follows.
    dialog.addEventListener('close', () => {
      if (!this.hiding) links.requestClose();
    });
    dialog.addEventListener('click', (event) => this.onClick(event));
    // A click on the backdrop lands on the dialog itself, outside its box.
    dialog.addEventListener('pointerdown', (event) => {
      if (event.target === dialog && !this.inBox(event)) links.requestClose();
    });
  }

  get shown(): CharId | null {
    return this.dialog.open ? this.id : null;
  }

  /** Opens the view (if closed) on this entry, and fetches it. */
  show(id: CharId): void {
    if (!this.dialog.open) {
      this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      this.dialog.showModal();
    }
    if (id === this.id && this.controller === null && this.body.childElementCount > 0) return;
    this.id = id;
    this.heading.textContent = notationOf(id);
    this.body.replaceChildren(element('p', 'detail-loading', 'Loading…'));
    this.heading.focus();
    void this.load(id);
  }

  /** Closes the view; the focus goes back where it was (a tile). */
  hide(): void {
    this.controller?.abort();
    this.controller = null;
    this.id = null;
    if (this.dialog.open) {
      this.hiding = true;
      this.dialog.close();
      this.hiding = false;
    }
    const back = this.returnFocus;
    this.returnFocus = null;
    if (back?.isConnected) back.focus({ preventScroll: true });
  }

  private async load(id: CharId): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    try {
      const response = await fetch(`/api/char/${encodeURIComponent(notationOf(id))}`, { signal: controller.signal, headers: { Accept: 'application/json' } });
      const body = (await response.json()) as CharReply | ErrorReply;
      if (this.controller !== controller) return;
      this.controller = null;
      if (!response.ok) this.showError((body as ErrorReply).message);
      else this.render(body as CharReply);
    } catch (error) {
      if (this.controller !== controller) return;
      this.controller = null;
      this.showError(`the server did not answer (${(error as Error).message}); close and try again`);
    }
  }

  private showError(message: string): void {
    this.heading.textContent = 'Not found';
    this.body.replaceChildren(element('p', 'detail-error', message));
  }

  private render(info: CharReply): void {
    const name = info.kind === 'char' ? info.name : (info.name ?? 'Unnamed sequence');
    this.heading.textContent = name;
    document.title = `${name} — charfinder`;
    const category = info.kind === 'char' ? info.category : (info.codePoints[0]?.category ?? 'So');
    const glyph = glyphOf(info.char, category);
    const big = element('div', glyph.blank ? 'detail-glyph blank' : 'detail-glyph', glyph.text);
    big.setAttribute('aria-hidden', 'true');

    const summary = element('div', 'detail-summary');
    summary.append(element('p', 'detail-code', info.cp));
    const emojiForm = info.kind === 'char' ? info.emojiForm : null;
    const actions = element('p', 'detail-actions');
    actions.append(this.copyButton(emojiForm ?? info.char, emojiForm ? `${info.cp} U+FE0F` : info.cp, emojiForm ? `Copy ${emojiForm}` : 'Copy', 'primary'));
    if (emojiForm) actions.append(this.copyButton(info.char, info.cp, `Copy text form ${info.char}`));
    summary.append(actions);

    const top = element('div', 'detail-top');
    top.append(big, summary);
    const properties = info.kind === 'char' ? this.charProperties(info) : this.sequenceProperties(info);
    this.body.replaceChildren(top, this.section('Properties', properties), this.section('Encodings and escapes', this.writtenForms(info)));
  }

  private charProperties(info: CharInfo): HTMLDListElement {
    const list = element('dl', 'detail-properties');
    const add = (term: string, ...values: (Node | string)[]) => {
      const definition = element('dd');
      definition.append(...values);
      list.append(element('dt', '', term), definition);
    };
    if (info.emojiForm) add('Emoji form', `${info.emojiForm} (${info.cp} U+FE0F)`);
    for (const { alias, type } of info.aliases) add('Alias', `${alias} (${type})`);
    for (const alias of info.informalAliases) add('Also called', alias);
    add('Block', info.block);
    add('Script', info.script);
    add('Category', `${info.category} (${info.categoryName})`);
    add('Age', info.age === null ? 'unassigned' : `Unicode ${info.age}`);
    if (info.bidiClass) add('Bidi class', info.bidiClass);
    if (info.eastAsianWidth) add('East Asian width', info.eastAsianWidth);
    if (info.decomposition) {
      const { type, codePoints } = info.decomposition;
      add('Decomposition', ...(type === 'canonical' ? [] : [`<${type}> `]), ...this.codeLinks(codePoints));
    }
    if (info.uppercase.length) add('Uppercase', ...this.codeLinks(info.uppercase));
    if (info.lowercase.length) add('Lowercase', ...this.codeLinks(info.lowercase));
    if (info.titlecase.length) add('Titlecase', ...this.codeLinks(info.titlecase));
    if (info.numeric) add('Numeric value', `${info.numeric.value} (${info.numeric.type})`);
    if (info.emoji.length) add('Emoji', info.emoji.join(', '));
    for (const { language, name, keywords } of info.cldr) {
      if (name !== null) add(`CLDR name (${language})`, name);
      if (keywords.length) add(`CLDR keywords (${language})`, keywords.join(' · '));
    }
    for (const [field, value] of Object.entries(info.unihan)) add(UNIHAN_LABELS[field] ?? field, value);
    for (const note of info.notes) add('Note', note);
    if (info.seeAlso.length) add('See also', this.briefLinks(info.seeAlso));
    return list;
  }

  private sequenceProperties(info: SequenceInfo): HTMLDListElement {
    const list = element('dl', 'detail-properties');
    const add = (term: string, ...values: (Node | string)[]) => {
      const definition = element('dd');
      definition.append(...values);
      list.append(element('dt', '', term), definition);
    };
    add('Kind', info.sequenceKind === null ? 'a sequence the index does not hold' : `${info.sequenceKind} sequence`);
    for (const { alias, type } of info.aliases) add('Alias', `${alias} (${type})`);
    if (info.age !== null) add('Age', `Unicode ${info.age}`);
    add('Code points', this.briefLinks(info.codePoints));
    return list;
  }

  /** Each encoding and escape with its own copy button; none for a form that cannot hold the text. */
  private writtenForms(info: CharReply): HTMLDListElement {
    const list = element('dl', 'detail-written');
    const add = (label: string, value: string | null) => {
      const definition = element('dd');
      if (value === null) definition.append(element('span', 'detail-none', 'none (a surrogate code point is not a character)'));
      else definition.append(element('code', '', value), this.copyButton(value, `${label} of ${info.cp}`, 'Copy', '', `Copy ${label}`));
      list.append(element('dt', '', label), definition);
    };
    for (const [key, label] of ENCODING_LABELS) add(label, info.encodings[key]);
    for (const [key, label] of ESCAPE_LABELS) add(label, info.escapes[key]);
    return list;
  }

  private section(title: string, content: HTMLElement): HTMLElement {
    const section = element('section', 'detail-section');
    section.append(element('h3', '', title), content);
    return section;
  }

  private copyButton(text: string, what: string, label: string, className = '', ariaLabel = ''): HTMLButtonElement {
    const button = element('button', className ? `detail-copy ${className}` : 'detail-copy', label);
    button.type = 'button';
    button.dataset.copy = text;
    button.dataset.what = what;
    if (ariaLabel) button.setAttribute('aria-label', ariaLabel);
    return button;
  }

  /** A link to an entry's own view. */
  private link(id: CharId, ...content: (Node | string)[]): HTMLAnchorElement {
    const anchor = element('a', 'detail-link');
    anchor.href = this.links.hrefFor(id);
    anchor.dataset.char = id;
    anchor.append(...content);
    return anchor;
  }

  /** `U+0065 e`, one link per code point (decompositions and case mappings). */
  private codeLinks(codePoints: string[]): Node[] {
    const nodes: Node[] = [];
    codePoints.forEach((code, i) => {
      if (i > 0) nodes.push(document.createTextNode(' '));
      const char = String.fromCodePoint(parseInt(code.slice(2), 16));
      // Only code points here, no category: the browser's own Unicode data tells a mark, to draw it on ◌.
      const shown = /^\p{M}/u.test(char) ? glyphOf(char, 'Mn').text : char;
      nodes.push(this.link(charIdOf(code), code, element('span', 'detail-link-char after', shown)));
    });
    return nodes;
  }

  /** Cross-references and a sequence's parts: glyph, code point and name, each a link. */
  private briefLinks(briefs: CodePointBrief[]): HTMLUListElement {
    const list = element('ul', 'detail-briefs');
    for (const brief of briefs) {
      const glyph = glyphOf(brief.char, brief.category);
      const item = element('li');
      item.append(this.link(charIdOf(brief.cp), element('span', glyph.blank ? 'detail-link-char blank' : 'detail-link-char', glyph.text), `${brief.cp} ${brief.name}`));
      list.append(item);
    }
    return list;
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const copy = target.closest<HTMLButtonElement>('button.detail-copy');
    if (copy) {
      void this.copier.copy(copy.dataset.copy ?? '', copy.dataset.what ?? '');
      return;
    }
    const anchor = target.closest<HTMLAnchorElement>('a.detail-link');
    // A plain click stays in this page; with a modifier, the browser opens the link where it was asked to.
    if (anchor && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      this.links.follow(anchor.dataset.char!);
    }
  }

  private inBox(event: MouseEvent): boolean {
    const box = this.dialog.getBoundingClientRect();
    return event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
  }
}
