// A message that survives one navigation: a mandate holder who decides loses read access to the
// case at once, so the confirmation is shown in the Postvak they are sent to.
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const m = pending;
  pending = null;
  return m;
}

/** The window event on which the Postvak count in the menu counts again. */
export const INBOX_CHANGED = 'casustafel:postvak';

/** Tells the Postvak link in the menu to count again. */
export function inboxChanged(): void {
  window.dispatchEvent(new Event(INBOX_CHANGED));
}
