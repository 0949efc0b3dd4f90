// Rendering of the list and detail panel. Everything shown comes from Rust.
import type { SiteDetailDto, SiteRowDto } from './api';
import { fieldLabel, fmt, t } from './i18n';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Long BRK/BAG ids differ at the end: cut at the front so the end stays readable. */
function idSpan(id: string): HTMLElement {
  const s = el('span', 'id', id.length > 28 ? `…${id.slice(-27)}` : id);
  s.title = id;
  return s;
}

export function renderList(list: HTMLElement, rows: SiteRowDto[], selected: number | null, onPick: (i: number) => void): void {
  list.replaceChildren(
    ...rows.map((r) => {
      const li = el('li', r.knockedOut ? 'row ko' : 'row');
      li.tabIndex = 0;
      li.dataset.index = String(r.index);
      if (r.index === selected) li.classList.add('selected');
      li.append(
        el('span', 'score', fmt(r.score, 1)),
        idSpan(r.id),
        el('span', 'homes', `${fmt(r.homes)} ${t('homes')}`),
        el('span', 'explanation', r.explanation),
      );
      li.addEventListener('click', () => onPick(r.index));
      li.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onPick(r.index);
        } else if (e.key === 'ArrowDown') {
          (li.nextElementSibling as HTMLElement | null)?.focus();
        } else if (e.key === 'ArrowUp') {
          (li.previousElementSibling as HTMLElement | null)?.focus();
        }
      });
      return li;
    }),
  );
}

export function renderDetail(panel: HTMLElement, d: SiteDetailDto): void {
  const head = el('div', 'detail-head');
  head.append(el('strong', 'detail-score', fmt(d.score, 1)), el('span', 'band', d.band), el('div', 'detail-id', d.id));
  const bars = el('div', 'bars');
  bars.append(el('h3', undefined, t('breakdown')));
  for (const c of d.criteria) {
    const row = el('div', c.knockedOut ? 'bar ko' : 'bar');
    const fill = el('div', 'fill');
    fill.style.width = `${Math.max(0, Math.min(100, c.score))}%`;
    const track = el('div', 'track');
    track.append(fill);
    row.append(el('span', 'label', `${c.label} (${fmt(c.share * 100)}%)`), track, el('span', 'value', fmt(c.score)));
    bars.append(row);
  }
  const attrs = el('dl', 'attrs');
  for (const [k, v] of d.attributes) attrs.append(el('dt', undefined, fieldLabel(k)), el('dd', undefined, v));
  const parts: HTMLElement[] = [head, el('p', 'explanation', d.explanation), bars];
  if (d.invalidGeometry) parts.push(el('p', 'warning', t('invalidGeometry')));
  parts.push(el('h3', undefined, t('attributes')), attrs, el('p', 'source', `${t('source')}: ${d.sourceFile} #${d.sourceFeature}`));
  panel.replaceChildren(...parts);
}

/** The map legend: the score scale and the knock-out colour, from the map's own stops. */
export function renderLegend(box: HTMLElement, stops: [number, string][], knockout: string): void {
  const bar = el('div', 'legend-bar');
  bar.style.background = `linear-gradient(to right, ${stops.map(([v, c]) => `${c} ${v}%`).join(', ')})`;
  const ticks = el('div', 'legend-ticks');
  ticks.append(
    ...stops.map(([v]) => {
      const tick = el('span', undefined, String(v));
      tick.style.left = `${v}%`; // at its place on the bar, not evenly spread
      return tick;
    }),
  );
  const ko = el('div', 'legend-ko');
  const swatch = el('span', 'swatch');
  swatch.style.background = knockout;
  ko.append(swatch, el('span', undefined, t('knockedOut')));
  box.replaceChildren(el('div', 'legend-title', t('legendScore')), bar, ticks, ko);
}
