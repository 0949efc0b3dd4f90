// Shared DOM helpers: the page's elements by id, new elements, the status line.

/** The element with `id` (the page, index.html, has every id the panels use). */
export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** A new element with an optional class and text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The status line at the bottom of the window. */
export const status = (msg: string) => ($('status').textContent = msg);

/** The last part of a path, as the user knows the file. */
export const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** A short line for screen readers only (a hidden status region): what a pick or a
 * step on the map did, instead of re-reading the whole detail panel. */
export function announce(msg: string): void {
  const box = document.getElementById('announce');
  if (!box) return;
  // The same text twice is still news: clear first so it is read again.
  box.textContent = '';
  window.setTimeout(() => (box.textContent = msg), 30);
}
