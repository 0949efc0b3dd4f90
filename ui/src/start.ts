// The window: creates the map and the store, wires every panel (panels/*.ts)
// and opens the last project. Kept apart from main.ts so tests can run it
// against a mocked api.
import { api, type FetchRequestDto, type LayerKindDto } from './api';
import { showError } from './errors';
import { dictionaries, getLang, setLang, t } from './i18n';
import { createMap, localiseMap, showMunicipalities, whenReady } from './map';
import { $, announce, reannounce, status } from './dom';
import { wireDetail } from './panels/detail';
import { wireFetch } from './panels/fetch';
import { fillFlagSelects, wireFlags } from './panels/flags';
import { wireDrop, wireImport } from './panels/import';
import { drawLegend, wireLayers } from './panels/layers';
import { refreshList, updateChosen, wireList } from './panels/list';
import { openStart, wireProject } from './panels/project';
import { renderWeights, wireWeights } from './panels/weights';
import { wireCompare } from './panels/compare';
import { wireWerkprogramma } from './panels/werkprogramma';
import { wireRegio } from './panels/regio';
import { createBus, createStore, type Ctx } from './store';
import { renderLayers } from './view/layers';
import { renderSensitivity } from './view/sensitivity';

export async function start(): Promise<void> {
  const ctx: Ctx = { s: createStore(), ...createBus(), map: createMap('map', (index) => void ctx.emit('picked', { index, zoom: false }), announce) };
  // The end-to-end test asks MapLibre what it rendered (queryRenderedFeatures).
  window.locatiescoutMap = ctx.map;
  window.locatiescoutTexts = dictionaries;
  // The country around every project, loaded once; the map works without it.
  void api
    .municipalitiesGeojson()
    .then((g) => whenReady(ctx.map, () => showMunicipalities(ctx.map, g)))
    .catch((e: unknown) => showError(e));

  // Handlers run in the order they subscribe: a picked row is marked in the list
  // before the detail panel asks Rust for the site.
  wireList(ctx);
  wireDetail(ctx);
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
  wireSkipLinks();
  $('lang').addEventListener('click', () => void switchLanguage(ctx));
  await wireDrop(ctx);

  setLang('nl');
  drawLegend(ctx);
  fillFlagSelects();
  api.defaultAuthor().then((a) => ($<HTMLInputElement>('flag-author').value = a), () => {});
  await openStart(ctx);
}

/** Nederlands ⇄ English: everything drawn is drawn again in the other language,
 * the sentences from Rust fetched again in it. */
async function switchLanguage(ctx: Ctx): Promise<void> {
  const next = getLang() === 'nl' ? 'en' : 'nl';
  await api.setLanguage(next).catch((e: unknown) => showError(e));
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
  updateChosen(ctx);
  status(t('languageSet'));
  const picked = ctx.s.selected !== null ? ctx.emit('picked', { index: ctx.s.selected, zoom: false, announced: false }) : Promise.resolve();
  void refreshList(ctx);
  // The screen-reader line in the new language too, once the picked site's words are back.
  await picked.then(reannounce, reannounce);
}

/** A skip link puts the focus where the keyboard can act: the list's one tab
 * stop, the map's canvas, or the detail panel. */
function wireSkipLinks(): void {
  const targets: Record<string, () => HTMLElement | null> = {
    '#list': () => document.querySelector<HTMLElement>('#list [tabindex="0"]') ?? $('list'),
    '#map': () => document.querySelector<HTMLElement>('#map canvas'),
    '#detail': () => $('detail'),
  };
  document.querySelectorAll<HTMLAnchorElement>('a.skip').forEach((a) =>
    a.addEventListener('click', (e) => {
      const target = targets[a.getAttribute('href') ?? '']?.();
      if (!target) return;
      e.preventDefault();
      target.focus();
    }),
  );
}

declare global {
  interface Window {
    locatiescoutMap?: ReturnType<typeof createMap>;
    locatiescoutTexts?: typeof dictionaries;
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
