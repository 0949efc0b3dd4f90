// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { SiteDetailDto, SiteRowDto } from '../api';
import { fieldLabel, overlayLabel, setLang, t } from '../i18n';
import { renderDetail } from '../view/detail';
import { renderFieldMap } from '../view/import';
import { renderLegend } from '../view/legend';
import { renderList } from '../view/list';

const row = (index: number, over: Partial<SiteRowDto> = {}): SiteRowDto => ({
  index,
  rank: index + 1,
  id: `NL.IMKAD.KadastraalObject.VBS00A0000${index}0000`,
  name: `Voorbeeldstad A ${index}`,
  score: 90 - index,
  homes: 48,
  term_years: -1,
  grid: 'aansluiting aanwezig',
  knocked_out: false,
  explanation: 'Kansrijk: 1,6 ha voor ca. 48 woningen, geen einddatum bekend; netaansluiting: aansluiting aanwezig',
  flag: null,
  ...over,
});

const detail: SiteDetailDto = {
  index: 3,
  id: 'P3',
  name: 'Voorbeeldstad A 3',
  score: 81.25,
  band: 'Kansrijk',
  explanation: 'Kansrijk: …',
  knockout_reasons: [],
  criteria: [
    { key: 'size', label: 'Omvang (woningen)', share: 0.3, score: 90, knocked_out: false, scored: true },
    { key: 'term', label: 'Beschikbaarheid (jaren)', share: 0.7, score: 120, knocked_out: true, scored: true },
  ],
  spatial: [
    {
      key: 'nature', label: 'Natuur', value: 35, unit: '%', layer: 'natura2000', feature: 12, feature_name: 'Rijntakken', scored: true,
      text: 'ligt voor 35 % in Natura 2000-gebied Rijntakken',
    },
    {
      key: 'zoning', label: 'Bestemming', value: null, unit: '%', layer: 'bestemmingsplan', feature: null, feature_name: null, scored: false,
      text: "bestemming: niet beoordeeld (laag 'bestemmingsplan' ontbreekt)",
    },
  ],
  attributes: [
    ['grid_note', 'wachtrij tot 2029'],
    ['sectie', 'A'],
  ],
  invalid_geometry: true,
  source_file: '/data/percelen.geojson',
  bounds: [5.1, 52.0, 5.2, 52.1],
  source_feature: 7,
  listing: null,
  grid: {
    status: 'wachtrij', year: 2029, source: 'area', detail: 'capaciteitskaart: oranje, wachtrij 8,7 MW, opgelost 2029 (Stedin, gebied CM11)',
    phrase: null, operator: 'Stedin', queue_mw: 8.727,
  },
};

describe('candidate list', () => {
  it('shows what Rust computed, marks knock-outs and the selection, and names sites as a planner does', () => {
    setLang('nl');
    const ol = document.createElement('ol');
    renderList(ol, [row(0), row(1, { knocked_out: true })], 1, () => {});
    const items = ol.querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain('90,0');
    expect(items[0].textContent).toContain('48 woningen');
    expect(items[1].classList.contains('ko')).toBe(true);
    expect(items[1].classList.contains('selected')).toBe(true);
    // The kadastrale aanduiding Rust made, the full identifier on hover.
    const id = items[0].querySelector('.id') as HTMLElement;
    expect(id.textContent).toBe('Voorbeeldstad A 0');
    expect(items[0].textContent).not.toContain('KadastraalObject');
    expect(id.title).toBe(row(0).id);
  });

  it('is one tab stop, a listbox: arrows move the stop, Enter picks a site', () => {
    const ol = document.createElement('ol');
    document.body.append(ol);
    const pick = vi.fn();
    renderList(ol, [row(0), row(1), row(2)], null, pick);
    expect(ol.getAttribute('role')).toBe('listbox');
    const items = [...ol.querySelectorAll('li')];
    expect(items.map((li) => li.getAttribute('role'))).toEqual(['option', 'option', 'option']);
    expect(items.map((li) => li.tabIndex)).toEqual([0, -1, -1]);
    items[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    expect(items.map((li) => li.tabIndex)).toEqual([-1, 0, -1]);
    expect(document.activeElement).toBe(items[1]);
    items[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'End' }));
    expect(document.activeElement).toBe(items[2]);
    items[2].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(pick).toHaveBeenCalledWith(2);
    // The picked row holds the stop and says it is selected.
    renderList(ol, [row(0), row(1), row(2)], 1, pick);
    const again = [...ol.querySelectorAll('li')];
    expect(again.map((li) => li.tabIndex)).toEqual([-1, 0, -1]);
    expect(again.map((li) => li.getAttribute('aria-selected'))).toEqual(['false', 'true', 'false']);
    ol.remove();
  });

  it('ticks a row for comparison with Space, told by aria-checked, without a control inside the option', () => {
    const ol = document.createElement('ol');
    const chosen = new Set<number>();
    const toggle = vi.fn((i: number, on: boolean) => (on ? chosen.add(i) : chosen.delete(i), true));
    const pick = vi.fn();
    renderList(ol, [row(0), row(1)], null, pick, null, { chosen, toggle });
    const first = ol.querySelector('li') as HTMLElement;
    expect(first.getAttribute('aria-checked')).toBe('false');
    expect(first.querySelector('input, button, [tabindex]')).toBeNull();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: ' ' }));
    expect(toggle).toHaveBeenCalledWith(0, true);
    expect(first.getAttribute('aria-checked')).toBe('true');
    expect(pick).not.toHaveBeenCalled();
  });
});

describe('detail panel', () => {
  it('draws the breakdown bars clamped to 0–100 with Dutch field labels', () => {
    setLang('nl');
    const panel = document.createElement('aside');
    renderDetail(panel, detail);
    const fills = [...panel.querySelectorAll<HTMLElement>('.fill')].map((f) => f.style.width);
    expect(fills).toEqual(['90%', '100%']);
    expect(panel.querySelector('.bar.ko')).not.toBeNull();
    expect(panel.textContent).toContain('Netaansluiting');
    expect(panel.textContent).not.toContain('grid_note');
    expect(panel.textContent).toContain('sectie'); // a file's own field keeps its name
    expect(panel.textContent).toContain(t('invalidGeometry'));
    expect(panel.textContent).toContain('/data/percelen.geojson #7');
  });

  it('lists each spatial criterion and shows its deciding feature on the map', () => {
    setLang('nl');
    const panel = document.createElement('aside');
    const shown: [string, number][] = [];
    renderDetail(panel, detail, undefined, (layer, feature) => shown.push([layer, feature]));
    const facts = [...panel.querySelectorAll('.spatial-facts li')];
    expect(facts.map((f) => f.querySelector('span')?.textContent)).toEqual([
      'ligt voor 35 % in Natura 2000-gebied Rijntakken',
      "bestemming: niet beoordeeld (laag 'bestemmingsplan' ontbreekt)",
    ]);
    expect(facts[1].classList.contains('muted')).toBe(true);
    // Only a criterion with a deciding feature has the button.
    const buttons = panel.querySelectorAll<HTMLButtonElement>('.spatial-facts button');
    expect(buttons.length).toBe(1);
    buttons[0].click();
    expect(shown).toEqual([['natura2000', 12]]);
  });
});

describe('dictionary', () => {
  it('has every Dutch text in English too and fills placeholders', () => {
    setLang('en');
    expect(t('loaded', { n: 3 })).toBe('3 sites loaded');
    expect(fieldLabel('owner_type')).toBe('Ownership');
    setLang('nl');
    expect(t('loaded', { n: 3 })).toBe('3 locaties geladen');
    expect(fieldLabel('owner_type')).toBe('Eigendom');
  });
});

describe('legend', () => {
  it('draws the same stops the map uses and the knock-out colour', () => {
    setLang('nl');
    const box = document.createElement('div');
    renderLegend(box, [[0, '#b2182b'], [100, '#1a9641']], '#9e9e9e');
    expect((box.querySelector('.legend-bar') as HTMLElement).style.background).toContain('linear-gradient');
    const ticks = [...box.querySelectorAll<HTMLElement>('.legend-ticks span')];
    expect(ticks.map((s) => s.textContent)).toEqual(['0', '100']);
    expect(ticks.map((s) => s.style.left)).toEqual(['0%', '100%']);
    expect(box.textContent).toContain('valt af');
  });
});

describe('listing links in the detail', () => {
  it('lists the parcels and panden under the listing; scored ones open on click', () => {
    setLang('nl');
    const panel = document.createElement('div');
    const pick = vi.fn();
    renderDetail(
      panel,
      {
        ...detail,
        listing: {
          code: '3800VB1_01',
          parcels: [
            { id: 'P-A', share_pct: 62.5, site: 3, score: 81.25 },
            { id: 'P-B', share_pct: 37.5, site: 4, score: 40 },
          ],
          buildings: [],
        },
      },
      pick,
    );
    const box = panel.querySelector('section.listing') as HTMLElement;
    expect(box.textContent).toContain('Rijksvastgoed 3800VB1_01');
    expect(box.textContent).toContain('62,5% van het object');
    expect(box.textContent).toContain('Overlapt panden');
    expect(box.textContent).toContain('geen geladen');
    // The site shown has no link to itself.
    expect(box.querySelector('button[data-site="3"]')).toBeNull();
    (box.querySelector('button[data-site="4"]') as HTMLButtonElement).click();
    expect(pick).toHaveBeenCalledWith(4);
  });
});

describe('field-mapping dialog', () => {
  it('presets each column, names the fields chosen twice and returns the choice', () => {
    setLang('nl');
    const box = document.createElement('div');
    const current = renderFieldMap(box, {
      file: '/d/aanbod.csv', remembered: false, features: 2, imported: 0,
      columns: [
        { name: 'code', filled: 2, samples: ['A1', 'A2'], field: null },
        { name: 'oost', filled: 2, samples: ['155000,5'], field: null },
      ],
      fields: ['rvb_code', 'x_rd', 'y_rd'],
    });
    expect(box.textContent).toContain('0 van 2 objecten');
    expect(box.querySelector('p.warning')?.textContent).toContain('0 van 2');
    const [code, oost] = [...box.querySelectorAll('select')];
    expect(code.options[0].textContent).toBe('— kenmerk, niet koppelen —');
    expect([...code.options].map((o) => o.textContent)).toContain('X (RD)');
    code.value = 'x_rd';
    oost.value = 'x_rd';
    expect(current().twice).toEqual(['x_rd']);
    expect(code.classList.contains('invalid')).toBe(true);
    code.value = 'rvb_code';
    expect(current()).toEqual({ choices: [{ name: 'code', field: 'rvb_code' }, { name: 'oost', field: 'x_rd' }], twice: [] });
  });
});

describe('grid block in the detail', () => {
  it('shows status, year, source, operator and queue, marked indicative', () => {
    setLang('nl');
    const panel = document.createElement('div');
    renderDetail(panel, detail);
    const g = panel.querySelector('section.grid') as HTMLElement;
    expect(g.textContent).toContain('wachtrij (2029)');
    expect(g.textContent).toContain('capaciteitskaart (congestiegebied)');
    expect(g.textContent).toContain('Stedin');
    expect(g.textContent).toContain('8,7 MW');
    expect(g.textContent).toContain('Indicatief');
    renderDetail(panel, { ...detail, grid: { status: 'onbekend', year: null, source: null, detail: 'geen gegevens', phrase: null, operator: null, queue_mw: null } });
    expect(panel.querySelector('section.grid')?.textContent).toContain('geen gegevens');
  });
});

describe('congestion legend', () => {
  it('lists the operators\' colours under the switch while it is on', () => {
    setLang('nl');
    const box = document.createElement('div');
    const toggle = { key: 'congestion', label: 'Netcongestie (afname)', colour: '#fc8d59', on: false, items: [['#d7301f', 'rood: geen capaciteit'], ['hatch', 'gearceerd: congestiemanagement']] as [string, string][] };
    renderLegend(box, [[0, '#000'], [100, '#fff']], '#999', [toggle]);
    expect(box.textContent).not.toContain('rood: geen capaciteit');
    const on = vi.fn();
    renderLegend(box, [[0, '#000'], [100, '#fff']], '#999', [{ ...toggle, on: true }], on);
    expect(box.textContent).toContain('rood: geen capaciteit');
    expect(box.querySelector('.swatch.hatch')).not.toBeNull();
    const input = box.querySelector('input[data-layer=congestion]') as HTMLInputElement;
    input.checked = false;
    input.dispatchEvent(new Event('change'));
    expect(on).toHaveBeenCalledWith('congestion', false);
  });
});

describe('overlay labels', () => {
  it('name an overlay in the window language and say its role once', () => {
    const natura = { title: 'Natura 2000-gebied', title_en: 'Natura 2000 site', role: 'constraint' };
    const amenity = { title: 'voorziening', title_en: 'amenity', role: 'amenity' };
    setLang('nl');
    expect(overlayLabel(natura, ', ')).toBe('Natura 2000-gebied, harde beperking');
    expect(overlayLabel(amenity, ', ')).toBe('voorziening');
    setLang('en');
    expect(overlayLabel(natura, ', ')).toBe('Natura 2000 site, hard constraint');
    expect(overlayLabel(amenity, ', ')).toBe('amenity');
    setLang('nl');
  });
});
