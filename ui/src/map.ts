// The map: an offline plain base map, an optional PDOK base map, and the layers
// Rust sends. Colours read the score computed in Rust (feature-state after a
// rescore, the property before).
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { siteTileUrl, type FeatureCollection, type LayerKindDto } from './api';
import { fmt, t } from './i18n';

maplibregl.setWorkerUrl(workerUrl);

/** Layer ids, bottom to top: the one registry. */
export const LAYERS = {
  background: 'achtergrond',
  pdok: 'pdok-brt',
  municipalities: 'gemeenten-cbs',
  outline: 'gemeentegrens',
  buildings: 'panden',
  sites: 'locaties',
  sitesKnockout: 'locaties-afvaller',
  sitesEdge: 'locaties-rand',
  flags: 'locaties-vlag',
  listingsArea: 'rijksvastgoed-vlak',
  listingsPoint: 'rijksvastgoed-punt',
  congestion: 'congestiegebieden',
  congestionHatch: 'congestie-arcering',
  congestionEdge: 'congestie-rand',
  selected: 'locaties-selectie',
  /** Sites that are points themselves, at every zoom. */
  sitesPoint: 'locaties-punt',
  /** A marker per areal site when zoomed out (polygons are then below a pixel). */
  sitesMarker: 'locaties-marker',
  selectedPoint: 'locaties-selectie-punt',
  selectedMarker: 'locaties-selectie-marker',
} as const;

/** The layer inside the site tiles Rust cuts (`output::tiles::SITES_LAYER`). */
const SITES_TILE_LAYER = 'locaties';
/** Rust cuts tiles up to this zoom; MapLibre overzooms beyond (`tiles::MAX_ZOOM`). */
const SITES_MAX_ZOOM = 16;

/** PDOK BRT-Achtergrondkaart (WMTS, Web Mercator tiles); the CSP allows only this host. */
export const PDOK_TILES = 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png';

const SOURCES: Record<Exclude<LayerKindDto, 'parcels' | 'overlay'> | 'sites' | 'municipalities', string> = {
  sites: 'sites',
  municipalities: 'municipalities',
  buildings: 'buildings',
  listings: 'listings',
  outline: 'outline',
  congestion: 'congestion',
};

/** Which map layers belong to a toggle in the legend. */
export const TOGGLES = {
  buildings: [LAYERS.buildings],
  listings: [LAYERS.listingsArea, LAYERS.listingsPoint],
  outline: [LAYERS.outline],
  municipalities: [LAYERS.municipalities],
  congestion: [LAYERS.congestion, LAYERS.congestionHatch, LAYERS.congestionEdge],
} as const;

/** The capaciteitskaart legend (afname), keys as Rust sends them. */
export const CONGESTION_COLOURS: [string, string][] = [
  ['red', '#d7301f'],
  ['orange', '#fc8d59'],
  ['yellow', '#fee08b'],
  ['transparent', 'rgba(255,255,255,0)'],
  ['no_info', '#bdbdbd'],
];
const HATCH = 'arcering';

const scoreExpr = ['coalesce', ['feature-state', 'score'], ['get', 'score']];
const flagState = ['coalesce', ['feature-state', 'flag'], ''];
/** From this zoom a flagged polygon gets its 2.5 px outline in the flag's colour. */
const FLAG_LINE_MIN_ZOOM = 13;

/** Score → colour stops, used by the map style and its legend alike: viridis
 * reversed, light for a poor site and dark for a good one. Its lightness falls
 * steadily, so it reads the same with every colour-vision deficiency (a red-green
 * ramp put 0 and 100 at the same olive for deuteranopes). */
export const SCORE_STOPS: [number, string][] = [
  [0, '#fde725'],
  [45, '#35b779'],
  [70, '#31688e'],
  [100, '#440154'],
];
/** Knocked out: mid grey and, so colour is not the only cue, a hatch on polygons
 * (`KNOCKOUT_HATCH`) and a hollow dot. */
export const KNOCKOUT_COLOUR = '#9e9e9e';
const KNOCKOUT_HATCH = 'afvaller-arcering';
const knocked_out = ['boolean', ['get', 'knockout'], false] as never;
/** A site's fill: grey when knocked out, else its score on the colour ramp. */
const siteColour = ['case', knocked_out, KNOCKOUT_COLOUR, ['interpolate', ['linear'], scoreExpr, ...SCORE_STOPS.flat()]] as never;
/** Outline colour per flag status (keys as the core stores them). */
export const FLAG_COLOURS: Record<string, string> = {
  kansrijk: '#1b7837',
  in_onderzoek: '#0b3d91',
  aangeboden: '#762a83',
  gereserveerd: '#b35806',
  niet_geschikt: '#4d4d4d',
};
export const LISTING_COLOUR = '#6a3d9a';
export const BUILDING_COLOUR = '#8c96a0';
export const OUTLINE_COLOUR = '#154273';
export const MUNICIPALITIES_COLOUR = '#98a4b0';

const empty = (): maplibregl.GeoJSONSourceSpecification => ({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
const isPoint = ['==', ['geometry-type'], 'Point'] as never;
const notPoint = ['!=', ['geometry-type'], 'Point'] as never;
/** A site's own point (Rust marks it `pt`) or the marker of an areal site. */
const ownPoint = ['all', isPoint, ['has', 'pt']] as never;
const markerPoint = ['all', isPoint, ['!', ['has', 'pt']]] as never;
const noSelection = ['==', ['get', 'site_index'], -1] as never;

/** Sites as dots, coloured like the polygons; the outline shows the flag. */
function dotLayer(id: string, filter: never, maxzoom: number): maplibregl.CircleLayerSpecification {
  return {
    id,
    type: 'circle',
    source: SOURCES.sites,
    'source-layer': SITES_TILE_LAYER,
    filter,
    maxzoom,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 6, 3.5, 12, 5] as never,
      // A knocked-out site is a hollow grey ring: told apart by shape, not hue.
      'circle-color': ['case', knocked_out, '#ffffff', ['interpolate', ['linear'], scoreExpr as never, ...SCORE_STOPS.flat()]] as never,
      'circle-opacity': 0.9,
      'circle-stroke-color': ['match', ['coalesce', ['feature-state', 'flag'], ''], ...Object.entries(FLAG_COLOURS).flat(), ['case', knocked_out, '#616161', '#ffffff']] as never,
      'circle-stroke-width': ['match', ['coalesce', ['feature-state', 'flag'], ''], '', ['case', knocked_out, 2, 0.75], 2] as never,
    },
  };
}

/** The ring round a picked site that is drawn as a dot (filter set by `select`). */
function ringLayer(id: string, maxzoom: number): maplibregl.CircleLayerSpecification {
  return {
    id,
    type: 'circle',
    source: SOURCES.sites,
    'source-layer': SITES_TILE_LAYER,
    filter: ['all', isPoint, noSelection] as never,
    maxzoom,
    paint: { 'circle-radius': 8, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#0b3d91', 'circle-stroke-width': 3 },
  };
}

/** The layers that draw sites and answer clicks and hovering. */
const SITE_LAYERS = [LAYERS.sites, LAYERS.sitesMarker, LAYERS.sitesPoint];

function style(): maplibregl.StyleSpecification {
  return {
    version: 8,
    sources: {
      // Vector tiles cut in Rust per request (a Tauri custom protocol): a province or
      // the country does not fit one GeoJSON source. Sites too small to see are dots.
      [SOURCES.sites]: { type: 'vector', tiles: [siteTileUrl(tileVersion)], maxzoom: SITES_MAX_ZOOM },
      [SOURCES.buildings]: empty(),
      [SOURCES.listings]: empty(),
      [SOURCES.outline]: empty(),
      [SOURCES.municipalities]: empty(),
      [SOURCES.congestion]: empty(),
      pdok: { type: 'raster', tiles: [PDOK_TILES], tileSize: 256, minzoom: 6, maxzoom: 19, attribution: 'Kaartgegevens © Kadaster (BRT-Achtergrondkaart)' },
    },
    layers: [
      { id: LAYERS.background, type: 'background', paint: { 'background-color': '#eef1f4' } },
      { id: LAYERS.pdok, type: 'raster', source: 'pdok', layout: { visibility: 'none' } },
      {
        id: LAYERS.municipalities,
        type: 'line',
        source: SOURCES.municipalities,
        // The bundled boundaries are generalised (a few hundred metres): context for a
        // province or the country, faded out before they would cut across parcels.
        maxzoom: 11,
        paint: {
          'line-color': MUNICIPALITIES_COLOUR,
          'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.5, 10, 1] as never,
          'line-opacity': ['interpolate', ['linear'], ['zoom'], 9.5, 1, 11, 0] as never,
        },
      },
      { id: LAYERS.outline, type: 'line', source: SOURCES.outline, paint: { 'line-color': OUTLINE_COLOUR, 'line-width': 2, 'line-dasharray': [3, 2] } },
      { id: LAYERS.buildings, type: 'fill', source: SOURCES.buildings, minzoom: 13, paint: { 'fill-color': BUILDING_COLOUR, 'fill-opacity': 0.5, 'fill-outline-color': '#5a6570' } },
      {
        id: LAYERS.sites,
        type: 'fill',
        source: SOURCES.sites,
        'source-layer': SITES_TILE_LAYER,
        filter: notPoint,
        paint: {
          'fill-color': siteColour,
          'fill-opacity': 0.75,
          // Below FLAG_LINE_MIN_ZOOM a flag shows as the polygon's 1 px outline: the
          // fill's antialiasing pass draws it anyway, a line layer over a million
          // parcels doubled the frame time of a zoomed-out province.
          'fill-outline-color': ['match', flagState, ...Object.entries(FLAG_COLOURS).flat(), siteColour] as never,
        },
      },
      {
        id: LAYERS.sitesKnockout,
        type: 'fill',
        source: SOURCES.sites,
        'source-layer': SITES_TILE_LAYER,
        filter: ['all', notPoint, knocked_out] as never,
        paint: { 'fill-pattern': KNOCKOUT_HATCH },
      },
      { id: LAYERS.sitesEdge, type: 'line', source: SOURCES.sites, 'source-layer': SITES_TILE_LAYER, minzoom: 13, filter: notPoint, paint: { 'line-color': '#37474f', 'line-width': 0.5 } },
      {
        id: LAYERS.flags,
        type: 'line',
        source: SOURCES.sites,
        'source-layer': SITES_TILE_LAYER,
        minzoom: FLAG_LINE_MIN_ZOOM,
        filter: notPoint,
        paint: {
          'line-color': ['match', flagState, ...Object.entries(FLAG_COLOURS).flat(), 'rgba(0,0,0,0)'] as never,
          'line-width': 2.5,
        },
      },
      dotLayer(LAYERS.sitesMarker, markerPoint, 24),
      dotLayer(LAYERS.sitesPoint, ownPoint, 24),
      { id: LAYERS.listingsArea, type: 'line', source: SOURCES.listings, filter: ['!', isPoint] as never, paint: { 'line-color': LISTING_COLOUR, 'line-width': 2 } },
      { id: LAYERS.listingsPoint, type: 'circle', source: SOURCES.listings, filter: isPoint, paint: { 'circle-color': LISTING_COLOUR, 'circle-radius': 5, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } },
      // Over the sites, half transparent, off until switched on in the legend.
      {
        id: LAYERS.congestion,
        type: 'fill',
        source: SOURCES.congestion,
        layout: { visibility: 'none' },
        paint: { 'fill-color': ['match', ['get', 'afname'], ...CONGESTION_COLOURS.flat(), '#bdbdbd'] as never, 'fill-opacity': 0.55 },
      },
      {
        id: LAYERS.congestionHatch,
        type: 'fill',
        source: SOURCES.congestion,
        layout: { visibility: 'none' },
        filter: ['==', ['get', 'beheer'], true] as never,
        paint: { 'fill-pattern': HATCH },
      },
      { id: LAYERS.congestionEdge, type: 'line', source: SOURCES.congestion, layout: { visibility: 'none' }, paint: { 'line-color': '#7f2704', 'line-width': 1.5 } },
      { id: LAYERS.selected, type: 'line', source: SOURCES.sites, 'source-layer': SITES_TILE_LAYER, paint: { 'line-color': '#0b3d91', 'line-width': 3 }, filter: ['all', notPoint, noSelection] as never },
      ringLayer(LAYERS.selectedPoint, 24),
      ringLayer(LAYERS.selectedMarker, 24),
    ],
  };
}

/** MapLibre's own control texts: its defaults are English only. */
export function mapLocale(): Record<string, string> {
  return {
    'AttributionControl.ToggleAttribution': t('mapToggleAttribution'),
    'AttributionControl.MapFeedback': t('mapFeedback'),
    'Map.Title': t('mapTitle'),
    'NavigationControl.ResetBearing': t('mapResetBearing'),
    'NavigationControl.ZoomIn': t('mapZoomIn'),
    'NavigationControl.ZoomOut': t('mapZoomOut'),
    'Popup.Close': t('close'),
  };
}

let controls: maplibregl.IControl[] = [];
/** (Re)adds the zoom and attribution controls in the current language: MapLibre
 * reads its texts when a control is added. */
export function localiseMap(map: maplibregl.Map): void {
  for (const c of controls) map.removeControl(c);
  (map as unknown as { _locale: Record<string, string> })._locale = { ...(map as unknown as { _locale: object })._locale, ...mapLocale() };
  const canvas = map.getCanvas();
  canvas.setAttribute('aria-label', `${t('mapTitle')}. ${t('mapKeys')}`);
  controls = [new maplibregl.NavigationControl({ showCompass: false }), new maplibregl.AttributionControl({ compact: true })];
  map.addControl(controls[0], 'top-right');
  map.addControl(controls[1], 'bottom-right');
}

/** A site drawn on the map, as the keyboard steps through them. */
type SiteInView = { index: number; name: string; score: number; knocked_out: boolean; at: maplibregl.LngLat };

/** The sites drawn in the view, best first: what N and P step through. */
export function sitesInView(map: maplibregl.Map): SiteInView[] {
  const seen = new Map<number, SiteInView>();
  for (const f of map.queryRenderedFeatures(undefined, { layers: SITE_LAYERS.filter((l) => map.getLayer(l)) })) {
    const index = f.properties?.site_index;
    if (typeof index !== 'number' || seen.has(index)) continue;
    const state = f.state as { score?: number };
    seen.set(index, {
      index,
      name: siteName(f.properties),
      score: typeof state.score === 'number' ? state.score : Number(f.properties?.score ?? 0),
      knocked_out: f.properties?.knockout === true,
      at: centreOf(f.geometry),
    });
  }
  return [...seen.values()].sort((a, b) => Number(a.knocked_out) - Number(b.knocked_out) || b.score - a.score || a.index - b.index);
}

/** The middle of a feature's bounding box (a rendered tile piece, in degrees). */
function centreOf(g: maplibregl.MapGeoJSONFeature["geometry"]): maplibregl.LngLat {
  const b = new maplibregl.LngLatBounds();
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') b.extend(c as [number, number]);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  if ('coordinates' in g) walk(g.coordinates);
  return b.isEmpty() ? new maplibregl.LngLat(0, 0) : b.getCenter();
}

export function createMap(container: string, onClick: (index: number) => void, announce: (line: () => string) => void = () => {}): maplibregl.Map {
  const map = new maplibregl.Map({ container, style: style(), center: [5.39, 52.16], zoom: 12, attributionControl: false, locale: mapLocale() });
  map.once('load', () => ready.add(map));
  // Diagonal stripes for "congestiemanagement" and for knocked-out sites: drawn
  // here, no image file to load.
  const stripes = (rgba: number[], mirrored: boolean) => {
    const size = 8;
    const data = new Uint8Array(size * size * 4);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        if (((mirrored ? size - 1 - x : x) + y) % size < 2) data.set(rgba, (y * size + x) * 4);
    return { width: size, height: size, data };
  };
  map.on('styleimagemissing', (e) => {
    if (e.id === HATCH && !map.hasImage(HATCH)) map.addImage(HATCH, stripes([60, 20, 10, 200], false));
    if (e.id === KNOCKOUT_HATCH && !map.hasImage(KNOCKOUT_HATCH)) map.addImage(KNOCKOUT_HATCH, stripes([66, 66, 66, 220], true));
  });
  localiseMap(map);
  map.on('click', SITE_LAYERS, (e) => {
    const f = e.features?.[0];
    if (f && typeof f.properties?.site_index === 'number') onClick(f.properties.site_index);
  });
  const tip = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'tooltip' });
  map.on('mousemove', SITE_LAYERS, (e) => {
    const f = e.features?.[0];
    if (!f || f.id === undefined) return;
    map.getCanvas().style.cursor = 'pointer';
    // The fresh score after a rescore lives in feature-state; the property is the first one.
    const score = f.properties?.score as number;
    tip.setLngLat(e.lngLat).setHTML(tooltipHtml(siteName(f.properties), score, f.properties?.knockout === true)).addTo(map);
  });
  map.on('mouseleave', SITE_LAYERS, () => {
    map.getCanvas().style.cursor = '';
    tip.remove();
  });
  // The keyboard: N and P step through the sites in view (best first), showing the
  // tooltip a mouse would; Enter opens the one stepped to, or the one under the
  // centre. MapLibre keeps the arrows (pan) and + and − (zoom).
  let stepped: SiteInView | null = null;
  let steps: SiteInView[] = [];
  map.on('movestart', () => {
    steps = [];
    stepped = null;
  });
  map.getCanvas().addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    if (key === 'n' || key === 'p') {
      e.preventDefault();
      if (steps.length === 0) steps = sitesInView(map);
      if (steps.length === 0) {
        stepped = null;
        announce(() => t('mapNoSites'));
        return;
      }
      const at = stepped ? steps.findIndex((s) => s.index === stepped?.index) : -1;
      const next = at < 0 ? (key === 'n' ? 0 : steps.length - 1) : (at + (key === 'n' ? 1 : steps.length - 1)) % steps.length;
      stepped = steps[next];
      tip.setLngLat(stepped.at).setHTML(tooltipHtml(stepped.name, stepped.score, stepped.knocked_out)).addTo(map);
      const site = stepped;
      announce(() => t('mapStepped', { n: next + 1, of: steps.length, id: site.name, score: fmt(site.score, 1), ko: site.knocked_out ? `, ${t('knockedOut')}` : '' }));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const centre = map.project(map.getCenter());
      const under = map.queryRenderedFeatures(centre, { layers: SITE_LAYERS.filter((l) => map.getLayer(l)) })[0]?.properties?.site_index;
      const index = stepped?.index ?? (typeof under === 'number' ? under : null);
      if (index === null) announce(() => t('mapNoSiteHere'));
      else {
        tip.remove();
        onClick(index);
      }
    } else if (e.key === 'Escape') {
      stepped = null;
      tip.remove();
    }
  });
  return map;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A site's name as the tile carries it (named in Rust); its id in a tile without one. */
function siteName(p: { [name: string]: unknown } | null | undefined): string {
  return String(p?.name ?? p?.id ?? '');
}

/** The tooltip: score, the site as a planner names it, and whether it is knocked out. */
export function tooltipHtml(name: string, score: number, knocked_out: boolean): string {
  return `<strong>${fmt(score, 1)}</strong> <span lang="nl">${escapeHtml(name)}</span>${knocked_out ? ` · ${escapeHtml(t('knockedOut'))}` : ''}`;
}

/** Maps whose style has loaded. `isStyleLoaded()` is false again whenever a source
 * is loading tiles, and 'load' fires only once, so it cannot be used here. */
const ready = new WeakSet<maplibregl.Map>();

/** Runs `f` once the style is there (sources exist only after that). */
export function whenReady(map: maplibregl.Map, f: () => void): void {
  if (ready.has(map)) f();
  else map.once('load', f);
}

/** Bumped whenever the sites or their scores change: a new tile URL makes MapLibre
 * drop its tiles and fetch fresh ones (Rust cuts them anew for the new scoring). */
let tileVersion = 0;

function reloadSiteTiles(map: maplibregl.Map): void {
  tileVersion += 1;
  (map.getSource(SOURCES.sites) as maplibregl.VectorTileSource).setTiles([siteTileUrl(tileVersion)]);
}

/** The sites of a (newly) opened project or changed layer; `bounds` fits the view. */
export function showSites(map: maplibregl.Map, bounds: number[] | null): void {
  reloadSiteTiles(map);
  // New data means new ids: old feature-state would colour the wrong sites.
  map.removeFeatureState({ source: SOURCES.sites, sourceLayer: SITES_TILE_LAYER });
  flagged = [];
  if (bounds) fitTo(map, bounds);
}

export function showLayer(map: maplibregl.Map, kind: Exclude<LayerKindDto, 'parcels' | 'overlay'>, data: FeatureCollection): void {
  (map.getSource(SOURCES[kind]) as maplibregl.GeoJSONSource).setData(data as never);
}

/** The country's municipalities, the context under everything else. */
export function showMunicipalities(map: maplibregl.Map, data: FeatureCollection): void {
  (map.getSource(SOURCES.municipalities) as maplibregl.GeoJSONSource).setData(data as never);
}

export function setVisible(map: maplibregl.Map, toggle: keyof typeof TOGGLES, on: boolean): void {
  for (const id of TOGGLES[toggle]) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
}

export function fitTo(map: maplibregl.Map, bounds: number[], maxZoom = 18): void {
  map.fitBounds(bounds as [number, number, number, number], { padding: 40, duration: 0, maxZoom });
}

/**
 * Switches the PDOK base map. When its tiles fail (offline, blocked) it is
 * switched off again quietly and `onFail` is told once.
 */
type ErrorListener = (e: maplibregl.ErrorEvent & { sourceId?: string }) => void;
let basemapWatch: ErrorListener | null = null;
export function setBasemap(map: maplibregl.Map, on: boolean, onFail: () => void): void {
  if (basemapWatch) map.off('error', basemapWatch);
  basemapWatch = null;
  map.setLayoutProperty(LAYERS.pdok, 'visibility', on ? 'visible' : 'none');
  if (!on) return;
  const watch: ErrorListener = (e) => {
    if (e.sourceId !== 'pdok') return;
    map.off('error', watch);
    basemapWatch = null;
    map.setLayoutProperty(LAYERS.pdok, 'visibility', 'none');
    onFail();
  };
  basemapWatch = watch;
  map.on('error', watch);
}

/** Repaints after a rescore: only the tiles in view are cut again, with the new
 * scores (and, zoomed out, the new best site per dot); no site geometry crosses IPC. */
export function updateScores(map: maplibregl.Map): void {
  reloadSiteTiles(map);
}

/**
 * Dims the sites that do not match the list's flag filter ("" = all, "any", "none"
 * or a status); a style expression on the flag feature-state, nothing resent.
 */
export function setFlagFilter(map: maplibregl.Map, filter: string): void {
  const flag = ['coalesce', ['feature-state', 'flag'], ''];
  const matches =
    filter === '' ? true : filter === 'any' ? ['!=', flag, ''] : filter === 'none' ? ['==', flag, ''] : ['==', flag, filter];
  map.setPaintProperty(LAYERS.sites, 'fill-opacity', (filter === '' ? 0.75 : ['case', matches, 0.85, 0.08]) as never);
  for (const id of [LAYERS.sitesMarker, LAYERS.sitesPoint]) {
    map.setPaintProperty(id, 'circle-opacity', (filter === '' ? 0.9 : ['case', matches, 0.95, 0.1]) as never);
    map.setPaintProperty(id, 'circle-stroke-opacity', (filter === '' ? 1 : ['case', matches, 1, 0.1]) as never);
  }
}

let flagged: number[] = [];
/** Outlines flagged sites by status (feature-state, so the geometry is not resent). */
export function setFlags(map: maplibregl.Map, flags: { index: number; status: string }[]): void {
  const at = (id: number) => ({ source: SOURCES.sites, sourceLayer: SITES_TILE_LAYER, id });
  for (const id of flagged) map.setFeatureState(at(id), { flag: null });
  for (const f of flags) map.setFeatureState(at(f.index), { flag: f.status });
  flagged = flags.map((f) => f.index);
}

export function select(map: maplibregl.Map, index: number): void {
  const picked = ['==', ['get', 'site_index'], index];
  map.setFilter(LAYERS.selected, ['all', notPoint, picked] as never);
  map.setFilter(LAYERS.selectedPoint, ['all', ownPoint, picked] as never);
  map.setFilter(LAYERS.selectedMarker, ['all', markerPoint, picked] as never);
}

/** Overlay colours by role, told apart by colour-blind readers too (purple,
 * orange, blue from ColorBrewer's PuOr/RdBu ends). */
export const ROLE_COLOURS: Record<string, string> = { constraint: '#7b3294', zoning: '#e66101', amenity: '#2166ac' };
export const HIGHLIGHT_COLOUR = '#d7191c';

const overlayIds = (name: string) => ({
  source: `overlay-${name}`,
  fill: `overlay-${name}-vlak`,
  line: `overlay-${name}-rand`,
  point: `overlay-${name}-punt`,
  highlight: `overlay-${name}-uitgelicht`,
  highlightPoint: `overlay-${name}-uitgelicht-punt`,
});
let overlayNames: string[] = [];

/** The named overlay layers under the sites, coloured by role; layers no longer
 * in `overlays` are removed. */
export function showOverlays(
  map: maplibregl.Map,
  overlays: { name: string; role: string; data: FeatureCollection; visible: boolean }[],
): void {
  for (const old of overlayNames.filter((n) => !overlays.some((o) => o.name === n))) {
    const ids = overlayIds(old);
    for (const id of [ids.highlightPoint, ids.highlight, ids.point, ids.line, ids.fill]) if (map.getLayer(id)) map.removeLayer(id);
    if (map.getSource(ids.source)) map.removeSource(ids.source);
  }
  for (const o of overlays) {
    const ids = overlayIds(o.name);
    const colour = ROLE_COLOURS[o.role] ?? ROLE_COLOURS.constraint;
    const src = map.getSource(ids.source) as maplibregl.GeoJSONSource | undefined;
    if (src) src.setData(o.data as never);
    else map.addSource(ids.source, { type: 'geojson', data: o.data as never });
    const visibility = o.visible ? 'visible' : 'none';
    const below = LAYERS.sites;
    const polys = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
    const points = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false];
    const none = ['==', ['get', 'index'], -1];
    if (!map.getLayer(ids.fill)) {
      map.addLayer({ id: ids.fill, type: 'fill', source: ids.source, filter: polys as never, paint: { 'fill-color': colour, 'fill-opacity': 0.18 } }, below);
      map.addLayer({ id: ids.line, type: 'line', source: ids.source, filter: ['!', points] as never, paint: { 'line-color': colour, 'line-width': 1.5, 'line-dasharray': [3, 2] } }, below);
      map.addLayer({ id: ids.point, type: 'circle', source: ids.source, filter: points as never, paint: { 'circle-color': colour, 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 } }, below);
      map.addLayer({ id: ids.highlight, type: 'line', source: ids.source, filter: none as never, paint: { 'line-color': HIGHLIGHT_COLOUR, 'line-width': 4 } });
      map.addLayer({ id: ids.highlightPoint, type: 'circle', source: ids.source, filter: none as never, paint: { 'circle-color': HIGHLIGHT_COLOUR, 'circle-radius': 9, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
    }
    for (const id of [ids.fill, ids.line, ids.point]) map.setLayoutProperty(id, 'visibility', visibility);
  }
  overlayNames = overlays.map((o) => o.name);
}

export function setOverlayVisible(map: maplibregl.Map, name: string, on: boolean): void {
  const ids = overlayIds(name);
  for (const id of [ids.fill, ids.line, ids.point]) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
}

/** Outlines feature `index` of overlay `name` (the one that decided a criterion);
 * `null` clears every highlight. */
export function highlightOverlay(map: maplibregl.Map, name: string | null, index: number | null): void {
  for (const n of overlayNames) {
    const ids = overlayIds(n);
    const f = n === name && index !== null ? ['==', ['get', 'index'], index] : ['==', ['get', 'index'], -1];
    if (map.getLayer(ids.highlight)) map.setFilter(ids.highlight, f as never);
    if (map.getLayer(ids.highlightPoint)) map.setFilter(ids.highlightPoint, f as never);
  }
}
