// The weights: one slider per criterion, rescoring in Rust while dragging, and
// the stability check once dragging stops.
import { api, type OverviewDto } from '../api';
import { $ } from '../dom';
import { attempt } from '../errors';
import { criterionLabel } from '../i18n';
import { updateScores } from '../map';
import type { Ctx } from '../store';
import { renderDetail } from '../view/detail';
import { renderSensitivity } from '../view/sensitivity';
import { drawList, listQuery, refreshList } from './list';

export function renderWeights(ctx: Ctx, o: OverviewDto): void {
  $('weights').replaceChildren(
    ...o.criteria.map((c) => {
      const label = document.createElement('label');
      label.className = 'weight';
      const input = document.createElement('input');
      input.type = 'range';
      input.min = '0';
      input.max = '100';
      input.value = String(c.weight);
      input.dataset.key = c.key;
      const name = criterionLabel(c.key, c.label);
      input.setAttribute('aria-label', name);
      const value = document.createElement('output');
      value.textContent = String(c.weight);
      input.addEventListener('input', () => {
        value.textContent = input.value;
        scheduleRescore(ctx);
      });
      label.append(document.createTextNode(name), input, value);
      return label;
    }),
  );
}

let rescoreTimer: number | undefined;
function scheduleRescore(ctx: Ctx): void {
  window.clearTimeout(rescoreTimer);
  rescoreTimer = window.setTimeout(() => void rescore(ctx), 60);
}

// The stability check costs a dozen rescorings: it waits until dragging stops.
let sensitivityTimer: number | undefined;
function scheduleSensitivity(ctx: Ctx): void {
  window.clearTimeout(sensitivityTimer);
  sensitivityTimer = window.setTimeout(() => void refreshSensitivity(ctx), 400);
}

export const refreshSensitivity = (ctx: Ctx) =>
  attempt(async () => {
    ctx.s.sensitivity = await api.sensitivity();
    renderSensitivity($('sensitivity'), ctx.s.sensitivity);
    await refreshList(ctx);
  });

function rescore(ctx: Ctx): Promise<void> {
  const weights = [...document.querySelectorAll<HTMLInputElement>('#weights input')].map((i) => ({ key: i.dataset.key ?? '', weight: Number(i.value) }));
  const mine = ++ctx.s.listRequest;
  return attempt(async () => {
    performance.mark('rescore-start');
    const r = await api.setWeights(weights, listQuery());
    updateScores(ctx.map);
    // Read by the map benchmark (tests/e2e/tests/map_bench.rs).
    performance.measure('rescore', 'rescore-start');
    ctx.s.sensitivity = null;
    renderSensitivity($('sensitivity'), null);
    if (mine === ctx.s.listRequest) drawList(ctx, r.top);
    if (ctx.s.selected !== null) renderDetail($('detail'), await api.siteDetail(ctx.s.selected));
    scheduleSensitivity(ctx);
  });
}

export function wireWeights(ctx: Ctx): void {
  $('reset').addEventListener('click', () => {
    const o = ctx.s.overview;
    if (!o) return;
    document.querySelectorAll<HTMLInputElement>('#weights input').forEach((i) => {
      const c = o.criteria.find((c) => c.key === i.dataset.key);
      if (c) {
        i.value = String(c.default_weight);
        (i.nextElementSibling as HTMLOutputElement).textContent = i.value;
      }
    });
    void rescore(ctx);
  });
}
