// The map: an offline plain base map plus the scored sites. Colours read the
// score computed in Rust (feature-state after a rescore, the property before).
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { fmt, t } from './i18n';

maplibregl.setWorkerUrl(workerUrl);

/** Layer ids and their order, bottom to top: the one registry. */
export const LAYERS = { background: 'achtergrond', sites: 'locaties', outline: 'locaties-rand', selected: 'locaties-selectie' } as const;
const SOURCE = 'sites';

const scoreExpr = ['coalesce', ['feature-state', 'score'], ['get', 'score']];

/** Score → colour stops, used by the map style and its legend alike. */
export const SCORE_STOPS: [number, string][] = [
  [0, '#b2182b'],
  [45, '#ef8a62'],
  [70, '#a6d96a'],
  [100, '#1a9641'],
];
export const KNOCKOUT_COLOUR = '#9e9e9e';

export function createMap(container: string, onClick: (index: number) => void): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: LAYERS.background, type: 'background', paint: { 'background-color': '#eef1f4' } }],
    },
    center: [5.39, 52.16],
    zoom: 12,
    attributionControl: false,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.on('click', LAYERS.sites, (e) => {
    const f = e.features?.[0];
    if (f && typeof f.properties?.site_index === 'number') onClick(f.properties.site_index);
  });
  const tip = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'tooltip' });
  map.on('mousemove', LAYERS.sites, (e) => {
    const f = e.features?.[0];
    if (!f || f.id === undefined) return;
    map.getCanvas().style.cursor = 'pointer';
    // The fresh score after a rescore lives in feature-state; the property is the first one.
    const score = (map.getFeatureState({ source: SOURCE, id: f.id }).score as number | undefined) ?? (f.properties?.score as number);
    tip.setLngLat(e.lngLat).setHTML(tooltipHtml(String(f.properties?.id ?? ''), score, f.properties?.knockout != null)).addTo(map);
  });
  map.on('mouseleave', LAYERS.sites, () => {
    map.getCanvas().style.cursor = '';
    tip.remove();
  });
  return map;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function tooltipHtml(id: string, score: number, knockedOut: boolean): string {
  const tail = id.length > 28 ? `…${id.slice(-27)}` : id;
  return `<strong>${fmt(score, 1)}</strong> ${escapeHtml(tail)}${knockedOut ? ` · ${escapeHtml(t('knockedOut'))}` : ''}`;
}

export function showSites(map: maplibregl.Map, geojson: string, bounds: number[] | null): void {
  const data = JSON.parse(geojson);
  const src = map.getSource(SOURCE) as maplibregl.GeoJSONSource | undefined;
  if (src) {
    src.setData(data);
  } else {
    map.addSource(SOURCE, { type: 'geojson', data, promoteId: 'site_index' });
    map.addLayer({
      id: LAYERS.sites,
      type: 'fill',
      source: SOURCE,
      paint: {
        'fill-color': [
          'case',
          ['!=', ['get', 'knockout'], null],
          KNOCKOUT_COLOUR,
          ['interpolate', ['linear'], scoreExpr as never, ...SCORE_STOPS.flat()],
        ] as never,
        'fill-opacity': 0.8,
      },
    });
    map.addLayer({ id: LAYERS.outline, type: 'line', source: SOURCE, paint: { 'line-color': '#37474f', 'line-width': 0.5 } });
    map.addLayer({
      id: LAYERS.selected,
      type: 'line',
      source: SOURCE,
      paint: { 'line-color': '#0b3d91', 'line-width': 3 },
      filter: ['==', ['get', 'site_index'], -1],
    });
  }
  if (bounds) map.fitBounds(bounds as [number, number, number, number], { padding: 30, duration: 0 });
}

/** Repaints after a rescore: Rust sent every site's new score. */
export function updateScores(map: maplibregl.Map, scores: number[]): void {
  scores.forEach((score, id) => map.setFeatureState({ source: SOURCE, id }, { score }));
}

export function select(map: maplibregl.Map, index: number): void {
  map.setFilter(LAYERS.selected, ['==', ['get', 'site_index'], index]);
}
