import { api, isApiError, type ListQueryDto, type OverviewDto } from './api';
import { createMap, KNOCKOUT_COLOUR, SCORE_STOPS, select, showSites, updateScores } from './map';
import { getLang, setLang, t } from './i18n';
import { renderDetail, renderLegend, renderList } from './view';
import './style.css';

const LIMIT = 200;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (msg: string) => ($('status').textContent = msg);

let overview: OverviewDto | null = null;
let selected: number | null = null;
const map = createMap('map', (i) => void pick(i));
// The end-to-end test asks MapLibre what it rendered (queryRenderedFeatures).
declare global {
  interface Window {
    locatiescoutMap?: typeof map;
  }
}
window.locatiescoutMap = map;

/** The list controls as a query; Rust sorts and filters. */
function listQuery(): ListQueryDto {
  const min = Number($<HTMLInputElement>('min-score').value);
  return {
    sort: $<HTMLSelectElement>('sort').value as ListQueryDto['sort'],
    ascending: false,
    minScore: Number.isFinite(min) ? Math.max(0, Math.min(100, min)) : 0,
    includeKnockouts: $<HTMLInputElement>('show-ko').checked,
    text: $<HTMLInputElement>('search').value,
    limit: LIMIT,
  };
}

async function refreshList(): Promise<void> {
  try {
    renderList($('list'), await api.ranking(listQuery()), selected, (i) => void pick(i));
  } catch (e) {
    showError(e);
  }
}

function showError(e: unknown): void {
  status(`${t('error')}: ${isApiError(e) ? e.message : String(e)}`);
}

async function pick(index: number): Promise<void> {
  selected = index;
  select(map, index);
  try {
    renderDetail($('detail'), await api.siteDetail(index));
  } catch (e) {
    showError(e);
  }
  document.querySelectorAll('#list .row').forEach((r) => r.classList.toggle('selected', (r as HTMLElement).dataset.index === String(index)));
}

function renderWeights(o: OverviewDto): void {
  const box = $('weights');
  box.replaceChildren(
    ...o.criteria.map((c) => {
      const label = document.createElement('label');
      label.className = 'weight';
      const input = document.createElement('input');
      input.type = 'range';
      input.min = '0';
      input.max = '100';
      input.value = String(c.weight);
      input.dataset.key = c.key;
      input.setAttribute('aria-label', c.label);
      const value = document.createElement('output');
      value.textContent = String(c.weight);
      input.addEventListener('input', () => {
        value.textContent = input.value;
        scheduleRescore();
      });
      label.append(document.createTextNode(c.label), input, value);
      return label;
    }),
  );
}

let timer: number | undefined;
function scheduleRescore(): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void rescore(), 60);
}

async function rescore(): Promise<void> {
  const weights = [...document.querySelectorAll<HTMLInputElement>('#weights input')].map((i) => ({ key: i.dataset.key ?? '', weight: Number(i.value) }));
  try {
    const r = await api.setWeights(weights, listQuery());
    updateScores(map, r.scores);
    renderList($('list'), r.top, selected, (i) => void pick(i));
    if (selected !== null) renderDetail($('detail'), await api.siteDetail(selected));
  } catch (e) {
    showError(e);
  }
}

async function open(profile: string): Promise<void> {
  status(t('loading'));
  try {
    overview = await api.openSample(profile);
    renderWeights(overview);
    // The map and the list load independently: one failing must not blank the other.
    const geojson = await api.sitesGeojson();
    const draw = () => showSites(map, geojson, overview?.bounds ?? null);
    if (map.isStyleLoaded()) draw();
    else map.once('load', draw);
    status(t('loaded', { n: overview.sites }));
    await refreshList();
  } catch (e) {
    showError(e);
  }
}

for (const id of ['sort', 'min-score', 'show-ko']) $(id).addEventListener('change', () => void refreshList());
let searchTimer: number | undefined;
$('search').addEventListener('input', () => {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => void refreshList(), 150);
});
$('profile').addEventListener('change', (e) => void open((e.target as HTMLSelectElement).value));
$('reset').addEventListener('click', () => {
  if (!overview) return;
  document.querySelectorAll<HTMLInputElement>('#weights input').forEach((i) => {
    const c = overview?.criteria.find((c) => c.key === i.dataset.key);
    if (c) {
      i.value = String(c.defaultWeight);
      (i.nextElementSibling as HTMLOutputElement).textContent = i.value;
    }
  });
  void rescore();
});
$('lang').addEventListener('click', () => {
  const next = getLang() === 'nl' ? 'en' : 'nl';
  setLang(next);
  $('lang').textContent = next === 'nl' ? 'EN' : 'NL';
  renderLegend($('legend'), SCORE_STOPS, KNOCKOUT_COLOUR);
});

setLang('nl');
renderLegend($('legend'), SCORE_STOPS, KNOCKOUT_COLOUR);
void open('flex');
