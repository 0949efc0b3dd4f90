// The detail panel: one site picked in the list or on the map.
import { api } from '../api';
import { $, announce, rephrase } from '../dom';
import { fmt, t } from '../i18n';
import { attempt } from '../errors';
import { fitTo, highlightOverlay, select } from '../map';
import type { Ctx, Events } from '../store';
import { renderDetail } from '../view/detail';

/** Shows the site picked; `zoom` when picked in the list (the map then flies to it). */
function show(ctx: Ctx, { index, zoom, announced = true }: Events['picked']): Promise<void> {
  ctx.s.selected = index;
  select(ctx.map, index);
  return attempt(async () => {
    const d = await api.siteDetail(index);
    highlightOverlay(ctx.map, null, null);
    renderDetail(
      $('detail'),
      d,
      (i) => void ctx.emit('picked', { index: i, zoom: true }),
      (layer, feature) => highlightOverlay(ctx.map, layer, feature),
    );
    if (zoom && d.bounds) fitTo(ctx.map, d.bounds, 17);
    // The band comes from Rust in the window's language: a fetch after a language
    // switch gives the line its new words (start.ts then says it again).
    const line = () => t('detailShown', { id: d.name, score: fmt(d.score, 1), band: d.band });
    if (announced) announce(line, `site:${index}`);
    else rephrase(`site:${index}`, line);
    await ctx.emit('detail-shown', index);
  });
}

export function wireDetail(ctx: Ctx): void {
  ctx.on('picked', (p) => show(ctx, p));
}
