// The window: creates the map and the store, wires every panel (panels/*.ts)
// and opens the last project. Kept apart from main.ts so tests can run it
// against a mocked api.
import { api, type FetchRequestDto, type LayerKindDto } from './api';
import { showError } from './errors';
import { getLang, setLang } from './i18n';
import { createMap, localiseMap, showMunicipalities, whenReady } from './map';
import { $, announce } from './dom';
import { pick } from './panels/detail';
import { wireFetch } from './panels/fetch';
import { fillFlagSelects, wireFlags } from './panels/flags';
import { wireDrop, wireImport } from './panels/import';
import { drawLegend, wireLayers } from './panels/layers';
import { refreshList, wireList } from './panels/list';
import { openStart, wireProject } from './panels/project';
import { renderWeights, wireWeights } from './panels/weights';
import { wireCompare } from './panels/compare';
import { wireWerkprogramma } from './panels/werkprogramma';
import { wireRegio } from './panels/regio';
import { createStore, type Ctx } from './store';
import { renderLayers, renderSensitivity } from './view';

export async function start(): Promise<void> {
  const ctx: Ctx = { s: createStore(), map: createMap('map', (i) => void pick(ctx, i, false), announce) };
  // The end-to-end test asks MapLibre what it rendered (queryRenderedFeatures).
  window.locatiescoutMap = ctx.map;
  // The country around every project, loaded once; the map works without it.
  void api
    .municipalitiesGeojson()
    .then((g) => whenReady(ctx.map, () => showMunicipalities(ctx.map, g)))
    .catch((e: unknown) => showError(e));

  wireList(ctx);
  wireFlags(ctx);
  wireWeights(ctx);
  wireLayers(ctx);
  wireProject(ctx);
  wireImport(ctx);
  wireCompare(ctx);
  wireWerkprogramma(ctx);
  wireRegio();
  wireFetch(ctx);
  $('message-close').addEventListener('click', () => ($('message').hidden = true));
  $('lang').addEventListener('click', () => switchLanguage(ctx));
  await wireDrop(ctx);

  setLang('nl');
  drawLegend(ctx);
  fillFlagSelects();
  api.defaultAuthor().then((a) => ($<HTMLInputElement>('flag-author').value = a), () => {});
  await openStart(ctx);
}

/** Nederlands ⇄ English: everything drawn is drawn again in the other language. */
function switchLanguage(ctx: Ctx): void {
  const next = getLang() === 'nl' ? 'en' : 'nl';
  setLang(next);
  $('lang').textContent = next === 'nl' ? 'EN' : 'NL';
  // The name starts with what the button shows (WCAG 2.5.3) and says it in that language.
  $('lang').setAttribute('aria-label', next === 'nl' ? 'EN – English' : 'NL – Nederlands');
  $('lang').setAttribute('lang', next === 'nl' ? 'en' : 'nl');
  localiseMap(ctx.map);
  drawLegend(ctx);
  fillFlagSelects();
  if (ctx.s.overview) {
    renderWeights(ctx, ctx.s.overview);
    renderLayers($('layers'), ctx.s.overview.layers);
  }
  renderSensitivity($('sensitivity'), ctx.s.sensitivity);
  if (ctx.s.selected !== null) void pick(ctx, ctx.s.selected, false, false);
  void refreshList(ctx);
}

declare global {
  interface Window {
    locatiescoutMap?: ReturnType<typeof createMap>;
    locatiescoutImport?: (path: string, kind: LayerKindDto) => Promise<void>;
    locatiescoutCompareExport?: (path: string) => Promise<void>;
    locatiescoutProjectNew?: (path: string, file: string, kind: LayerKindDto) => Promise<void>;
    locatiescoutFlagsExport?: (path: string) => Promise<void>;
    locatiescoutFlagsImport?: (path: string) => Promise<void>;
    locatiescoutWerkprogrammaExport?: (path: string) => Promise<void>;
    locatiescoutFetchPdok?: (request: FetchRequestDto) => Promise<void>;
    locatiescoutRegio?: (paths: string[], expected: string) => Promise<void>;
    locatiescoutRegioExport?: (path: string) => Promise<void>;
  }
}
