// The detail panel: one site picked in the list or on the map.
import { api } from '../api';
import { $, announce } from '../dom';
import { fmt, t } from '../i18n';
import { attempt } from '../errors';
import { fitTo, highlightOverlay, select } from '../map';
import type { Ctx } from '../store';
import { renderDetail } from '../view';
import { showFlagPanel } from './flags';

/** Shows site `index`; `zoom` when picked in the list (the map then flies to it). */
export async function pick(ctx: Ctx, index: number, zoom: boolean, announced = true): Promise<void> {
  ctx.s.selected = index;
  select(ctx.map, index);
  document.querySelectorAll<HTMLElement>('#list .row').forEach((r) => {
    const on = r.dataset.index === String(index);
    r.classList.toggle('selected', on);
    r.setAttribute('aria-selected', String(on));
    // The list's one tab stop follows the pick, wherever it was made.
    r.tabIndex = on ? 0 : -1;
    // A pick on the map brings its row into view (happy-dom has no scrollIntoView).
    if (on && !zoom) r.scrollIntoView?.({ block: 'nearest' });
  });
  await attempt(async () => {
    const d = await api.siteDetail(index);
    highlightOverlay(ctx.map, null, null);
    renderDetail(
      $('detail'),
      d,
      (i) => void pick(ctx, i, true),
      (layer, feature) => highlightOverlay(ctx.map, layer, feature),
    );
    if (zoom && d.bounds) fitTo(ctx.map, d.bounds, 17);
    if (announced) announce(t('detailShown', { id: d.id, score: fmt(d.score, 1), band: d.band }));
    await showFlagPanel(index);
  });
}
