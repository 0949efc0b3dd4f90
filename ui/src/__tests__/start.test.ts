// @vitest-environment happy-dom
// The window's flow against a mocked api.ts and map.ts: what the user sees after
// opening, dragging a slider, and opening a good, a bad and a cancelled file.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportResultDto, OverviewDto, SiteRowDto } from '../api';
import indexHtml from '../../index.html?raw';
import { werkprogramma as wpFixture, comparison as cmpFixture } from './fixtures';

const overview = (over: Partial<OverviewDto> = {}): OverviewDto => ({
  profile: 'flex',
  profile_title: 'Flexwoningen',
  sites: 3,
  criteria: [
    { key: 'size', label: 'Omvang (woningen)', weight: 30, default_weight: 30 },
    { key: 'term', label: 'Beschikbaarheid (jaren)', weight: 70, default_weight: 70 },
  ],
  bounds: [5, 52, 5.1, 52.1],
  layers: [{ kind: 'parcels', file: '/data/percelen.geojson', features: 3, invalid: 0 }],
  project: { path: '/home/p/Voorbeeldstad.locatiescout', name: 'Voorbeeldstad' },
  overlays: [],
  problems: [],
  ...over,
});
const row = (index: number, score: number): SiteRowDto => ({
  index, rank: index + 1, id: `P${index}`, name: `P${index}`, score, homes: 10, term_years: 5, grid: 'aanwezig', knocked_out: false, explanation: 'Kansrijk', flag: null,
});
const empty = { type: 'FeatureCollection' as const, features: [] };

const api = vi.hoisted(() => ({
  openStart: vi.fn(), projectOpen: vi.fn(), projectNew: vi.fn(), projectSaveAs: vi.fn(), recentProjects: vi.fn(),
  flagSites: vi.fn(), siteFlags: vi.fn(), flagHistory: vi.fn(), defaultAuthor: vi.fn(), flagsExport: vi.fn(),
  flagsImport: vi.fn(), pickOpen: vi.fn(), pickSave: vi.fn(), joinListingsTable: vi.fn(), setProfile: vi.fn(), importLayer: vi.fn(), cancelImport: vi.fn(), 
  layerGeojson: vi.fn(), municipalitiesGeojson: vi.fn(), ranking: vi.fn(), setWeights: vi.fn(), siteDetail: vi.fn(), sensitivity: vi.fn(),
  pickFile: vi.fn(), onFileDrop: vi.fn(), fieldPreview: vi.fn(), saveFieldMap: vi.fn(), joinCongestionTable: vi.fn(), congestionConfig: vi.fn(), setCongestionConfig: vi.fn(),
  setLanguage: vi.fn(async () => undefined), compareSites: vi.fn(), werkprogramma: vi.fn(), werkprogrammaSet: vi.fn(), werkprogrammaAdd: vi.fn(), werkprogrammaExport: vi.fn(), compareExport: vi.fn(), pickSaveExport: vi.fn(),
  gemeenten: vi.fn(), fetchPdok: vi.fn(), geocodeListings: vi.fn(), gpkgLayers: vi.fn(), overlayGeojson: vi.fn(), removeOverlay: vi.fn(),
}));
vi.mock('../api', () => ({
  api,
  isApiError: (e: unknown) => typeof e === 'object' && e !== null && 'code' in e && 'message' in e,
}));
const map = vi.hoisted(() => ({
  createMap: vi.fn(() => ({})), fitTo: vi.fn(), setFlags: vi.fn(), setFlagFilter: vi.fn(), select: vi.fn(), setBasemap: vi.fn(), setVisible: vi.fn(),
  showLayer: vi.fn(), showMunicipalities: vi.fn(), showSites: vi.fn(), updateScores: vi.fn(), whenReady: vi.fn((_m: unknown, f: () => void) => f()),
  showOverlays: vi.fn(), setOverlayVisible: vi.fn(), highlightOverlay: vi.fn(), localiseMap: vi.fn(),
  ROLE_COLOURS: { constraint: '#7b3294', zoning: '#e66101', amenity: '#2166ac' },
  SCORE_STOPS: [[0, '#b2182b'], [100, '#1a9641']], KNOCKOUT_COLOUR: '#9e9e9e', LISTING_COLOUR: '#6a3d9a',
  BUILDING_COLOUR: '#8c96a0', OUTLINE_COLOUR: '#154273', MUNICIPALITIES_COLOUR: '#98a4b0', CONGESTION_COLOURS: [['red', '#d7301f'], ['orange', '#fc8d59'], ['yellow', '#fee08b']],
}));
vi.mock('../map', () => map);

const body = indexHtml
  .replace(/^[\s\S]*<body>/, '')
  .replace(/<\/body>[\s\S]*$/, '')
  .replace(/<script[\s\S]*?<\/script>/g, '');
const $ = (id: string) => document.getElementById(id) as HTMLElement;
const rows = () => [...document.querySelectorAll('#list .row .id')].map((e) => e.textContent);
const flush = () => new Promise((r) => setTimeout(r, 0));

async function startApp(): Promise<void> {
  vi.resetModules();
  const { start } = await import('../start');
  await start();
  await flush();
}

beforeEach(() => {
  document.body.innerHTML = body;
  // happy-dom's dialog lacks showModal in some versions; the app only needs it to open.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  for (const f of Object.values(api)) f.mockReset();
  api.openStart.mockResolvedValue(overview());
  api.recentProjects.mockResolvedValue(['/home/p/Voorbeeldstad.locatiescout']);
  api.siteFlags.mockResolvedValue([]);
  api.flagHistory.mockResolvedValue([]);
  api.defaultAuthor.mockResolvedValue('planner');
  api.layerGeojson.mockResolvedValue(empty);
  api.municipalitiesGeojson.mockResolvedValue(empty);
  api.ranking.mockResolvedValue([row(0, 90), row(1, 80), row(2, 70)]);
  api.sensitivity.mockResolvedValue({ top_n: 3, shift_percent: 20, sites: [{ index: 0, rank: 1, worst_rank: 1, stable: true }, { index: 1, rank: 2, worst_rank: 5, stable: false }], criteria: [] });
  api.onFileDrop.mockResolvedValue(() => {});
});

describe('the window', () => {
  it('opens on the sample: weights, loaded files, the ranked list and stability', async () => {
    await startApp();
    expect(api.openStart).toHaveBeenCalled();
    expect($('project-name').textContent).toContain('Voorbeeldstad');
    expect(document.querySelectorAll('#weights input[type=range]')).toHaveLength(2);
    expect($('layers').textContent).toContain('percelen.geojson');
    expect(rows()).toEqual(['P0', 'P1', 'P2']);
    expect(map.showSites).toHaveBeenCalledWith(expect.anything(), [5, 52, 5.1, 52.1]);
    expect($('status').textContent).toBe('3 locaties geladen');
    await flush();
    expect([...document.querySelectorAll('#list .badge')].map((b) => b.textContent)).toEqual(['stabiel', 'gevoelig']);
    expect($('sensitivity').textContent).toContain('1 stabiel, 1 gevoelig');
    // The country's municipalities: fetched once, drawn, with a switch in the legend.
    expect(api.municipalitiesGeojson).toHaveBeenCalledTimes(1);
    expect(map.showMunicipalities).toHaveBeenCalledWith(expect.anything(), empty);
    expect($('legend').textContent).toContain('Alle gemeenten (CBS 2024)');
  });

  it('sends slider moves to Rust, debounced, and draws the new top', async () => {
    await startApp();
    api.setWeights.mockResolvedValue({ top: [row(1, 99), row(2, 50), row(0, 10)] });
    vi.useFakeTimers();
    const slider = document.querySelector<HTMLInputElement>('#weights input[data-key=size]');
    if (!slider) throw new Error('no slider');
    for (const v of ['40', '60', '100']) {
      slider.value = v;
      slider.dispatchEvent(new Event('input'));
    }
    await vi.advanceTimersByTimeAsync(100);
    vi.useRealTimers();
    await flush();
    expect(api.setWeights).toHaveBeenCalledTimes(1);
    expect(api.setWeights.mock.calls[0]?.[0]).toEqual([{ key: 'size', weight: 100 }, { key: 'term', weight: 70 }]);
    expect(map.updateScores).toHaveBeenCalledTimes(1);
    expect(rows()).toEqual(['P1', 'P2', 'P0']);
  });

  it('a bad file shows the Dutch error and leaves the loaded data alone', async () => {
    await startApp();
    const drawn = map.showSites.mock.calls.length;
    api.importLayer.mockRejectedValue({ code: 'import', message: 'kapot.geojson: ongeldige JSON bij byte 31' });
    await window.locatiescoutImport?.('/tmp/kapot.geojson', 'parcels');
    expect($('message').hidden).toBe(false);
    expect($('message').textContent).toContain('Bestand niet geopend');
    expect($('message').textContent).toContain('ongeldige JSON bij byte 31');
    expect($('message').textContent).toContain('De eerder geladen gegevens zijn niet gewijzigd.');
    expect(rows()).toEqual(['P0', 'P1', 'P2']);
    expect(map.showSites.mock.calls.length).toBe(drawn);
    expect($('progress').hidden).toBe(true);
  });

  it('a cancelled import is said quietly', async () => {
    await startApp();
    api.importLayer.mockRejectedValue({ code: 'cancelled', message: 'import van x afgebroken' });
    await window.locatiescoutImport?.('/tmp/groot.geojson', 'parcels');
    expect($('message').hidden).toBe(true);
    expect($('status').textContent).toContain('afgebroken');
  });

  it('a good file redraws the project and shows the import report', async () => {
    await startApp();
    const result: ImportResultDto = {
      overview: overview({ sites: 5, layers: [{ kind: 'parcels', file: '/home/p/eigen.geojson', features: 5, invalid: 1 }] }),
      report: {
        path: '/home/p/eigen.geojson', format: 'GeoJSON', kind: 'parcels', crs: 'RD New (EPSG:28992)',
        crs_decision: 'opgegeven in het bestand (EPSG:28992)', features_read: 6, imported: 5,
        geometry_counts: [['Polygon', 5]], fields: [['perceelnummer', 'id'], ['eigen_veld', null]], skipped_count: 1,
        skipped: [{ index: 4, id: null, message: 'geen geometrie' }], invalid_count: 1,
        invalid: [{ index: 2, id: 'P2', message: 'zelfdoorsnijding' }], warning_count: 0, warnings: [], notes: [], needs_geocoding: 0,
      },
    };
    api.importLayer.mockImplementation(async (_p: string, _k: string, _m: unknown, _l: unknown, onProgress: (p: { bytes_done: number; bytes_total: number }) => void) => {
      onProgress({ bytes_done: 50, bytes_total: 100 });
      expect((document.getElementById('progress-bar') as HTMLProgressElement).value).toBe(50);
      expect($('progress').hidden).toBe(false);
      return result;
    });
    await window.locatiescoutImport?.('/home/p/eigen.geojson', 'parcels');
    const report = $('report').textContent ?? '';
    expect(document.querySelector<HTMLDialogElement>('#report-dialog')?.open).toBe(true);
    expect(report).toContain('RD New (EPSG:28992) — opgegeven in het bestand');
    expect(report).toContain('6 gelezen, 5 ingelezen');
    expect(report).toContain('object 4: geen geometrie');
    expect(report).toContain('P2: zelfdoorsnijding');
    expect(report).toContain('bewaard als extra kenmerk');
    expect($('layers').textContent).toContain('1 ongeldig');
    expect($('status').textContent).toBe('eigen.geojson: 5 objecten ingelezen');
  });

  it('flags the picked site with status, note and author, then shows its history', async () => {
    await startApp();
    api.siteDetail.mockResolvedValue({
      index: 1, id: 'P1', score: 80, band: 'Kansrijk', explanation: 'x', knockout_reasons: [], criteria: [], spatial: [], attributes: [],
      invalid_geometry: false, source_file: 'f', source_feature: 1, bounds: null, listing: null,
      grid: { status: 'beschikbaar', year: null, source: 'note', detail: "notitie: 'aansluiting aanwezig'", phrase: 'aansluiting aanwezig', operator: null, queue_mw: null },
    });
    (document.querySelector('#list .row[data-index="1"]') as HTMLElement).click();
    await flush();
    await flush();
    expect($('flag-panel').hidden).toBe(false);
    expect(($('flag-author') as HTMLInputElement).value).toBe('planner');
    api.flagSites.mockResolvedValue({ flagged: 1, skipped: [] });
    const history = [{ site_id: 'P1', status: 'aangeboden', status_label: 'Aangeboden aan gemeente', note: 'naar gemeente', author: 'planner', at: '2026-11-21T10:00:00.000Z', origin: 'local' }];
    api.flagHistory.mockResolvedValue(history);
    ($('flag-status') as HTMLSelectElement).value = 'aangeboden';
    ($('flag-note') as HTMLTextAreaElement).value = 'naar gemeente';
    $('flag-form').dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    await flush();
    expect(api.flagSites).toHaveBeenCalledWith([1], 'aangeboden', 'naar gemeente', 'planner');
    expect($('flag-history').textContent).toContain('Aangeboden aan gemeente — naar gemeente');
    expect($('status').textContent).toBe('1 locaties gevlagd');
    expect(map.setFlags).toHaveBeenCalled();
  });

  it('joins the EAN table to the listings and reports what did not join', async () => {
    await startApp();
    api.pickFile.mockResolvedValue('/data/impactanalyse.csv');
    api.joinListingsTable.mockResolvedValue({
      overview: overview(),
      report: {
        path: '/data/impactanalyse.csv', rows: 275, features: 236, matched: 236, matched_keys: 235,
        unmatched_features: [], unmatched_rows: [[10, 'EAN_871689276000027454']], duplicate_keys: [[200, 'EAN_1']], skipped_rows: [],
      },
    });
    api.fieldPreview.mockResolvedValue({
      file: '/data/impactanalyse.csv', remembered: false, features: 275, imported: 0,
      columns: [{ name: 'EAN', filled: 275, samples: ['EAN_871689276000049937'], field: 'ean' }, { name: 'Entity', filled: 275, samples: ['Algemene Rekenkamer'], field: null }],
      fields: ['ean', 'name'],
    });
    $('join-table').click();
    await flush();
    await flush();
    // The table goes through the field-mapping dialog; for a join it says what the key is.
    expect(api.fieldPreview).toHaveBeenCalledWith('/data/impactanalyse.csv', 'listings');
    expect($('fieldmap').textContent).toContain('op EAN aan het geladen aanbod gekoppeld');
    expect($('fieldmap').textContent).not.toContain('objecten worden');
    $('fieldmap-import').click();
    await flush();
    await flush();
    expect(api.joinListingsTable).toHaveBeenCalledWith('/data/impactanalyse.csv', [{ name: 'EAN', field: 'ean' }, { name: 'Entity', field: null }]);
    const report = $('report').textContent ?? '';
    expect(report).toContain('236 van 236 objecten gekoppeld op EAN (235 verschillende), 275 rijen gelezen');
    expect(report).toContain('rij 10: EAN_871689276000027454');
    expect(report).toContain('Dubbele sleutels (1)');
  });

  it('filters the list by flag through Rust', async () => {
    await startApp();
    const filter = $('flag-filter') as HTMLSelectElement;
    expect([...filter.options].map((o) => o.value)).toEqual(['', 'any', 'none', 'kansrijk', 'in_onderzoek', 'aangeboden', 'gereserveerd', 'niet_geschikt']);
    filter.value = 'any';
    filter.dispatchEvent(new Event('change'));
    await flush();
    expect(api.ranking.mock.calls.at(-1)?.[0].flag).toBe('any');
    expect(map.setFlagFilter).toHaveBeenCalledWith(expect.anything(), 'any');
  });

  const preview = {
    file: '/data/rvb.geojson', remembered: false, features: 236, imported: 236,
    columns: [
      { name: 'BOUWWERKCO', filled: 236, samples: ['6221AC125_01', '3313K25_01'], field: 'rvb_code' },
      { name: 'AFSTOOTSTA', filled: 236, samples: ['nietinafstoting'], field: 'disposal_status' },
      { name: 'UVID', filled: 236, samples: ['8NF-W7M-MMJG-HQ1'], field: null },
    ],
    fields: ['id', 'rvb_code', 'disposal_status', 'ean', 'x_rd', 'y_rd'],
  };

  it('listings open the field-mapping dialog; the choice goes with the import', async () => {
    await startApp();
    api.fieldPreview.mockResolvedValue(preview);
    api.importLayer.mockResolvedValue({
      overview: overview(),
      report: {
        path: '/data/rvb.geojson', format: 'GeoJSON', kind: 'listings', crs: 'RD New (EPSG:28992)', crs_decision: 'opgegeven',
        features_read: 236, imported: 236, geometry_counts: [['Polygon', 236]], fields: [], skipped_count: 0, skipped: [],
        invalid_count: 0, invalid: [], warning_count: 0, warnings: [], notes: [], needs_geocoding: 0,
      },
    });
    const done = window.locatiescoutImport?.('/data/rvb.geojson', 'listings');
    await flush();
    expect(api.fieldPreview).toHaveBeenCalledWith('/data/rvb.geojson', 'listings', null);
    expect(($('fieldmap-dialog') as HTMLDialogElement).open).toBe(true);
    expect($('fieldmap').textContent).toContain('236 van 236 objecten');
    const select = (name: string) => document.querySelector<HTMLSelectElement>(`#fieldmap select[data-column="${name}"]`) as HTMLSelectElement;
    expect(select('BOUWWERKCO').value).toBe('rvb_code');
    // Two columns for one field: refused in the dialog, nothing imported.
    select('UVID').value = 'rvb_code';
    select('UVID').dispatchEvent(new Event('change'));
    expect($('fieldmap').textContent).toContain('Aan meer dan één kolom gekoppeld: Bouwwerkcode (RVB)');
    $('fieldmap-import').click();
    await flush();
    expect(api.importLayer).not.toHaveBeenCalled();
    // The user takes UVID as the id and keeps AFSTOOTSTA as a plain attribute.
    select('UVID').value = 'id';
    select('AFSTOOTSTA').value = '';
    select('AFSTOOTSTA').dispatchEvent(new Event('change'));
    $('fieldmap-import').click();
    await done;
    expect(api.importLayer.mock.calls[0]?.[2]).toEqual([
      { name: 'BOUWWERKCO', field: 'rvb_code' },
      { name: 'AFSTOOTSTA', field: null },
      { name: 'UVID', field: 'id' },
    ]);
    expect($('status').textContent).toContain('236');
  });

  it('a GeoPackage with several layers asks which one, in Dutch, and reads the one chosen', async () => {
    await startApp();
    api.gpkgLayers.mockResolvedValue([
      { name: 'Bouwvlak', geometry_type: 'POLYGON', features: 260, crs: 'RD New (EPSG:28992)' },
      { name: 'Enkelbestemming', geometry_type: 'POLYGON', features: 235, crs: 'RD New (EPSG:28992)' },
    ]);
    api.importLayer.mockResolvedValue({
      overview: overview({ sites: 235 }),
      report: {
        path: '/data/nijkerk.gpkg', format: 'GeoPackage', kind: 'parcels', crs: 'RD New (EPSG:28992)', crs_decision: 'opgegeven',
        features_read: 235, imported: 235, geometry_counts: [['Polygon', 235]], fields: [], skipped_count: 0, skipped: [],
        invalid_count: 0, invalid: [], warning_count: 0, warnings: [], notes: [], needs_geocoding: 0,
      },
    });
    const done = window.locatiescoutImport?.('/data/nijkerk.gpkg', 'parcels');
    await flush();
    expect(($('layer-dialog') as HTMLDialogElement).open).toBe(true);
    expect($('layer-intro').textContent).toBe('nijkerk.gpkg bevat 2 lagen. Kies de laag die u wilt inlezen.');
    expect($('layer-choice').textContent).toContain('Enkelbestemming — POLYGON, 235 objecten, RD New (EPSG:28992)');
    ($('layer-choice') as HTMLSelectElement).value = 'Enkelbestemming';
    $('layer-import').click();
    await done;
    expect(api.importLayer.mock.calls[0]?.[3]).toBe('Enkelbestemming');
    expect($('status').textContent).toBe('nijkerk.gpkg (Enkelbestemming): 235 objecten ingelezen');

    // Cancelling the chooser reads nothing.
    api.importLayer.mockClear();
    const again = window.locatiescoutImport?.('/data/nijkerk.gpkg', 'parcels');
    await flush();
    $('layer-cancel').click();
    await again;
    expect(api.importLayer).not.toHaveBeenCalled();
    expect($('status').textContent).toBe('Inlezen niet gestart; de geladen gegevens zijn niet gewijzigd');
  });

  it('cancelling the field-mapping dialog imports nothing; an unreadable file says why', async () => {
    await startApp();
    api.fieldPreview.mockResolvedValue(preview);
    const done = window.locatiescoutImport?.('/data/rvb.geojson', 'listings');
    await flush();
    $('fieldmap-cancel').click();
    await done;
    expect(api.importLayer).not.toHaveBeenCalled();
    expect($('status').textContent).toBe('Inlezen niet gestart; de geladen gegevens zijn niet gewijzigd');

    api.fieldPreview.mockRejectedValue({ code: 'import', message: 'kapot.geojson: ongeldige JSON bij byte 3' });
    await window.locatiescoutImport?.('/tmp/kapot.geojson', 'listings');
    expect($('message').textContent).toContain('ongeldige JSON bij byte 3');
    expect($('message').textContent).toContain('niet gewijzigd');
    expect(api.importLayer).not.toHaveBeenCalled();
  });

  it('saves the mapping as a file for the command line', async () => {
    await startApp();
    api.fieldPreview.mockResolvedValue({ ...preview, remembered: true });
    api.pickSave.mockResolvedValue('/home/p/rvb.toml');
    api.saveFieldMap.mockResolvedValue(undefined);
    const done = window.locatiescoutImport?.('/data/rvb.geojson', 'listings');
    await flush();
    expect($('fieldmap').textContent).toContain('onthouden');
    $('fieldmap-save').click();
    await flush();
    await flush();
    expect(api.saveFieldMap).toHaveBeenCalledWith('/home/p/rvb.toml', expect.arrayContaining([{ name: 'BOUWWERKCO', field: 'rvb_code' }]));
    expect($('status').textContent).toContain('rvb.toml');
    $('fieldmap-cancel').click();
    await done;
  });

  it('congestion areas: the dialog sets fields and code meanings before the import', async () => {
    await startApp();
    api.fieldPreview.mockResolvedValue({
      file: '/data/gebieden.geojson', remembered: false, features: 2, imported: 2,
      columns: [
        { name: 'gebied', filled: 2, samples: ['A', 'B'], field: null },
        { name: 'status_afname', filled: 2, samples: ['0', '9'], field: null },
      ],
      fields: [],
    });
    api.congestionConfig.mockResolvedValue({
      id_field: 'voedingsgebied_id', offtake_field: 'afname', feedin_field: 'invoeding', managed_field: 'congestiemanagement',
      operator_field: 'RNB', queue_mw_field: 'wachtrij_afname', solved_year_field: 'jaartal_opgelost_afname',
      codes: [['-1', 'no_info'], ['0', 'transparent'], ['1', 'yellow'], ['2', 'orange'], ['3', 'red']],
    });
    api.setCongestionConfig.mockResolvedValue(overview());
    api.importLayer.mockRejectedValue({ code: 'cancelled', message: 'x' });
    const done = window.locatiescoutImport?.('/data/gebieden.geojson', 'congestion');
    await flush();
    await flush();
    expect(($('congestion-dialog') as HTMLDialogElement).open).toBe(true);
    const pick = (field: string) => document.querySelector<HTMLSelectElement>(`#congestion-config select[data-field=${field}]`) as HTMLSelectElement;
    pick('idField').value = 'gebied';
    pick('offtakeField').value = 'status_afname';
    // The code table lists the default codes; the reversed public reading is chosen here.
    const code = (c: string) => document.querySelector<HTMLSelectElement>(`#congestion-config select[data-code="${c}"]`) as HTMLSelectElement;
    code('0').value = 'red';
    $('congestion-import').click();
    await done;
    const sent = api.setCongestionConfig.mock.calls[0]?.[0];
    expect(sent.id_field).toBe('gebied');
    expect(sent.offtake_field).toBe('status_afname');
    expect(sent.codes).toContainEqual(['0', 'red']);
    expect(sent.operator_field).toBe('RNB');
    expect(api.importLayer).toHaveBeenCalledWith('/data/gebieden.geojson', 'congestion', null, null, expect.any(Function), null);
  });

  it('switches to English, criterion names included', async () => {
    await startApp();
    $('lang').click();
    await flush();
    expect(document.documentElement.lang).toBe('en');
    expect($('weights').textContent).toContain('Size (homes)');
    expect($('open-file').textContent).toBe('Open file…');
    expect($('legend').textContent).toContain('knocked out');
  });

  it('says the screen-reader line of the picked site again in English after switching', async () => {
    await startApp();
    // Rust renders the band in the window's language.
    api.siteDetail.mockImplementation(async () => ({
      index: 1, id: 'NL.IMKAD.KadastraalObject.VBS00A000010000', name: 'Voorbeeldstad A 1', score: 98.3,
      band: (api.setLanguage.mock.calls.at(-1) as unknown[] | undefined)?.[0] === 'en' ? 'Promising' : 'Kansrijk',
      explanation: 'x', knockout_reasons: [], criteria: [], spatial: [], attributes: [],
      invalid_geometry: false, source_file: 'f', source_feature: 1, bounds: null, listing: null,
      grid: { status: 'beschikbaar', year: null, source: null, detail: '', phrase: null, operator: null, queue_mw: null },
    }));
    const said = async () => {
      await flush();
      await new Promise((r) => setTimeout(r, 50));
      return $('announce').textContent;
    };
    (document.querySelector('#list .row[data-index="1"]') as HTMLElement).click();
    expect(await said()).toBe('Locatie Voorbeeldstad A 1: score 98,3, Kansrijk');
    $('lang').click();
    expect(await said()).toBe('Site Voorbeeldstad A 1: score 98.3, Promising');
    // And back: the same line in Dutch again.
    $('lang').click();
    expect(await said()).toBe('Locatie Voorbeeldstad A 1: score 98,3, Kansrijk');
  });
});

describe('compare and werkprogramma', () => {
  const tick = (i: number) => {
    document.querySelectorAll<HTMLElement>('#list .choose')[i].click();
  };

  it('compares the chosen sites, at most four, and clicking a box does not open the site', async () => {
    api.ranking.mockResolvedValue([row(0, 90), row(1, 80), row(2, 70), row(3, 60), row(4, 50)]);
    await startApp();
    expect(($('compare') as HTMLButtonElement).disabled).toBe(true);
    tick(0);
    expect(($('compare') as HTMLButtonElement).disabled).toBe(true);
    expect(($('wp-add') as HTMLButtonElement).disabled).toBe(false);
    tick(2);
    expect($('compare-count').textContent).toBe('2 gekozen');
    expect(($('compare') as HTMLButtonElement).disabled).toBe(false);
    expect(api.siteDetail).not.toHaveBeenCalled();
    tick(0);
    tick(0);
    tick(1);
    tick(3);
    tick(4);
    expect($('status').textContent).toBe('Vergelijk hoogstens 4 locaties tegelijk');
    expect(document.querySelectorAll<HTMLElement>('#list .row')[4].getAttribute('aria-checked')).toBe('false');
    api.compareSites.mockResolvedValue(cmpFixture);
    $('compare').click();
    await flush();
    expect(api.compareSites).toHaveBeenCalledWith([2, 0, 1, 3]);
    expect(($('compare-dialog') as HTMLDialogElement).open).toBe(true);
    expect(document.querySelectorAll('#comparison td.best')).toHaveLength(1);
    // Saved as a spreadsheet; a refusal is said inside the dialog, above the backdrop.
    api.pickSaveExport.mockResolvedValue('/tmp/Vergelijking 4 locaties.xlsx');
    api.compareExport.mockResolvedValue('/tmp/Vergelijking 4 locaties.xlsx');
    $('compare-xlsx').click();
    await flush();
    await flush();
    expect(api.pickSaveExport.mock.calls[0]?.[1]).toBe('xlsx');
    expect(api.compareExport).toHaveBeenCalledWith([2, 0, 1, 3], '/tmp/Vergelijking 4 locaties.xlsx');
    expect($('compare-status').textContent).toBe('Vergelijking geschreven naar Vergelijking 4 locaties.xlsx');
    api.pickSaveExport.mockResolvedValue('/nergens/v.csv');
    api.compareExport.mockRejectedValue({ code: 'export', message: '/nergens/v.csv: kan niet worden geschreven' });
    $('compare-csv').click();
    await flush();
    await flush();
    expect($('compare-status').textContent).toBe('Vergelijking niet geschreven: /nergens/v.csv: kan niet worden geschreven');
    expect($('compare-status').classList.contains('error')).toBe(true);
  });

  it('adds the chosen sites to the werkprogramma, saves edits through Rust and shows a refusal', async () => {
    await startApp();
    tick(0);
    tick(1);
    api.werkprogrammaAdd.mockResolvedValue(wpFixture());
    $('wp-add').click();
    await flush();
    expect(api.werkprogrammaAdd).toHaveBeenCalledWith([0, 1]);
    expect(($('wp-dialog') as HTMLDialogElement).open).toBe(true);
    expect($('wp').textContent).toContain('De ambitie van 20 % wordt niet gehaald');
    const taak = document.querySelector<HTMLInputElement>('#wp input[data-k=taak0]');
    if (!taak) throw new Error('no taakstelling input');
    api.werkprogrammaSet.mockResolvedValue(wpFixture(120));
    taak.value = '120';
    taak.dispatchEvent(new Event('change'));
    await flush();
    expect(api.werkprogrammaSet.mock.calls[0]?.[0].periods[0].taakstelling_persons).toBe(120);
    expect(document.querySelector<HTMLInputElement>('#wp input[data-k=taak0]')?.value).toBe('120');
    api.werkprogrammaSet.mockRejectedValue({ code: 'werkprogramma', message: 'werkprogramma: de ambitie is 2,00' });
    const amb = document.querySelector<HTMLInputElement>('#wp input[data-k=ambition]');
    if (!amb) throw new Error('no ambition input');
    amb.value = '200';
    amb.dispatchEvent(new Event('change'));
    await flush();
    expect($('wp-error').hidden).toBe(false);
    expect($('wp-error').textContent).toContain('de ambitie is 2,00');
    api.pickSaveExport.mockResolvedValue('/tmp/Werkprogramma Voorbeeldstad.pdf');
    api.werkprogrammaExport.mockResolvedValue('/tmp/Werkprogramma Voorbeeldstad.pdf');
    $('wp-export-pdf').click();
    await flush();
    await flush();
    expect(api.pickSaveExport.mock.calls[0]?.[1]).toBe('pdf');
    expect(api.werkprogrammaExport).toHaveBeenCalledWith('/tmp/Werkprogramma Voorbeeldstad.pdf');
    expect($('status').textContent).toBe('Werkprogramma geschreven naar Werkprogramma Voorbeeldstad.pdf');
  });
});

describe('fetching from PDOK', () => {
  it('fetches a municipality with progress, shows what came and redraws', async () => {
    await startApp();
    api.gemeenten.mockResolvedValue([{ code: 'GM0344', name: 'Utrecht' }, { code: 'GM0014', name: 'Groningen' }]);
    $('pdok-open').click();
    await flush();
    expect(($('pdok-dialog') as HTMLDialogElement).open).toBe(true);
    expect([...($('pdok-gemeente') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['GM0344', 'GM0014']);
    let report: ((p: { collection: string; pages: number; features: number }) => void) | undefined;
    let finish: ((v: unknown) => void) | undefined;
    api.fetchPdok.mockImplementation((_r: unknown, onProgress: typeof report) => {
      report = onProgress;
      return new Promise((resolve) => (finish = resolve));
    });
    ($('pdok-verblijfsobjecten') as HTMLInputElement).checked = false;
    $('pdok-start').click();
    await flush();
    expect(api.fetchPdok.mock.calls[0]?.[0]).toEqual({ gemeente: 'GM0344', bbox: null, what: ['percelen', 'panden'], refresh: false });
    expect(($('pdok-cancel') as HTMLButtonElement).disabled).toBe(false);
    report?.({ collection: 'percelen', pages: 3, features: 2500 });
    expect($('pdok-progress').textContent).toBe('percelen: 2.500 objecten, pagina 3');
    $('pdok-cancel').click();
    expect(api.cancelImport).toHaveBeenCalled();
    finish?.({ overview: overview({ sites: 2500 }), area: 'GM0344 Utrecht', lines: ["percelen: 2500 opgehaald in 3 pagina's, 2500 in het project"] });
    await flush();
    await flush();
    expect($('pdok-result').textContent).toContain('2500 opgehaald');
    expect($('status').textContent).toBe('Opgehaald: GM0344 Utrecht');
    expect(($('pdok-cancel') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says so when PDOK is down or the fetch was cancelled', async () => {
    await startApp();
    api.gemeenten.mockResolvedValue([{ code: 'GM0344', name: 'Utrecht' }]);
    $('pdok-open').click();
    await flush();
    api.fetchPdok.mockRejectedValue({ code: 'fetch', message: 'PDOK is niet bereikbaar (…)' });
    $('pdok-start').click();
    await flush();
    expect($('pdok-progress').textContent).toContain('PDOK is niet bereikbaar');
    api.fetchPdok.mockRejectedValue({ code: 'cancelled', message: 'ophalen afgebroken' });
    $('pdok-start').click();
    await flush();
    expect($('pdok-progress').textContent).toBe('Afgebroken; het project is niet gewijzigd');
    expect(api.setProfile).not.toHaveBeenCalled();
  });
});

describe('an address-only list', () => {
  it('offers to look the addresses up at PDOK and imports through geocoding', async () => {
    await startApp();
    api.fieldPreview.mockResolvedValue({
      file: '/data/adressen.csv', remembered: false, features: 2, imported: 0,
      columns: [{ name: 'BOUWWERKCO', filled: 2, samples: ['A1'], field: 'rvb_code' }, { name: 'adres', filled: 2, samples: ['Stationsplein 1'], field: 'address' }],
      fields: ['rvb_code', 'address', 'x_rd', 'y_rd'],
    });
    const report = {
      path: '/data/adressen.csv', format: 'CSV', kind: 'listings' as const, crs: 'RD New (EPSG:28992)', crs_decision: 'afgeleid',
      features_read: 2, imported: 1, geometry_counts: [['Point', 1]] as [string, number][], fields: [], skipped_count: 0, skipped: [],
      invalid_count: 0, invalid: [], warning_count: 0, warnings: [], notes: ['regel 3: Nergens 1 niet gevonden'], needs_geocoding: 0,
    };
    api.geocodeListings.mockResolvedValue({ overview: overview(), report });
    // happy-dom has no window.confirm; the app asks through it.
    const confirm = vi.fn(() => true);
    window.confirm = confirm;
    const done = window.locatiescoutImport?.('/data/adressen.csv', 'listings');
    await flush();
    $('fieldmap-import').click();
    await done;
    expect(String((confirm.mock.calls[0] as unknown[] | undefined)?.[0])).toContain('De 2 adressen opzoeken bij PDOK Locatieserver');
    expect(api.geocodeListings.mock.calls[0]?.[0]).toBe('/data/adressen.csv');
    expect(api.importLayer).not.toHaveBeenCalled();
    expect($('report').textContent).toContain('Nergens 1 niet gevonden');
  });
});

describe('the list', () => {
  it('never shows an answer older than the last request', async () => {
    await startApp();
    let slow: ((rows: SiteRowDto[]) => void) | undefined;
    api.ranking.mockImplementationOnce(() => new Promise((resolve) => (slow = resolve)));
    api.ranking.mockResolvedValueOnce([row(2, 70)]);
    const filter = $('flag-filter') as HTMLSelectElement;
    filter.dispatchEvent(new Event('change'));
    filter.value = 'any';
    filter.dispatchEvent(new Event('change'));
    await flush();
    expect(rows()).toEqual(['P2']);
    // The first request answers last: it is dropped.
    slow?.([row(0, 90), row(1, 80)]);
    await flush();
    expect(rows()).toEqual(['P2']);
  });
});
