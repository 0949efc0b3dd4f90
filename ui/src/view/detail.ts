// The detail panel of one site: its score per criterion, the spatial facts, the
// grid, the listing it belongs to and its own attributes. Everything comes from Rust.
import type { SiteDetailDto } from '../api';
import type { LinkedFeatureDto } from '../bindings/LinkedFeatureDto';
import { el } from '../dom';
import { criterionLabel, fieldLabel, fmt, t } from '../i18n';
import { idSpan } from './list';

/** The parcels or panden under a listing; those the current profile scores can be opened. */
function linkedList(title: string, items: LinkedFeatureDto[], shown: number, onPick?: (index: number) => void): HTMLElement[] {
  const list = el('ul', 'linked');
  if (items.length === 0) list.append(el('li', 'muted', t('listingNone')));
  for (const f of items) {
    const li = el('li');
    li.append(idSpan(f.id), el('span', 'share', t('listingShare', { pct: fmt(f.share_pct, f.share_pct % 1 === 0 ? 0 : 1) })));
    if (f.score !== null) li.append(el('span', 'score', fmt(f.score, 1)));
    const site = f.site;
    if (site !== null && site !== shown && onPick) {
      const b = el('button', 'link', t('listingOpen'));
      b.type = 'button';
      b.dataset.site = String(site);
      b.addEventListener('click', () => onPick(site));
      li.append(b);
    }
    list.append(li);
  }
  return [el('h4', undefined, title), list];
}

const GRID_SOURCE_KEY = { note: 'gridSourceNote', rvb: 'gridSourceRvb', area: 'gridSourceArea' } as const;

/** The site's grid status, where it came from and the operator's figures; indicative. */
function gridBlock(g: SiteDetailDto['grid']): HTMLElement {
  const box = el('section', 'grid');
  box.append(el('h3', undefined, t('gridTitle')));
  const dl = el('dl', 'attrs');
  const fact = (k: string, v: string) => dl.append(el('dt', undefined, k), el('dd', undefined, v));
  fact(t('gridStatus'), g.year === null ? g.status : `${g.status} (${g.year})`);
  const source = g.source as keyof typeof GRID_SOURCE_KEY | null;
  fact(t('gridSource'), source && source in GRID_SOURCE_KEY ? t(GRID_SOURCE_KEY[source]) : t('gridNone'));
  fact(t('gridDetail'), g.detail);
  if (g.phrase) {
    fact(t('gridPhrase'), `"${g.phrase}"`);
    (dl.lastElementChild as HTMLElement).lang = 'nl'; // words quoted from the note
  }
  if (g.operator) fact(t('gridOperator'), g.operator);
  if (g.queue_mw !== null) fact(t('gridQueue'), `${fmt(g.queue_mw, 1)} MW`);
  box.append(dl, el('p', 'muted', t('gridIndicative')));
  return box;
}

/** Each spatial criterion with the feature that decided it; a button shows that
 * feature on the map. */
function spatialBlock(facts: SiteDetailDto['spatial'], onShow?: (layer: string, feature: number) => void): HTMLElement {
  const box = el('section', 'spatial');
  box.append(el('h3', undefined, t('spatialTitle')));
  const ul = el('ul', 'spatial-facts');
  for (const f of facts) {
    const li = el('li', f.scored ? undefined : 'muted');
    li.dataset.key = f.key;
    li.append(el('span', undefined, f.text));
    const feature = f.feature;
    if (feature !== null && f.layer !== 'panden' && onShow) {
      const b = el('button', 'link', t('spatialShow'));
      b.type = 'button';
      b.dataset.layer = f.layer;
      b.dataset.feature = String(feature);
      b.addEventListener('click', () => onShow(f.layer, feature));
      li.append(' ', b);
    }
    ul.append(li);
  }
  box.append(ul);
  return box;
}

/** `onPick` opens a linked site (a parcel or pand of the listing shown);
 * `onShow` highlights the overlay feature that decided a spatial criterion. */
export function renderDetail(
  panel: HTMLElement,
  d: SiteDetailDto,
  onPick?: (index: number) => void,
  onShow?: (layer: string, feature: number) => void,
): void {
  const head = el('div', 'detail-head');
  // The name a planner reads on top (Dutch source data, as the attributes below);
  // the full identifier under it, as the exports write it.
  const name = el('div', 'detail-name', d.name);
  name.lang = 'nl';
  head.append(el('strong', 'detail-score', fmt(d.score, 1)), el('span', 'band', d.band), name, el('div', 'detail-id', d.id));
  const bars = el('div', 'bars');
  bars.append(el('h3', undefined, t('breakdown')));
  for (const c of d.criteria) {
    const row = el('div', c.knocked_out ? 'bar ko' : 'bar');
    const fill = el('div', 'fill');
    fill.style.width = `${Math.max(0, Math.min(100, c.score))}%`;
    const track = el('div', 'track');
    track.append(fill);
    const value = c.scored ? fmt(c.score) : t('notScored');
    row.append(el('span', 'label', `${criterionLabel(c.key, c.label)} (${fmt(c.share * 100)}%)`), track, el('span', 'value', value));
    bars.append(row);
  }
  const attrs = el('dl', 'attrs');
  for (const [k, v] of d.attributes) {
    // The file's own values: Dutch source data, read out as Dutch in either language.
    const dd = el('dd', undefined, v);
    dd.lang = 'nl';
    attrs.append(el('dt', undefined, fieldLabel(k)), dd);
  }
  const parts: HTMLElement[] = [head, el('p', 'explanation', d.explanation)];
  if (d.knockout_reasons.length > 0) {
    const ko = el('ul', 'knockouts');
    ko.append(...d.knockout_reasons.map((r) => el('li', undefined, r)));
    parts.push(ko);
  }
  parts.push(bars);
  if (d.spatial.length > 0) parts.push(spatialBlock(d.spatial, onShow));
  parts.push(gridBlock(d.grid));
  if (d.listing) {
    const box = el('section', 'listing');
    box.append(
      el('h3', undefined, t('listingTitle', { code: d.listing.code })),
      ...linkedList(t('listingParcels'), d.listing.parcels, d.index, onPick),
      ...linkedList(t('listingBuildings'), d.listing.buildings, d.index, onPick),
    );
    parts.push(box);
  }
  if (d.invalid_geometry) parts.push(el('p', 'warning', t('invalidGeometry')));
  parts.push(el('h3', undefined, t('attributes')), attrs, el('p', 'source', `${t('source')}: ${d.source_file} #${d.source_feature}`));
  panel.replaceChildren(...parts);
}
