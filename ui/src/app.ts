// The window's behaviour: wires controls to Rust through `api` and draws what
// comes back. Kept apart from main.ts so tests can run it against a mocked api.
import {
  api, isApiError, type ColumnChoiceDto, type CongestionConfigDto, type FieldPreviewDto, type LayerKindDto, type ListQueryDto, type OverviewDto, type SensitivityDto,
  type WerkprogrammaDto, type WerkprogrammaInputDto, type FetchRequestDto,
} from './api';
import { criterionLabel, FLAG_STATUSES, flagLabel, fmt, getLang, setLang, t } from './i18n';
import {
  BUILDING_COLOUR, CONGESTION_COLOURS, createMap, fitTo, KNOCKOUT_COLOUR, LISTING_COLOUR, OUTLINE_COLOUR, SCORE_STOPS, select, setBasemap,
  MUNICIPALITIES_COLOUR, setFlagFilter, setFlags, setVisible, showLayer, showMunicipalities, showSites, updateScores, whenReady,
} from './map';
import {
  fillSelect, renderDetail, renderFlagHistory, renderFlagImport, renderJoinReport, renderLayers, renderLegend, renderList, renderReport,
  renderCongestionConfig, renderFieldMap, renderSensitivity, type Chooser,
} from './view';
import { renderComparison, renderWerkprogramma } from './werkprogramma';

const LIMIT = 200;
const COMPARE_MAX = 4;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = (msg: string) => ($('status').textContent = msg);

type Toggle = 'buildings' | 'listings' | 'outline' | 'municipalities' | 'congestion';

export async function start(): Promise<void> {
  let overview: OverviewDto | null = null;
  let selected: number | null = null;
  let sensitivity: SensitivityDto | null = null;
  // The congestion areas cover the score colours: shown when asked for.
  const visible: Record<Toggle, boolean> = { buildings: true, listings: true, outline: true, municipalities: true, congestion: false };
  const map = createMap('map', (i) => void pick(i, false));
  // The end-to-end test asks MapLibre what it rendered (queryRenderedFeatures).
  window.locatiescoutMap = map;
  // The country around every project, loaded once; the map works without it.
  void api
    .municipalitiesGeojson()
    .then((g) => whenReady(map, () => showMunicipalities(map, g)))
    .catch((e: unknown) => showError(e));

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
      flag: $<HTMLSelectElement>('flag-filter').value || null,
    };
  }

  const onPick = (i: number) => void pick(i, true);

  /** Sites chosen in the list to compare (2–4) or put in the werkprogramma. */
  const chosen = new Set<number>();
  const chooser: Chooser = {
    chosen,
    toggle: (index, on) => {
      if (on && chosen.size >= COMPARE_MAX) {
        status(t('compareMax'));
        return false;
      }
      if (on) chosen.add(index);
      else chosen.delete(index);
      updateChosen();
      return true;
    },
  };
  function updateChosen(): void {
    $('compare-count').textContent = t('compareChosen', { n: chosen.size });
    $<HTMLButtonElement>('compare').disabled = chosen.size < 2;
    $<HTMLButtonElement>('wp-add').disabled = chosen.size === 0;
    $<HTMLButtonElement>('compare-clear').disabled = chosen.size === 0;
  }
  let lastWp: WerkprogrammaDto | null = null;
  /** Draws the werkprogramma in its dialog and opens it. */
  function showWerkprogramma(w: WerkprogrammaDto): void {
    lastWp = w;
    $('wp-error').hidden = true;
    renderWerkprogramma($('wp'), w, (input) => void saveWerkprogramma(input), (ext) => void exportWerkprogrammaAs(ext));
    const d = $<HTMLDialogElement>('wp-dialog');
    if (!d.open) {
      d.showModal();
      d.scrollTop = 0;
    }
  }
  async function saveWerkprogramma(input: WerkprogrammaInputDto): Promise<void> {
    try {
      showWerkprogramma(await api.werkprogrammaSet(input));
      status(t('wpSaved'));
    } catch (e) {
      // Refused whole: show why, keep what was typed on screen until the next change.
      $('wp-error').textContent = isApiError(e) ? e.message : String(e);
      $('wp-error').hidden = false;
    }
  }
  async function exportWerkprogramma(path: string): Promise<void> {
    try {
      const written = await api.werkprogrammaExport(path);
      status(t('wpExported', { file: written.split(/[\\/]/).pop() ?? written }));
    } catch (e) {
      showError(e);
    }
  }
  async function exportWerkprogrammaAs(ext: string): Promise<void> {
    const name = (lastWp?.input.gemeente || overview?.project.name || 'werkprogramma').replace(/[\\/:*?"<>|]/g, '_');
    const path = await api.pickSaveExport(t('wpExport'), ext, ext.toUpperCase(), `Werkprogramma ${name}.${ext}`).catch(() => null);
    if (path) await exportWerkprogramma(path);
  }
  async function addToWerkprogramma(): Promise<void> {
    try {
      const w = await api.werkprogrammaAdd([...chosen]);
      $<HTMLDialogElement>('compare-dialog').close();
      showWerkprogramma(w);
      status(t('wpAdded', { n: w.sites.length }));
    } catch (e) {
      showError(e);
    }
  }

  /** Numbers list requests: an answer that arrives after a newer request was made is
   * dropped, so a slow refresh can never overwrite the list for a newer filter. */
  let listRequest = 0;
  async function refreshList(): Promise<void> {
    const mine = ++listRequest;
    try {
      const rows = await api.ranking(listQuery());
      if (mine !== listRequest) return;
      renderList($('list'), rows, selected, onPick, sensitivity, chooser);
    } catch (e) {
      showError(e);
    }
  }

  function showError(e: unknown, title = t('error')): void {
    $('message-title').textContent = `${title}:`;
    $('message-text').textContent = isApiError(e) ? e.message : String(e);
    $('message').hidden = false;
    status(`${title}: ${isApiError(e) ? e.message : String(e)}`);
  }

  async function pick(index: number, zoom: boolean): Promise<void> {
    selected = index;
    select(map, index);
    document.querySelectorAll<HTMLElement>('#list .row').forEach((r) => {
      const on = r.dataset.index === String(index);
      r.classList.toggle('selected', on);
      // A pick on the map brings its row into view (happy-dom has no scrollIntoView).
      if (on && !zoom) r.scrollIntoView?.({ block: 'nearest' });
    });
    try {
      const d = await api.siteDetail(index);
      renderDetail($('detail'), d, (i) => void pick(i, true));
      if (zoom && d.bounds) fitTo(map, d.bounds, 17);
      await showFlagPanel(index);
    } catch (e) {
      showError(e);
    }
  }

  async function showFlagPanel(index: number): Promise<void> {
    const history = await api.flagHistory(index);
    renderFlagHistory($('flag-history'), history);
    const current = history[history.length - 1];
    $<HTMLSelectElement>('flag-status').value = current?.status ?? 'in_onderzoek';
    $('flag-panel').hidden = false;
  }

  async function refreshFlags(): Promise<void> {
    const flags = await api.siteFlags();
    whenReady(map, () => setFlags(map, flags));
  }

  async function flagSites(indices: number[], flagStatus: string, note: string): Promise<void> {
    const author = $<HTMLInputElement>('flag-author').value.trim() || null;
    try {
      const r = await api.flagSites(indices, flagStatus, note, author);
      status(t('flagged', { n: r.flagged }) + (r.skipped.length ? ` — ${r.skipped.join('; ')}` : ''));
      await Promise.all([refreshList(), refreshFlags()]);
      if (selected !== null) await showFlagPanel(selected);
    } catch (e) {
      showError(e);
    }
  }

  function renderWeights(o: OverviewDto): void {
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
          scheduleRescore();
        });
        label.append(document.createTextNode(name), input, value);
        return label;
      }),
    );
  }

  let rescoreTimer: number | undefined;
  function scheduleRescore(): void {
    window.clearTimeout(rescoreTimer);
    rescoreTimer = window.setTimeout(() => void rescore(), 60);
  }

  // The stability check costs a dozen rescorings: it waits until dragging stops.
  let sensitivityTimer: number | undefined;
  function scheduleSensitivity(): void {
    window.clearTimeout(sensitivityTimer);
    sensitivityTimer = window.setTimeout(() => void refreshSensitivity(), 400);
  }

  async function refreshSensitivity(): Promise<void> {
    try {
      sensitivity = await api.sensitivity();
      renderSensitivity($('sensitivity'), sensitivity);
      await refreshList();
    } catch (e) {
      showError(e);
    }
  }

  async function rescore(): Promise<void> {
    const weights = [...document.querySelectorAll<HTMLInputElement>('#weights input')].map((i) => ({ key: i.dataset.key ?? '', weight: Number(i.value) }));
    const mine = ++listRequest;
    try {
      performance.mark('rescore-start');
      const r = await api.setWeights(weights, listQuery());
      updateScores(map, r.scores);
      // Read by the map benchmark (tests/e2e/tests/map_bench.rs).
      performance.measure('rescore', 'rescore-start');
      sensitivity = null;
      renderSensitivity($('sensitivity'), null);
      if (mine === listRequest) renderList($('list'), r.top, selected, onPick, null, chooser);
      if (selected !== null) renderDetail($('detail'), await api.siteDetail(selected));
      scheduleSensitivity();
    } catch (e) {
      showError(e);
    }
  }

  /** Draws a freshly opened or changed project: weights, layers, map, list. */
  async function show(o: OverviewDto, fit: boolean): Promise<void> {
    overview = o;
    $('project-name').textContent = `— ${o.project.name}`;
    $('project-name').title = o.project.path;
    $('flag-panel').hidden = true;
    $<HTMLSelectElement>('profile').value = o.profile;
    renderWeights(o);
    renderLayers($('layers'), o.layers);
    // The map and the list load independently: one failing must not blank the other.
    try {
      const [sites, buildings, listings, outline, congestion] = await Promise.all([
        api.sitesGeojson(),
        api.layerGeojson('buildings'),
        api.layerGeojson('listings'),
        api.layerGeojson('outline'),
        api.layerGeojson('congestion'),
      ]);
      whenReady(map, () => {
        showLayer(map, 'buildings', buildings);
        showLayer(map, 'listings', listings);
        showLayer(map, 'outline', outline);
        showLayer(map, 'congestion', congestion);
        showSites(map, sites, fit ? o.bounds : null);
      });
    } catch (e) {
      showError(e);
    }
    selected = null;
    // Site numbers belong to the profile and data shown: a new view starts a new choice.
    chosen.clear();
    updateChosen();
    $('detail').replaceChildren();
    sensitivity = null;
    await refreshList();
    void refreshFlags().catch(showError);
    void refreshRecent();
    void refreshSensitivity();
  }

  async function refreshRecent(): Promise<void> {
    try {
      const recent = await api.recentProjects();
      fillSelect($<HTMLSelectElement>('recent'), [['', t('projectRecent')], ...recent.map((p): [string, string] => [p, p.split(/[\\/]/).pop() ?? p])]);
      $<HTMLSelectElement>('recent').value = '';
    } catch {
      // The recent list is a convenience; without it everything else works.
    }
  }

  /** Opens, creates or copies a project; the old one stays open when that fails. */
  async function switchProject(open: () => Promise<OverviewDto>, done: (o: OverviewDto) => string): Promise<void> {
    status(t('loading'));
    try {
      const o = await open();
      await show(o, true);
      status(done(o));
    } catch (e) {
      showError(e);
    }
  }

  function fillFlagSelects(): void {
    const statuses = FLAG_STATUSES.map((k): [string, string] => [k, flagLabel(k)]);
    fillSelect($<HTMLSelectElement>('flag-filter'), [['', t('flagAll')], ['any', t('flagAny')], ['none', t('flagNone')], ...statuses]);
    fillSelect($<HTMLSelectElement>('flag-shown-status'), statuses);
    fillSelect($<HTMLSelectElement>('flag-status'), statuses);
  }

  async function openStart(): Promise<void> {
    status(t('loading'));
    try {
      performance.mark('open-start');
      const o = await api.openStart();
      performance.measure('open-rust', 'open-start');
      await show(o, true);
      performance.measure('open-shown', 'open-start');
      status(t('loaded', { n: o.sites }));
    } catch (e) {
      showError(e);
    }
  }

  async function switchProfile(profile: string): Promise<void> {
    try {
      await show(await api.setProfile(profile), true);
    } catch (e) {
      showError(e);
      if (overview) $<HTMLSelectElement>('profile').value = overview.profile;
    }
  }

  const kind = () => $<HTMLSelectElement>('kind').value as LayerKindDto;
  let importing = false;
  /** Reads a file in Rust with a progress bar; a failure leaves the project as it was. */
  const importFailed = (e: unknown) =>
    showError({ code: 'import', message: `${isApiError(e) ? e.message : String(e)} ${t('keptData')}` }, t('importFailed'));

  /** The field-mapping dialog; resolves with the choice, or `null` when the user cancels. */
  function askMapping(p: FieldPreviewDto, purpose: 'import' | 'join' = 'import'): Promise<ColumnChoiceDto[] | null> {
    const current = renderFieldMap($('fieldmap'), p, purpose);
    const dialog = $<HTMLDialogElement>('fieldmap-dialog');
    return new Promise((resolve) => {
      const done = (v: ColumnChoiceDto[] | null) => {
        dialog.close();
        resolve(v);
      };
      $('fieldmap-import').onclick = () => {
        const c = current();
        if (c.twice.length === 0) done(c.choices);
      };
      $('fieldmap-cancel').onclick = () => done(null);
      dialog.oncancel = (e) => {
        e.preventDefault();
        done(null);
      };
      $('fieldmap-save').onclick = async () => {
        const c = current();
        if (c.twice.length > 0) return;
        const out = await api.pickSave(t('fieldmapSave'), 'fieldmap', 'veldkoppeling.toml').catch(() => null);
        if (!out) return;
        try {
          await api.saveFieldMap(out, c.choices);
          status(t('fieldmapSaved', { file: out.split(/[\\/]/).pop() ?? out }));
        } catch (e) {
          showError(e);
        }
      };
      dialog.showModal();
    });
  }

  /** The congestion import dialog; resolves with the config, or `null` when cancelled. */
  function askCongestion(p: FieldPreviewDto, cfg: CongestionConfigDto): Promise<CongestionConfigDto | null> {
    const current = renderCongestionConfig($('congestion-config'), p, cfg);
    const dialog = $<HTMLDialogElement>('congestion-dialog');
    return new Promise((resolve) => {
      const done = (v: CongestionConfigDto | null) => {
        dialog.close();
        resolve(v);
      };
      $('congestion-import').onclick = () => done(current());
      $('congestion-cancel').onclick = () => done(null);
      dialog.oncancel = (e) => {
        e.preventDefault();
        done(null);
      };
      dialog.showModal();
    });
  }

  /** Listings go through the field-mapping dialog first, congestion areas through
   * their own settings; other layers use the default mapping. */
  async function importFile(path: string, kind: LayerKindDto): Promise<void> {
    if (importing) return;
    importing = true;
    let mapping: ColumnChoiceDto[] | null = null;
    let geocode = false;
    if (kind === 'listings') {
      $('message').hidden = true;
      try {
        const preview = await api.fieldPreview(path, kind);
        mapping = await askMapping(preview);
        // A list with addresses and no coordinates: offer to look them up at PDOK.
        const fields = new Set((mapping ?? []).map((c) => c.field));
        const coordinates = ['x_rd', 'y_rd', 'lon', 'lat'].some((f) => fields.has(f));
        if (mapping && path.toLowerCase().endsWith('.csv') && fields.has('address') && !coordinates) {
          geocode = window.confirm(t('geocodeAsk', { n: preview.features }));
        }
      } catch (e) {
        importing = false;
        importFailed(e);
        return;
      }
      if (mapping === null) {
        importing = false;
        status(t('fieldmapCancelled'));
        return;
      }
    }
    if (kind === 'congestion') {
      $('message').hidden = true;
      try {
        const [p, cfg] = await Promise.all([api.fieldPreview(path, kind), api.congestionConfig()]);
        const chosen = await askCongestion(p, cfg);
        if (chosen === null) {
          importing = false;
          status(t('fieldmapCancelled'));
          return;
        }
        await api.setCongestionConfig(chosen);
      } catch (e) {
        importing = false;
        importFailed(e);
        return;
      }
    }
    const file = path.split(/[\\/]/).pop() ?? path;
    $('message').hidden = true;
    $('progress-label').textContent = t('importing', { file });
    const bar = $<HTMLProgressElement>('progress-bar');
    bar.value = 0;
    $('progress').hidden = false;
    try {
      const onProgress = (p: { bytesDone: number; bytesTotal: number }) => {
        bar.value = p.bytesTotal > 0 ? (100 * p.bytesDone) / p.bytesTotal : 0;
      };
      const r = geocode ? await api.geocodeListings(path, mapping, onProgress) : await api.importLayer(path, kind, mapping, onProgress);
      bar.value = 100;
      await show(r.overview, kind !== 'outline');
      renderReport($('report'), r.report);
      $<HTMLDialogElement>('report-dialog').showModal();
      status(t('imported', { file, n: r.report.imported }));
    } catch (e) {
      if (isApiError(e) && e.code === 'cancelled') status(t('cancelled'));
      else importFailed(e);
    } finally {
      $('progress').hidden = true;
      importing = false;
    }
  }
  async function importFlags(path: string): Promise<void> {
    try {
      const r = await api.flagsImport(path);
      renderFlagImport($('flags-report'), r);
      $<HTMLDialogElement>('flags-dialog').showModal();
      await Promise.all([refreshList(), refreshFlags()]);
    } catch (e) {
      showError(e);
    }
  }
  // The end-to-end test opens files through here: a native file dialog cannot be driven.
  window.locatiescoutImport = importFile;

  function drawLegend(): void {
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
    renderLegend($('legend'), SCORE_STOPS, KNOCKOUT_COLOUR, toggles, (key, on) => {
      visible[key as Toggle] = on;
      whenReady(map, () => setVisible(map, key as Toggle, on));
      // The operators' legend shows under the switch while it is on.
      if (key === 'congestion') drawLegend();
    });
  }

  for (const id of ['sort', 'min-score', 'show-ko', 'flag-filter']) $(id).addEventListener('change', () => void refreshList());
  $('flag-filter').addEventListener('change', (e) => {
    const f = (e.target as HTMLSelectElement).value;
    whenReady(map, () => setFlagFilter(map, f));
  });
  $('flag-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (selected === null) return;
    const note = $<HTMLTextAreaElement>('flag-note');
    void flagSites([selected], $<HTMLSelectElement>('flag-status').value, note.value).then(() => (note.value = ''));
  });
  $('flag-shown').addEventListener('click', () => {
    const indices = [...document.querySelectorAll<HTMLElement>('#list .row')].map((r) => Number(r.dataset.index));
    const st = $<HTMLSelectElement>('flag-shown-status').value;
    if (indices.length === 0 || !window.confirm(t('flagShownConfirm', { n: indices.length, status: flagLabel(st) }))) return;
    void flagSites(indices, st, '');
  });
  const projectName = (o: OverviewDto) => t('projectOpened', { name: o.project.name, n: o.sites });
  $('project-open').addEventListener('click', async () => {
    const path = await api.pickOpen(t('projectOpen'), 'project').catch(() => null);
    if (path) await switchProject(() => api.projectOpen(path), projectName);
  });
  $('recent').addEventListener('change', (e) => {
    const path = (e.target as HTMLSelectElement).value;
    if (path) void switchProject(() => api.projectOpen(path), projectName);
  });
  $('project-new').addEventListener('click', async () => {
    const path = await api.pickSave(t('projectNew'), 'project', 'Nieuw project.locatiescout').catch(() => null);
    if (!path) return;
    const file = await api.pickFile(t('projectNewPick')).catch(() => null);
    if (file) await newProject(path, file, kind());
  });
  const newProject = (path: string, file: string, k: LayerKindDto) => switchProject(() => api.projectNew(path, file, k), projectName);
  // The end-to-end test drives these directly: native file dialogs cannot be driven.
  window.locatiescoutProjectNew = newProject;
  window.locatiescoutFlagsExport = exportFlags;
  window.locatiescoutFlagsImport = importFlags;
  $('project-save-as').addEventListener('click', async () => {
    const path = await api.pickSave(t('projectSaveAs'), 'project', `${overview?.project.name ?? 'project'} kopie.locatiescout`).catch(() => null);
    if (path) await switchProject(() => api.projectSaveAs(path), (o) => t('projectSaved', { name: o.project.name }));
  });
  async function exportFlags(path: string): Promise<void> {
    try {
      const n = await api.flagsExport(path);
      status(t('flagsExported', { n, file: path.split(/[\\/]/).pop() ?? path }));
    } catch (e) {
      showError(e);
    }
  }
  $('flags-export').addEventListener('click', async () => {
    const path = await api.pickSave(t('flagsExport'), 'flags', 'vlaggen.geojson').catch(() => null);
    if (path) await exportFlags(path);
  });
  $('flags-import').addEventListener('click', async () => {
    const path = await api.pickOpen(t('flagsImport'), 'flags').catch(() => null);
    if (path) await importFlags(path);
  });
  let searchTimer: number | undefined;
  $('search').addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void refreshList(), 150);
  });
  $('profile').addEventListener('change', (e) => void switchProfile((e.target as HTMLSelectElement).value));
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
  $('open-file').addEventListener('click', async () => {
    try {
      const path = await api.pickFile(t('openFile'));
      if (path) await importFile(path, kind());
    } catch (e) {
      showError(e);
    }
  });
  $('cancel').addEventListener('click', () => void api.cancelImport());
  $('join-table').addEventListener('click', async () => {
    const path = await api.pickFile(t('joinTable')).catch(() => null);
    if (path) await joinTable(path);
  });
  $('join-congestion').addEventListener('click', async () => {
    const path = await api.pickFile(t('joinCongestion')).catch(() => null);
    if (!path) return;
    try {
      const r = await api.joinCongestionTable(path);
      await show(r.overview, false);
      renderJoinReport($('report'), r.report);
      $<HTMLDialogElement>('report-dialog').showModal();
    } catch (e) {
      showError(e);
    }
  });
  async function joinTable(path: string): Promise<void> {
    try {
      const mapping = await askMapping(await api.fieldPreview(path, 'listings'), 'join');
      if (mapping === null) {
        status(t('fieldmapCancelled'));
        return;
      }
      const r = await api.joinListingsTable(path, mapping);
      await show(r.overview, false);
      renderJoinReport($('report'), r.report);
      $<HTMLDialogElement>('report-dialog').showModal();
    } catch (e) {
      showError(e);
    }
  }
  $('message-close').addEventListener('click', () => ($('message').hidden = true));
  /** The sites of the comparison on screen, for its export. */
  let compared: number[] = [];
  $('compare').addEventListener('click', async () => {
    try {
      compared = [...chosen];
      renderComparison($('comparison'), await api.compareSites(compared));
      $('compare-status').textContent = '';
      $('compare-status').classList.remove('error');
      const d = $<HTMLDialogElement>('compare-dialog');
      // The table (autofocus) gets the focus, so the dialog opens at its top.
      d.showModal();
    } catch (e) {
      showError(e);
    }
  });
  $('compare-clear').addEventListener('click', () => {
    chosen.clear();
    updateChosen();
    document.querySelectorAll<HTMLInputElement>('#list input.choose').forEach((b) => (b.checked = false));
  });
  $('wp-add').addEventListener('click', () => void addToWerkprogramma());
  $('compare-add').addEventListener('click', () => void addToWerkprogramma());
  /** Said inside the dialog: the page's message bar lies under the modal. */
  async function exportComparison(ext: 'xlsx' | 'csv'): Promise<void> {
    const path = await api
      .pickSaveExport(t('compareExport'), ext, ext.toUpperCase(), `Vergelijking ${compared.length} locaties.${ext}`)
      .catch(() => null);
    if (path) await exportComparisonTo(path);
  }
  async function exportComparisonTo(path: string): Promise<void> {
    const note = $('compare-status');
    try {
      const written = await api.compareExport(compared, path);
      note.textContent = t('compareExported', { file: written.split(/[\\/]/).pop() ?? written });
      note.classList.remove('error');
    } catch (e) {
      note.textContent = t('compareNotExported', { reason: isApiError(e) ? e.message : String(e) });
      note.classList.add('error');
    }
  }
  window.locatiescoutCompareExport = exportComparisonTo;
  $('compare-xlsx').addEventListener('click', () => void exportComparison('xlsx'));
  $('compare-csv').addEventListener('click', () => void exportComparison('csv'));
  $('compare-print').addEventListener('click', () => {
    document.body.classList.add('print-compare');
    window.print();
    document.body.classList.remove('print-compare');
  });
  $('wp-open').addEventListener('click', async () => {
    try {
      showWerkprogramma(await api.werkprogramma());
    } catch (e) {
      showError(e);
    }
  });
  window.locatiescoutWerkprogrammaExport = exportWerkprogramma;
  let gemeentenLoaded = false;
  $('pdok-open').addEventListener('click', async () => {
    $('pdok-result').replaceChildren();
    $('pdok-progress').textContent = '';
    $<HTMLDialogElement>('pdok-dialog').showModal();
    if (gemeentenLoaded) return;
    try {
      const list = await api.gemeenten();
      fillSelect($<HTMLSelectElement>('pdok-gemeente'), list.map((g): [string, string] => [g.code, `${g.name} (${g.code})`]));
      gemeentenLoaded = true;
    } catch (e) {
      $('pdok-progress').textContent = isApiError(e) ? e.message : String(e);
    }
  });
  async function fetchPdok(request: FetchRequestDto): Promise<void> {
    const counts = new Map<string, string>();
    $('pdok-result').replaceChildren();
    $('pdok-progress').textContent = t('pdokBusy');
    $<HTMLButtonElement>('pdok-start').disabled = true;
    $<HTMLButtonElement>('pdok-cancel').disabled = false;
    try {
      const r = await api.fetchPdok(request, (p) => {
        counts.set(p.collection, t('pdokProgress', { what: p.collection, n: fmt(p.features), pages: p.pages }));
        $('pdok-progress').textContent = [...counts.values()].join(' · ');
      });
      $('pdok-progress').textContent = t('pdokDone', { area: r.area });
      $('pdok-result').replaceChildren(...r.lines.map((l) => Object.assign(document.createElement('li'), { textContent: l })));
      await show(r.overview, true);
      status(t('pdokDone', { area: r.area }));
    } catch (e) {
      $('pdok-progress').textContent = isApiError(e) && e.code === 'cancelled' ? t('pdokCancelled') : isApiError(e) ? e.message : String(e);
    } finally {
      $<HTMLButtonElement>('pdok-start').disabled = false;
      $<HTMLButtonElement>('pdok-cancel').disabled = true;
    }
  }
  $('pdok-start').addEventListener('click', () => {
    const what = ['percelen', 'panden', 'verblijfsobjecten'].filter((w) => $<HTMLInputElement>(`pdok-${w}`).checked);
    if (what.length === 0) {
      $('pdok-progress').textContent = t('pdokNothing');
      return;
    }
    const byGemeente = $<HTMLInputElement>('pdok-by-gemeente').checked;
    void fetchPdok({
      gemeente: byGemeente ? $<HTMLSelectElement>('pdok-gemeente').value : null,
      bbox: byGemeente ? null : $<HTMLInputElement>('pdok-bbox').value,
      what,
      refresh: $<HTMLInputElement>('pdok-refresh').checked,
    });
  });
  $('pdok-cancel').addEventListener('click', () => void api.cancelImport());
  window.locatiescoutFetchPdok = fetchPdok;
  $('basemap').addEventListener('change', (e) => {
    const on = (e.target as HTMLInputElement).checked;
    whenReady(map, () =>
      setBasemap(map, on, () => {
        $<HTMLInputElement>('basemap').checked = false;
        status(t('basemapOffline'));
      }),
    );
  });
  $('lang').addEventListener('click', () => {
    const next = getLang() === 'nl' ? 'en' : 'nl';
    setLang(next);
    $('lang').textContent = next === 'nl' ? 'EN' : 'NL';
    drawLegend();
    fillFlagSelects();
    if (overview) {
      renderWeights(overview);
      renderLayers($('layers'), overview.layers);
    }
    renderSensitivity($('sensitivity'), sensitivity);
    if (selected !== null) void pick(selected, false);
    void refreshList();
  });
  try {
    await api.onFileDrop(
      (over) => {
        $('drop').hidden = !over;
        $('drop').textContent = t('dropHere', { kind: $<HTMLSelectElement>('kind').selectedOptions[0]?.textContent ?? '' });
      },
      (paths) => {
        if (paths[0]) void importFile(paths[0], kind());
      },
    );
  } catch {
    // Outside Tauri (tests, a plain browser) there is no drag-and-drop of paths.
  }

  setLang('nl');
  drawLegend();
  fillFlagSelects();
  api.defaultAuthor().then((a) => ($<HTMLInputElement>('flag-author').value = a), () => {});
  await openStart();
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
  }
}
