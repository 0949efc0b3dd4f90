// The ranked list: its query (Rust sorts and filters), and the sites chosen in it.
import { api, type ListQueryDto } from '../api';
import { $, status } from '../dom';
import { attempt } from '../errors';
import { t } from '../i18n';
import type { Ctx } from '../store';
import { renderList, type Chooser } from '../view/list';

const LIMIT = 200;
const COMPARE_MAX = 4;

/** The list controls as a query. */
export function listQuery(): ListQueryDto {
  const min = Number($<HTMLInputElement>('min-score').value);
  return {
    sort: $<HTMLSelectElement>('sort').value as ListQueryDto['sort'],
    ascending: false,
    min_score: Number.isFinite(min) ? Math.max(0, Math.min(100, min)) : 0,
    include_knockouts: $<HTMLInputElement>('show-ko').checked,
    text: $<HTMLInputElement>('search').value,
    limit: LIMIT,
    flag: $<HTMLSelectElement>('flag-filter').value || null,
    free_only: $<HTMLInputElement>('free-only').checked,
    unconstrained_only: $<HTMLInputElement>('unconstrained-only').checked,
  };
}

/** The choose boxes of the list: at most four sites. */
export function chooser(ctx: Ctx): Chooser {
  const chosen = ctx.s.chosen;
  return {
    chosen,
    toggle: (index, on) => {
      if (on && chosen.size >= COMPARE_MAX) {
        status(t('compareMax'));
        return false;
      }
      if (on) chosen.add(index);
      else chosen.delete(index);
      updateChosen(ctx);
      return true;
    },
  };
}

export function updateChosen(ctx: Ctx): void {
  const n = ctx.s.chosen.size;
  $('compare-count').textContent = t('compareChosen', { n });
  $<HTMLButtonElement>('compare').disabled = n < 2;
  $<HTMLButtonElement>('wp-add').disabled = n === 0;
  $<HTMLButtonElement>('compare-clear').disabled = n === 0;
}

/** Draws `rows` as the list, with the current selection and choice. */
export function drawList(ctx: Ctx, rows: Parameters<typeof renderList>[1]): void {
  renderList($('list'), rows, ctx.s.selected, (i) => void ctx.emit('picked', { index: i, zoom: true }), ctx.s.sensitivity, chooser(ctx));
}

/** Asks Rust for the list; a slow answer never overwrites a newer one. */
export function refreshList(ctx: Ctx): Promise<void> {
  const mine = ++ctx.s.listRequest;
  return attempt(async () => {
    const rows = await api.ranking(listQuery());
    if (mine === ctx.s.listRequest) drawList(ctx, rows);
  });
}

/** Marks the row of the site picked, wherever it was picked. */
function markPicked(index: number, zoom: boolean): void {
  document.querySelectorAll<HTMLElement>('#list .row').forEach((r) => {
    const on = r.dataset.index === String(index);
    r.classList.toggle('selected', on);
    r.setAttribute('aria-selected', String(on));
    // The list's one tab stop follows the pick, wherever it was made.
    r.tabIndex = on ? 0 : -1;
    // A pick on the map brings its row into view (happy-dom has no scrollIntoView).
    if (on && !zoom) r.scrollIntoView?.({ block: 'nearest' });
  });
}

export function wireList(ctx: Ctx): void {
  ctx.on('picked', ({ index, zoom }) => markPicked(index, zoom));
  // A flag shows in its row and the flag filter may drop it.
  ctx.on('flags-changed', () => refreshList(ctx));
  for (const id of ['sort', 'min-score', 'show-ko', 'free-only', 'unconstrained-only', 'flag-filter']) $(id).addEventListener('change', () => void refreshList(ctx));
  let searchTimer: number | undefined;
  $('search').addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void refreshList(ctx), 150);
  });
  $('compare-clear').addEventListener('click', () => {
    ctx.s.chosen.clear();
    updateChosen(ctx);
    document.querySelectorAll<HTMLElement>('#list .choose.on').forEach((b) => b.classList.remove('on'));
    document.querySelectorAll<HTMLElement>('#list .row[aria-checked]').forEach((r) => r.setAttribute('aria-checked', 'false'));
  });
}
