/** Copying a character to the clipboard, and the small note that says so. */

const SHOWN_MS = 1600;

/** The clipboard API where the page is a secure context (localhost is); the old selection way elsewhere. */
async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

export class Copier {
  private hideTimer = 0;

  constructor(private readonly toast: HTMLElement) {}

  async copy(char: string, cp: string): Promise<void> {
    const copied = await writeClipboard(char);
    this.show(copied ? `Copied ${char} ${cp}` : `Could not copy ${cp}: select it by hand`);
  }

  /** A popover, shown anew each time: the top layer puts the newest on top, above the detail view's modal dialog. */
  private show(message: string): void {
    this.toast.textContent = message;
    if (this.toast.matches(':popover-open')) this.toast.hidePopover();
    this.toast.showPopover();
    clearTimeout(this.hideTimer);
    this.hideTimer = window.setTimeout(() => this.toast.hidePopover(), SHOWN_MS);
  }
}
