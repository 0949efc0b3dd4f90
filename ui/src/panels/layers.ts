// The map's layers: drawing a project's layers, the legend with its switches,
// and the optional background map.
import { api, type OverviewDto } from '../api';
import { $, status } from '../dom';
import { overlayLabel, t } from '../i18n';
import {
  BUILDING_COLOUR, CONGESTION_COLOURS, KNOCKOUT_COLOUR, LISTING_COLOUR, MUNICIPALITIES_COLOUR, OUTLINE_COLOUR, ROLE_COLOURS, SCORE_STOPS, setBasemap,
  setOverlayVisible, setVisible, showLayer, showOverlays, showSites, whenReady,
} from '../map';
import type { Ctx, Toggle } from '../store';
import { renderLegend } from '../view/legend';

/** Every layer of the project on the map; `fit` zooms to the sites. */
export async function drawLayers(ctx: Ctx, o: OverviewDto, fit: boolean): Promise<void> {
  const [buildings, listings, outline, congestion, overlays] = await Promise.all([
    api.layerGeojson('buildings'),
    api.layerGeojson('listings'),
    api.layerGeojson('outline'),
    api.layerGeojson('congestion'),
    Promise.all(o.overlays.map(async (ov) => ({ name: ov.name, role: ov.role, data: await api.overlayGeojson(ov.name), visible: !ctx.s.hiddenOverlays.has(ov.name) }))),
  ]);
  whenReady(ctx.map, () => {
    showOverlays(ctx.map, overlays);
    showLayer(ctx.map, 'buildings', buildings);
    showLayer(ctx.map, 'listings', listings);
    showLayer(ctx.map, 'outline', outline);
    showLayer(ctx.map, 'congestion', congestion);
    showSites(ctx.map, fit ? o.bounds : null);
  });
}

export function drawLegend(ctx: Ctx): void {
  const visible = ctx.s.visible;
  const toggles = [
    { key: 'buildings', label: t('layerBuildings'), colour: BUILDING_COLOUR, on: visible.buildings },
    { key: 'listings', label: t('layerListings'), colour: LISTING_COLOUR, on: visible.listings },
    { key: 'outline', label: t('layerOutline'), colour: OUTLINE_COLOUR, on: visible.outline },
    { key: 'municipalities', label: t('layerMunicipalities'), colour: MUNICIPALITIES_COLOUR, on: visible.municipalities },
    {
      key: 'congestion',
      label: t('layerCongestion'),
      colour: CONGESTION_COLOURS[1][1],
      on: visible.congestion,
      items: [
        [CONGESTION_COLOURS[0][1], t('congestionRed')],
        [CONGESTION_COLOURS[1][1], t('congestionOrange')],
        [CONGESTION_COLOURS[2][1], t('congestionYellow')],
        ['#ffffff', t('congestionTransparent')],
        ['hatch', t('congestionManaged')],
      ] as [string, string][],
    },
  ];
  // Each named overlay: its title, role and colour; switched like the others.
  const overlays = (ctx.s.overview?.overlays ?? []).map((o) => ({
    key: `overlay:${o.name}`,
    label: overlayLabel(o, ', '),
    name: o.name,
    colour: ROLE_COLOURS[o.role] ?? ROLE_COLOURS.constraint,
    on: !ctx.s.hiddenOverlays.has(o.name),
  }));
  renderLegend($('legend'), SCORE_STOPS, KNOCKOUT_COLOUR, [...toggles, ...overlays], (key, on) => {
    if (key.startsWith('overlay:')) {
      const name = key.slice('overlay:'.length);
      if (on) ctx.s.hiddenOverlays.delete(name);
      else ctx.s.hiddenOverlays.add(name);
      whenReady(ctx.map, () => setOverlayVisible(ctx.map, name, on));
      return;
    }
    visible[key as Toggle] = on;
    whenReady(ctx.map, () => setVisible(ctx.map, key as Toggle, on));
    // The operators' legend shows under the switch while it is on.
    if (key === 'congestion') drawLegend(ctx);
  });
}

export function wireLayers(ctx: Ctx): void {
  $('basemap').addEventListener('change', (e) => {
    const on = (e.target as HTMLInputElement).checked;
    whenReady(ctx.map, () =>
      setBasemap(ctx.map, on, () => {
        $<HTMLInputElement>('basemap').checked = false;
        status(t('basemapOffline'));
      }),
    );
  });
}
