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

/** How to say a line in the window's current language (it calls `t`). */
export type Line = () => string;

/** The last line said, kept as a way to say it, so a language switch can say it
 * again in the new language; `key` names what it is about ("site:3"). */
let said: { line: Line; key: string | null } | null = null;

/** A short line for screen readers only (a hidden status region): what a pick or a
 * step on the map did, instead of re-reading the whole detail panel. Give a
 * {@link Line} rather than a rendered string, so {@link reannounce} can say it in
 * another language. */
export function announce(msg: string | Line, key: string | null = null): void {
  const line = typeof msg === 'string' ? () => msg : msg;
  said = { line, key };
  sayNow(line());
}

/** A fresher way to say line `key` (its site fetched again in the new language),
 * if that is still the line on record; says nothing yet. */
export function rephrase(key: string, line: Line): void {
  if (said?.key === key) said.line = line;
}

/** After a language switch: the status region says its last line again, now in
 * the window's language, so what a screen reader reads back matches the window. */
export function reannounce(): void {
  if (said) sayNow(said.line());
}

function sayNow(msg: string): void {
  const box = document.getElementById('announce');
  if (!box) return;
  // The same text twice is still news: clear first so it is read again.
  box.textContent = '';
  window.setTimeout(() => (box.textContent = msg), 30);
}
