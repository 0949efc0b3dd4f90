// The werkprogramma editor. Every number shown comes from Rust; the editor only
// turns what the user typed into a new input and hands it back (see
// panels/werkprogramma.ts), and draws the result.
import type { Addressee } from './bindings/Addressee';
import type { BusinessParams } from './bindings/BusinessParams';
import type { GroupShare } from './bindings/GroupShare';
import type { HousingForm } from './bindings/HousingForm';
import type { KnelpuntCategory } from './bindings/KnelpuntCategory';
import type { KnelpuntItemDto } from './bindings/KnelpuntItemDto';
import type { PeriodDto } from './bindings/PeriodDto';
import type { WerkprogrammaDto } from './bindings/WerkprogrammaDto';
import type { Werkprogramma } from './bindings/Werkprogramma';
import { fmt, t, type TextKey } from './i18n';
import { el } from './dom';

const FORMS: HousingForm[] = ['flex', 'transformatie', 'woningdelen', 'onzelfstandig', 'woningsplitsing', 'optoppen', 'microwoningen', 'tussenvoorziening'];
const FORM_KEYS: Record<HousingForm, TextKey> = {
  flex: 'wpFormFlex',
  transformatie: 'wpFormTransformatie',
  woningdelen: 'wpFormWoningdelen',
  onzelfstandig: 'wpFormOnzelfstandig',
  woningsplitsing: 'wpFormWoningsplitsing',
  optoppen: 'wpFormOptoppen',
  microwoningen: 'wpFormMicrowoningen',
  tussenvoorziening: 'wpFormTussenvoorziening',
};
/** Scheme names short enough for the table; the full name and reasons are in the tooltip and the report. */
const SCHEME_SHORT: Record<string, string> = { sft: 'SFT', rthf: 'RTHF', dfr: 'DFR', grote_gezinnen: 'Grote gezinnen', rha: 'RHA' };
const ADDRESSEES: Addressee[] = ['rijk', 'provincie', 'netbeheerder', 'rvb', 'kwartiermakers', 'gemeente'];
const CATEGORIES: KnelpuntCategory[] = ['locaties', 'procedures', 'capaciteit', 'exploitatie', 'financiering'];

/** "starters 30, spoedzoekers 20" ↔ shares; `null` when it cannot be read. */
export function parseMix(text: string): GroupShare[] | null {
  const out: GroupShare[] = [];
  // A comma before a digit is a decimal comma ("12,5"), not a separator.
  for (const part of text.split(/;|,(?!\d)/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s+(\d+(?:[.,]\d+)?)\s*%?$/.exec(part);
    if (!m) return null;
    out.push({ group: m[1].trim(), share: Number(m[2].replace(',', '.')) / 100 });
  }
  return out;
}

export function mixText(mix: GroupShare[]): string {
  return mix.map((g) => `${g.group} ${fmt(g.share * 100)}`).join(', ');
}

type Change = (input: Werkprogramma) => void;

/** The input with every edit made so far, ahead of Rust's answer. */
let latest: Werkprogramma | null = null;
/** Counts redraws (the end-to-end test waits for the next one). */
let renders = 0;

/** An input that calls `set` with its number when changed; `k` keeps focus across redraws. */
function numberInput(k: string, value: number, set: (v: number) => void, step = '1', label?: string): HTMLInputElement {
  const i = el('input');
  i.type = 'number';
  i.step = step;
  i.value = String(Math.round(value * 1000) / 1000);
  i.dataset.k = k;
  if (label) i.setAttribute('aria-label', label);
  i.addEventListener('change', () => {
    const v = Number(i.value);
    if (i.value.trim() !== '' && Number.isFinite(v)) set(v);
  });
  return i;
}

function textInput(k: string, value: string, set: (v: string) => void, label?: string): HTMLInputElement {
  const i = el('input');
  i.type = 'text';
  i.value = value;
  i.dataset.k = k;
  if (label) i.setAttribute('aria-label', label);
  i.addEventListener('change', () => set(i.value));
  return i;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const l = el('label');
  l.append(el('span', undefined, text), control);
  return l;
}

function periodRow(p: PeriodDto, inputs: HTMLElement[] | null, total = false): HTMLTableRowElement {
  const tr = el('tr', total ? 'total' : undefined);
  tr.append(el('th', undefined, total ? t('wpTotal') : p.label));
  if (inputs) for (const i of inputs) {
    const td = el('td');
    td.append(i);
    tr.append(td);
  } else {
    tr.append(el('td', 'n', fmt(p.taakstelling_persons)), el('td', 'n', fmt(p.regular_stock_persons)), el('td', 'n', fmt(p.realised_persons)));
  }
  // Whole persons: the ambition is judged over all periods together, below the table.
  tr.append(
    el('td', 'n', fmt(p.persons_to_house)),
    el('td', 'n', fmt(p.ambition_persons)),
    el('td', 'n', fmt(p.planned_persons)),
    el('td', 'n', fmt(p.feasible_persons)),
    el('td', 'n', fmt(p.cooperation_persons)),
    el('td', p.balance_persons > 0 ? 'n nok' : 'n', fmt(p.balance_persons)),
  );
  return tr;
}

/** The whole werkprogramma editor; every change goes out through `change` with a new input. */
export function renderWerkprogramma(box: HTMLElement, w: WerkprogrammaDto, change: Change, exportAs: (ext: string) => void): void {
  // The field being typed in keeps its text and focus across the redraw.
  const active = document.activeElement as HTMLInputElement | null;
  const focused = active && box.contains(active) ? active.dataset.k : undefined;
  const typing = focused !== undefined && 'value' in active! ? active!.value : null;
  const input: Werkprogramma = structuredClone(w.input);
  // Edits build on each other until Rust answers: a second change made before the
  // first one's redraw must not undo the first.
  latest = structuredClone(w.input);
  const edit = (f: (i: Werkprogramma) => void) => {
    const next = structuredClone(latest ?? input);
    f(next);
    latest = next;
    change(structuredClone(next));
  };
  const title = el('h2', undefined, t('wpTitle'));
  title.id = 'wp-title';
  const parts: HTMLElement[] = [title, el('p', 'muted', t('wpIntro'))];

  // Municipality and assumptions.
  const basics = el('div', 'wp-basics');
  const half = el('select');
  half.dataset.k = 'firstHalf';
  for (const h of [1, 2]) {
    const o = el('option', undefined, t(h === 1 ? 'wpHalf1' : 'wpHalf2'));
    o.value = String(h);
    half.append(o);
  }
  half.value = String(input.first_half);
  half.addEventListener('change', () => edit((i) => (i.first_half = Number(half.value))));
  basics.append(
    labelled(t('wpGemeente'), textInput('gemeente', input.gemeente, (v) => edit((i) => (i.gemeente = v)))),
    labelled(t('wpGemeenteCode'), textInput('gemeenteCode', input.gemeente_code, (v) => edit((i) => (i.gemeente_code = v.trim().toUpperCase())))),
    labelled(t('wpFirstYear'), numberInput('firstYear', input.first_year, (v) => edit((i) => (i.first_year = Math.round(v))))),
    labelled(t('wpFirstHalf'), half),
    labelled(t('wpBacklog'), numberInput('backlog', input.backlog_persons, (v) => edit((i) => (i.backlog_persons = v)))),
    labelled(t('wpIncludesBacklog'), checkbox('inclBacklog', input.ambition_includes_backlog, (v) => edit((i) => (i.ambition_includes_backlog = v)))),
    labelled(t('wpAmbition'), numberInput('ambition', input.ambition_share * 100, (v) => edit((i) => (i.ambition_share = v / 100)))),
  );
  parts.push(basics);

  // Periods: the taakstelling in, the check against the ambition out.
  parts.push(el('h3', undefined, t('wpPeriods')));
  const periods = el('table', 'wp-periods');
  const ph = el('tr');
  for (const k of ['wpPeriod', 'wpTaakstelling', 'wpRegular', 'wpRealised', 'wpToHouse', 'wpAmbitionPersons', 'wpPlannedPersons', 'wpFeasiblePersons', 'wpCooperationPersons', 'wpUnhoused'] as TextKey[]) {
    ph.append(el('th', undefined, t(k)));
  }
  periods.createTHead().append(ph);
  const pb = el('tbody');
  w.periods.forEach((p, n) => {
    pb.append(
      periodRow(p, [
        numberInput(`taak${n}`, input.periods[n]?.taakstelling_persons ?? 0, (v) => edit((i) => (i.periods[n].taakstelling_persons = v)), '1', `${t('wpTaakstelling')} ${p.label}`),
        numberInput(`reg${n}`, input.periods[n]?.regular_stock_persons ?? 0, (v) => edit((i) => (i.periods[n].regular_stock_persons = v)), '1', `${t('wpRegular')} ${p.label}`),
        numberInput(`real${n}`, input.periods[n]?.realised_persons ?? 0, (v) => edit((i) => (i.periods[n].realised_persons = v)), '1', `${t('wpRealised')} ${p.label}`),
      ]),
    );
  });
  pb.append(periodRow(w.total, null, true));
  periods.append(pb);
  const figs = el('div', 'wp-figs');
  const chart = el('div', 'wp-chart');
  // SVG drawn by Rust (the same the report prints); its texts are escaped there.
  chart.innerHTML = w.chart_svg;
  const mapFig = el('div', 'wp-map');
  mapFig.innerHTML = w.map_svg;
  figs.append(chart, mapFig);
  parts.push(
    periods,
    el('p', w.reaches_ambition ? 'wp-verdict ok' : 'wp-verdict nok', w.ambition_verdict),
    el('p', 'wp-verdict', w.taakstelling_verdict),
    el('p', 'muted', w.ambition_text),
  );
  if (w.assumptions.length) {
    const warn = el('details', 'wp-assumptions');
    warn.dataset.k = 'assumptions';
    warn.append(el('summary', 'nok', `${t('wpAssumptions')} (${w.assumptions.length})`));
    const ul = el('ul');
    for (const a of w.assumptions) ul.append(el('li', undefined, a));
    warn.append(ul);
    parts.push(warn);
  }
  parts.push(figs);

  // Sites.
  parts.push(el('h3', undefined, t('wpSites')));
  if (w.sites.length === 0) parts.push(el('p', 'muted', t('wpNoSites')));
  else {
    const table = el('table', 'wp-sites');
    const hr = el('tr');
    for (const k of ['wpSite', 'wpForm', 'wpUnits', 'wpPersonsPerUnit', 'wpDelivery', 'wpShare', 'wpMix', 'wpGapPerHome', 'wpSchemes', 'wpKnelpunten'] as TextKey[]) hr.append(el('th', undefined, t(k)));
    table.createTHead().append(hr);
    const body = el('tbody');
    w.sites.forEach((s, n) => {
      const tr = el('tr', s.found ? undefined : 'missing');
      const name = el('td', 'wp-site');
      // Long BRK ids differ at the end: cut at the front, as in the list.
      const shown = s.label.length > 24 ? `…${s.label.slice(-23)}` : s.label;
      const nameInput = textInput(`name${n}`, s.entry.name, (v) => edit((i) => (i.entries[n].name = v.trim())), `${t('wpName')} ${n + 1}`);
      nameInput.placeholder = shown;
      const info = !s.entry.site_id ? '' : s.found ? `${fmt(s.score ?? 0, 1)} — ${s.band ?? ''} · ${s.term_text}` : t('wpMissing');
      name.append(el('div', 'id', `${n + 1}.`), nameInput, el('div', 'muted', info));
      name.title = `${s.entry.site_id || s.label}\n${s.grid_text}`;
      const form = el('select');
      form.dataset.k = `form${n}`;
      for (const f of FORMS) {
        const o = el('option', undefined, t(FORM_KEYS[f]));
        o.value = f;
        form.append(o);
      }
      form.value = s.entry.form;
      form.setAttribute('aria-label', `${t('wpForm')} ${n + 1}`);
      form.addEventListener('change', () => edit((i) => (i.entries[n].form = form.value as HousingForm)));
      const period = el('select');
      period.dataset.k = `period${n}`;
      w.periods.forEach((p, k) => {
        const o = el('option', undefined, p.label);
        o.value = String(k);
        period.append(o);
      });
      period.value = String(s.entry.period);
      period.setAttribute('aria-label', `${t('wpDelivery')} ${n + 1}`);
      period.addEventListener('change', () => edit((i) => (i.entries[n].period = Number(period.value))));
      const when = el('div', s.feasible && s.feasible_label === s.period_label ? 'muted' : 'nok', `${t('wpFeasible')}: ${s.feasible_label}${s.cause ? ` (${s.cause})` : ''}`);
      // Months to the keys: the form's default, lower when work has begun.
      const lead = numberInput(`lead${n}`, s.lead_time_months, (v) => edit((i) => (i.entries[n].lead_time_months = Math.max(0, Math.round(v)))), '1', `${t('wpLeadTime')} ${n + 1}`);
      const periodCell = el('td');
      periodCell.append(period, when, labelled(t('wpLeadTime'), lead));
      const mix = textInput(`mix${n}`, mixText(s.entry.mix), (v) => {
        const parsed = parseMix(v);
        if (parsed === null) {
          mix.setCustomValidity(t('wpMixBad'));
          mix.reportValidity();
        } else edit((i) => (i.entries[n].mix = parsed));
      }, `${t('wpMix')} ${n + 1}`);
      mix.placeholder = t('wpMixHint');
      const schemes = el('td', 'wp-schemes');
      // Schemes counted in the case always; hints (DFR, grote gezinnen, RHA) only when they fit, if only under conditions.
      for (const sc of s.business.schemes.filter((x) => x.counted || x.fits || x.conditional)) {
        const verdict = sc.fits ? t('wpFits') : sc.conditional ? t('wpFitsMaybe') : t('wpFitsNot');
        const d = el('div', sc.fits ? 'ok' : 'nok', `${SCHEME_SHORT[sc.key] ?? sc.key}: ${verdict}`);
        d.title = [sc.name, ...sc.reasons, ...sc.remarks].join('; ');
        schemes.append(d);
      }
      const kps = el('td', 'wp-kps');
      const ul = el('ul');
      for (const kp of s.knelpunten) {
        const li = el('li');
        const x = el('button', 'link', '×');
        x.type = 'button';
        x.title = t('wpDismiss');
        x.setAttribute('aria-label', `${t('wpDismiss')}: ${kp.text}`);
        x.addEventListener('click', () =>
          edit((i) => {
            const e = i.entries[n];
            if (kp.derived) e.dismissed.push(kp.key);
            else e.added = e.added.filter((a) => a.text !== kp.text);
          }),
        );
        li.append(el('span', 'cat', `${t(`wpCat_${kp.category}` as TextKey)}: `), kp.text, ' ', x);
        ul.append(li);
      }
      kps.append(ul);
      const remove = el('button', undefined, t('wpRemove'));
      remove.type = 'button';
      remove.addEventListener('click', () => edit((i) => i.entries.splice(n, 1)));
      const cell = (c: HTMLElement) => {
        const td = el('td');
        td.append(c);
        return td;
      };
      tr.append(
        name,
        cell(form),
        cell(numberInput(`homes${n}`, s.entry.homes, (v) => edit((i) => (i.entries[n].homes = Math.max(0, Math.round(v)))), '1', `${t('wpHomes')} ${n + 1}`)),
        cell(numberInput(`ppu${n}`, s.persons_per_unit, (v) => edit((i) => (i.entries[n].persons_per_unit = v > 0 ? v : null)), '0.5', `${t('wpPersonsPerUnit')} ${n + 1}`)),
        periodCell,
        cell(numberInput(`share${n}`, (s.entry.share_statushouders ?? s.business.params.share_statushouders) * 100, (v) => edit((i) => (i.entries[n].share_statushouders = v / 100)), '1', `${t('wpShare')} ${n + 1}`)),
        cell(mix),
        el('td', s.business.remaining_gap_per_home_eur > 0 ? 'n nok' : 'n', `€ ${fmt(s.business.remaining_gap_per_home_eur)}`),
        schemes,
        kps,
      );
      body.append(tr);
      // This site's own business case numbers (the project's until changed here).
      const own = el('tr', 'wp-site-bc');
      const td = el('td');
      td.colSpan = 10;
      const d = el('details');
      d.dataset.k = `bcSite${n}`;
      d.append(el('summary', undefined, t(s.entry.business ? 'wpSiteBusinessOwn' : 'wpSiteBusiness')));
      d.append(
        businessGrid(`bc${n}_`, s.business.params, (f) =>
          edit((i) => {
            const b = structuredClone(i.entries[n].business ?? s.business.params);
            f(b);
            i.entries[n].business = b;
          }),
        ),
      );
      if (s.entry.business) {
        const reset = el('button', undefined, t('wpSiteBusinessReset'));
        reset.type = 'button';
        reset.addEventListener('click', () => edit((i) => (i.entries[n].business = null)));
        d.append(reset);
      }
      // Below the site: its business case, an obstacle of one's own, and removal.
      const tools = el('div', 'wp-site-tools');
      tools.append(d, addKnelpunt(`kp${n}`, (category, text) => edit((i) => i.entries[n].added.push({ category, key: 'eigen', text, derived: false }))), remove);
      td.append(tools);
      own.append(td);
      body.append(own);
    });
    table.append(body);
    parts.push(table);
  }
  const without = el('button', undefined, t('wpAddWithoutSite'));
  without.type = 'button';
  without.id = 'wp-add-without-site';
  without.addEventListener('click', () =>
    edit((i) =>
      i.entries.push({
        site_id: '',
        name: '',
        profile: 'flex',
        form: 'woningdelen',
        homes: 0,
        period: 0,
        persons_per_unit: null,
        lead_time_months: null,
        share_statushouders: 1,
        mix: [],
        business: null,
        dismissed: [],
        added: [],
        note: '',
      }),
    ),
  );
  parts.push(without);

  // Knelpunten overall, by category.
  parts.push(el('h3', undefined, t('wpOverall')));
  const cats = el('div', 'wp-cats');
  for (const g of w.knelpunten) {
    const sec = el('section');
    sec.append(el('h4', undefined, t(`wpCat_${g.category}` as TextKey)));
    const ul = el('ul');
    if (g.items.length === 0) ul.append(el('li', 'muted', t('wpNone')));
    for (const it of g.items) {
      const li = el('li', undefined, it.sites.length ? `${it.text} (${it.sites.length}: ${it.sites.join(', ')})` : it.text);
      if (it.blocked_persons > 0) li.append(' — ', el('strong', 'nok', t('wpBlocks', { n: fmt(it.blocked_persons) })));
      li.append(supportControls(it, edit));
      if (it.sites.length === 0) {
        const x = el('button', 'link', '×');
        x.type = 'button';
        x.title = t('wpDismiss');
        x.addEventListener('click', () =>
          edit((i) => {
            if (it.derived) i.dismissed.push(it.key);
            else i.added = i.added.filter((a) => a.text !== it.text);
          }),
        );
        li.append(' ', x);
      }
      ul.append(li);
    }
    sec.append(ul);
    cats.append(sec);
  }
  parts.push(cats, addKnelpunt('kpAll', (category, text) => edit((i) => i.added.push({ category, key: 'eigen', text, derived: false }))));

  // Free texts the note asks for.
  // The field on the wire, its name in the page, its label.
  for (const [k, dom, key] of [
    ['volkshuisvesting', 'volkshuisvesting', 'wpVolkshuisvesting'],
    ['regular_stock_explanation', 'regularStockExplanation', 'wpRegularExplanation'],
    ['capacity', 'capacity', 'wpCapacity'],
    ['support', 'support', 'wpSupport'],
    ['cooperation', 'cooperation', 'wpCooperation'],
    ['rvb_tender_types', 'rvbTenderTypes', 'wpTenderTypes'],
    ['planning', 'planning', 'wpPlanning'],
  ] as const) {
    const ta = el('textarea');
    ta.rows = 2;
    ta.value = input[k];
    ta.dataset.k = dom;
    ta.addEventListener('change', () => edit((i) => (i[k] = ta.value)));
    parts.push(labelled(t(key), ta));
  }

  const counts = el('div', 'wp-basics');
  counts.append(
    labelled(t('wpCooperationPersons'), numberInput('coopPersons', input.cooperation_persons, (v) => edit((i) => (i.cooperation_persons = Math.max(0, v))))),
    labelled(t('wpTenderHomes'), numberInput('tenderHomes', input.rvb_tender_homes, (v) => edit((i) => (i.rvb_tender_homes = Math.max(0, Math.round(v)))))),
  );
  parts.push(counts);

  // The business case assumptions for every site.
  const bc = el('details', 'wp-business');
  bc.dataset.k = 'bcAll';
  bc.append(el('summary', undefined, t('wpBusiness')), el('p', 'muted', t('wpBusinessNote')));
  bc.append(
    businessGrid('bc', w.business_defaults, (f) =>
      edit((i) => {
        const b = structuredClone(i.business ?? w.business_defaults);
        f(b);
        i.business = b;
      }),
    ),
  );
  parts.push(bc);

  // Exports.
  const ex = el('div', 'dialog-buttons wp-export');
  ex.append(el('strong', undefined, `${t('wpExport')}:`));
  for (const [ext, label] of [['html', 'HTML'], ['pdf', 'PDF'], ['xlsx', 'Excel (XLSX)'], ['csv', 'CSV'], ['gpkg', 'GeoPackage'], ['geojson', 'GeoJSON']]) {
    const b = el('button', undefined, label);
    b.type = 'button';
    b.id = `wp-export-${ext}`;
    b.addEventListener('click', () => exportAs(ext));
    ex.append(b);
  }
  parts.push(ex);
  const open = new Set([...box.querySelectorAll<HTMLElement>('details[open]')].map((d) => d.dataset.k));
  box.replaceChildren(...parts);
  box.querySelectorAll<HTMLDetailsElement>('details').forEach((d) => (d.open = open.has(d.dataset.k)));
  box.dataset.rendered = String(++renders);
  if (focused) {
    const again = box.querySelector<HTMLInputElement>(`[data-k="${focused}"]`);
    if (again && typing !== null && again.value !== typing) again.value = typing;
    again?.focus();
  }
}

/** A category and a text to add an obstacle of one's own. */
function addKnelpunt(k: string, add: (c: KnelpuntCategory, text: string) => void): HTMLElement {
  const row = el('div', 'wp-addkp');
  const cat = el('select');
  cat.setAttribute('aria-label', t('wpKnelpunten'));
  for (const c of CATEGORIES) {
    const o = el('option', undefined, t(`wpCat_${c}` as TextKey));
    o.value = c;
    cat.append(o);
  }
  const text = el('input');
  text.type = 'text';
  text.placeholder = t('wpAddKnelpunt');
  text.dataset.k = k;
  const b = el('button', undefined, t('wpAdd'));
  b.type = 'button';
  const go = () => {
    if (text.value.trim()) add(cat.value as KnelpuntCategory, text.value.trim());
  };
  b.addEventListener('click', go);
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') go();
  });
  row.append(cat, text, b);
  return row;
}

/** Every business case number, each change handed to `set` as an edit of a copy. */
function businessGrid(k: string, p: BusinessParams, set: (f: (b: BusinessParams) => void) => void): HTMLElement {
  const grid = el('div', 'wp-basics');
  const num = (key: string, label: TextKey, value: number, apply: (b: BusinessParams, v: number) => void, step = '1') =>
    labelled(t(label), numberInput(`${k}${key}`, value, (v) => set((b) => apply(b, v)), step));
  const check = (key: string, label: TextKey, value: boolean, apply: (b: BusinessParams, v: boolean) => void) => {
    const c = el('input');
    c.type = 'checkbox';
    c.checked = value;
    c.dataset.k = `${k}${key}`;
    c.addEventListener('change', () => set((b) => apply(b, c.checked)));
    return labelled(t(label), c);
  };
  grid.append(
    num('Inv', 'bcInvestment', p.investment_per_home_eur, (b, v) => (b.investment_per_home_eur = v), '1000'),
    num('Rent', 'bcRent', p.rent_per_month_eur, (b, v) => (b.rent_per_month_eur = v), '0.01'),
    num('Vac', 'bcVacancy', p.vacancy_share * 100, (b, v) => (b.vacancy_share = v / 100), '0.5'),
    num('Opex', 'bcOpex', p.operating_cost_per_home_year_eur, (b, v) => (b.operating_cost_per_home_year_eur = v), '100'),
    num('Term', 'bcTerm', p.term_years, (b, v) => (b.term_years = v)),
    num('Rel', 'bcRelocations', p.relocations, (b, v) => (b.relocations = Math.max(0, Math.round(v)))),
    num('RelCost', 'bcRelocationCost', p.relocation_cost_per_home_eur, (b, v) => (b.relocation_cost_per_home_eur = v), '500'),
    num('Res', 'bcResidual', p.residual_value_share * 100, (b, v) => (b.residual_value_share = v / 100)),
    num('Disc', 'bcDiscount', p.discount_rate * 100, (b, v) => (b.discount_rate = v / 100), '0.1'),
    num('Deliv', 'bcDelivery', p.start_months, (b, v) => (b.start_months = v)),
    check('Self', 'bcSelfContained', p.self_contained, (b, v) => (b.self_contained = v)),
    check('New', 'bcNewHomes', p.new_homes, (b, v) => (b.new_homes = v)),
    num('Sft', 'bcSftPerHome', p.sft.per_home_eur, (b, v) => (b.sft.per_home_eur = v), '100'),
    num('SftYears', 'bcSftYears', p.sft.min_years, (b, v) => (b.sft.min_years = v)),
    num('SftShare', 'bcSftShare', p.sft.min_share_statushouders * 100, (b, v) => (b.sft.min_share_statushouders = v / 100)),
    num('SftDeliv', 'bcSftDelivery', p.sft.max_start_months, (b, v) => (b.sft.max_start_months = v)),
    num('RthfCap', 'bcRthfCap', p.rthf.rent_cap_per_month_eur, (b, v) => (b.rthf.rent_cap_per_month_eur = v), '0.01'),
    num('RthfFee', 'bcRthfFee', p.rthf.fee_per_home_eur, (b, v) => (b.rthf.fee_per_home_eur = v), '100'),
    labelled(t('bcRthfUntil'), textInput(`${k}RthfUntil`, p.rthf.applications_until, (v) => set((b) => (b.rthf.applications_until = v.trim())))),
  );
  return grid;
}

function checkbox(k: string, value: boolean, set: (v: boolean) => void): HTMLInputElement {
  const c = el('input');
  c.type = 'checkbox';
  c.checked = value;
  c.dataset.k = k;
  c.addEventListener('change', () => set(c.checked));
  return c;
}

/** Who is asked for help with a knelpunt, and what; kept per knelpunt key (or own text). */
function supportControls(it: KnelpuntItemDto, edit: (f: (i: Werkprogramma) => void) => void): HTMLElement {
  const key = it.derived ? it.key : it.text;
  const box = el('span', 'wp-support');
  const who = el('select');
  who.setAttribute('aria-label', `${t('wpAddressee')}: ${it.text}`);
  who.append(el('option', undefined, '—'));
  for (const a of ADDRESSEES) {
    const o = el('option', undefined, t(`wpAddr_${a}` as TextKey));
    o.value = a;
    who.append(o);
  }
  who.value = it.addressee ?? '';
  const ask = el('input');
  ask.type = 'text';
  ask.value = it.ask;
  ask.placeholder = t('wpAsk');
  ask.dataset.k = `ask_${key}`;
  ask.setAttribute('aria-label', `${t('wpAsk')}: ${it.text}`);
  const save = () =>
    edit((i) => {
      i.support_asks = i.support_asks.filter((a) => a.key !== key);
      if (who.value) i.support_asks.push({ key, addressee: who.value as Addressee, ask: ask.value.trim() });
    });
  who.addEventListener('change', save);
  ask.addEventListener('change', save);
  box.append(' ', who, ' ', ask);
  return box;
}
