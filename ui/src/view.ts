// Rendering of the list and detail panel. Everything shown comes from Rust.
import type {
  ColumnChoiceDto, FieldPreviewDto, FlagDto, FlagImportDto, ImportReportDto, JoinResultDto, LayerInfoDto, OverlayInfoDto, SensitivityDto, SiteDetailDto, SiteRowDto,
} from './api';
import type { CongestionConfigDto } from './bindings/CongestionConfigDto';
import type { LinkedFeatureDto } from './bindings/LinkedFeatureDto';
import { criterionLabel, fieldLabel, flagLabel, fmt, getLang, t, type TextKey } from './i18n';
import { el } from './dom';

/** Long BRK/BAG ids differ at the end: cut at the front so the end stays readable. */
function idSpan(id: string): HTMLElement {
  const s = el('span', 'id', id.length > 28 ? `…${id.slice(-27)}` : id);
  s.title = id;
  return s;
}

/** "stabiel" / "gevoelig" for a site in the sensitivity result, else nothing. */
export function stabilityBadge(index: number, s: SensitivityDto | null): HTMLElement | null {
  const site = s?.sites.find((x) => x.index === index);
  if (!s || !site) return null;
  const shift = fmt(s.shiftPercent);
  const b = el('span', site.stable ? 'badge stable' : 'badge sensitive', t(site.stable ? 'stable' : 'sensitive'));
  b.title = site.stable
    ? t('stableTitle', { n: s.topN, shift })
    : site.worstRank === null
      ? t('sensitiveTitleOut', { n: s.topN, shift })
      : t('sensitiveTitle', { worst: site.worstRank, shift });
  return b;
}

export function renderSensitivity(box: HTMLElement, s: SensitivityDto | null): void {
  if (!s || s.sites.length === 0) {
    box.textContent = '';
    return;
  }
  const stable = s.sites.filter((x) => x.stable).length;
  box.textContent = t('sensitivitySummary', { n: s.sites.length, shift: fmt(s.shiftPercent), stable, sensitive: s.sites.length - stable });
}

/** Sites chosen to compare or plan; `toggle` says whether the change was accepted. */
export type Chooser = { chosen: ReadonlySet<number>; toggle: (index: number, on: boolean) => boolean };

export function renderList(
  list: HTMLElement,
  rows: SiteRowDto[],
  selected: number | null,
  onPick: (i: number) => void,
  sensitivity: SensitivityDto | null = null,
  choose: Chooser | null = null,
): void {
  // One tab stop for the whole list (a listbox with a roving tabindex): 200 rows
  // with their own stops made the map the 428th Tab. Arrows move, Enter opens,
  // Space ticks the row for comparison while choosing is on.
  list.setAttribute('role', 'listbox');
  list.removeAttribute('aria-activedescendant');
  if (rows.length === 0) {
    list.removeAttribute('role');
    list.replaceChildren(el('li', 'empty', t('noRows')));
    return;
  }
  const focusRow = rows.some((r) => r.index === selected) ? selected : rows[0].index;
  list.replaceChildren(
    ...rows.map((r) => {
      const li = el('li', r.knockedOut ? 'row ko' : 'row');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(r.index === selected));
      li.tabIndex = r.index === focusRow ? 0 : -1;
      li.dataset.index = String(r.index);
      if (r.index === selected) li.classList.add('selected');
      const homes = el('span', 'homes', `${fmt(r.homes)} ${t('homes')}`);
      const badge = stabilityBadge(r.index, sensitivity);
      if (badge) homes.append(' ', badge);
      if (r.flag) homes.append(' ', el('span', `badge flag flag-${r.flag}`, flagLabel(r.flag)));
      const score = el('span', 'score', fmt(r.score, 1));
      let tick: ((on: boolean) => void) | null = null;
      if (choose) {
        // Drawn, not an input: an option may hold no control of its own. The row's
        // aria-checked tells a screen reader; Space or a click on the box ticks it.
        const box = el('span', 'choose');
        box.setAttribute('aria-hidden', 'true');
        const show = (on: boolean) => {
          box.classList.toggle('on', on);
          li.setAttribute('aria-checked', String(on));
        };
        show(choose.chosen.has(r.index));
        tick = (on) => {
          if (choose.toggle(r.index, on)) show(on);
        };
        box.addEventListener('click', (e) => {
          e.stopPropagation();
          tick?.(!box.classList.contains('on'));
        });
        score.prepend(box);
      }
      li.append(score, idSpan(r.id), homes, el('span', 'explanation', r.explanation));
      li.addEventListener('click', () => onPick(r.index));
      li.addEventListener('keydown', (e) => {
        const move = (to: Element | null) => {
          if (!(to instanceof HTMLElement)) return;
          li.tabIndex = -1;
          to.tabIndex = 0;
          to.focus();
        };
        if (e.key === 'Enter' || (e.key === ' ' && !tick)) {
          e.preventDefault();
          onPick(r.index);
        } else if (e.key === ' ' && tick) {
          e.preventDefault();
          tick(li.getAttribute('aria-checked') !== 'true');
        } else if (e.key === 'ArrowDown') {
          e.preventDefault();
          move(li.nextElementSibling);
        } else if (e.key === 'ArrowUp') {
          e.preventDefault();
          move(li.previousElementSibling);
        } else if (e.key === 'Home') {
          e.preventDefault();
          move(list.firstElementChild);
        } else if (e.key === 'End') {
          e.preventDefault();
          move(list.lastElementChild);
        }
      });
      return li;
    }),
  );
}

/** The parcels or panden under a listing; those the current profile scores can be opened. */
function linkedList(title: string, items: LinkedFeatureDto[], shown: number, onPick?: (index: number) => void): HTMLElement[] {
  const list = el('ul', 'linked');
  if (items.length === 0) list.append(el('li', 'muted', t('listingNone')));
  for (const f of items) {
    const li = el('li');
    li.append(idSpan(f.id), el('span', 'share', t('listingShare', { pct: fmt(f.sharePct, f.sharePct % 1 === 0 ? 0 : 1) })));
    if (f.score !== null) li.append(el('span', 'score', fmt(f.score, 1)));
    const site = f.site;
    if (site !== null && site !== shown && onPick) {
      const b = el('button', 'link', t('listingOpen'));
      b.type = 'button';
      b.dataset.site = String(site);
      b.addEventListener('click', () => onPick(site));
      li.append(b);
    }
    list.append(li);
  }
  return [el('h4', undefined, title), list];
}

const GRID_SOURCE_KEY = { note: 'gridSourceNote', rvb: 'gridSourceRvb', area: 'gridSourceArea' } as const;

/** The site's grid status, where it came from and the operator's figures; indicative. */
function gridBlock(g: SiteDetailDto['grid']): HTMLElement {
  const box = el('section', 'grid');
  box.append(el('h3', undefined, t('gridTitle')));
  const dl = el('dl', 'attrs');
  const fact = (k: string, v: string) => dl.append(el('dt', undefined, k), el('dd', undefined, v));
  fact(t('gridStatus'), g.year === null ? g.status : `${g.status} (${g.year})`);
  const source = g.source as keyof typeof GRID_SOURCE_KEY | null;
  fact(t('gridSource'), source && source in GRID_SOURCE_KEY ? t(GRID_SOURCE_KEY[source]) : t('gridNone'));
  fact(t('gridDetail'), g.detail);
  if (g.phrase) {
    fact(t('gridPhrase'), `"${g.phrase}"`);
    (dl.lastElementChild as HTMLElement).lang = 'nl'; // words quoted from the note
  }
  if (g.operator) fact(t('gridOperator'), g.operator);
  if (g.queueMw !== null) fact(t('gridQueue'), `${fmt(g.queueMw, 1)} MW`);
  box.append(dl, el('p', 'muted', t('gridIndicative')));
  return box;
}

/** Each spatial criterion with the feature that decided it; a button shows that
 * feature on the map. */
function spatialBlock(facts: SiteDetailDto['spatial'], onShow?: (layer: string, feature: number) => void): HTMLElement {
  const box = el('section', 'spatial');
  box.append(el('h3', undefined, t('spatialTitle')));
  const ul = el('ul', 'spatial-facts');
  for (const f of facts) {
    const li = el('li', f.scored ? undefined : 'muted');
    li.dataset.key = f.key;
    li.append(el('span', undefined, f.text));
    const feature = f.feature;
    if (feature !== null && f.layer !== 'panden' && onShow) {
      const b = el('button', 'link', t('spatialShow'));
      b.type = 'button';
      b.dataset.layer = f.layer;
      b.dataset.feature = String(feature);
      b.addEventListener('click', () => onShow(f.layer, feature));
      li.append(' ', b);
    }
    ul.append(li);
  }
  box.append(ul);
  return box;
}

/** `onPick` opens a linked site (a parcel or pand of the listing shown);
 * `onShow` highlights the overlay feature that decided a spatial criterion. */
export function renderDetail(
  panel: HTMLElement,
  d: SiteDetailDto,
  onPick?: (index: number) => void,
  onShow?: (layer: string, feature: number) => void,
): void {
  const head = el('div', 'detail-head');
  head.append(el('strong', 'detail-score', fmt(d.score, 1)), el('span', 'band', d.band), el('div', 'detail-id', d.id));
  const bars = el('div', 'bars');
  bars.append(el('h3', undefined, t('breakdown')));
  for (const c of d.criteria) {
    const row = el('div', c.knockedOut ? 'bar ko' : 'bar');
    const fill = el('div', 'fill');
    fill.style.width = `${Math.max(0, Math.min(100, c.score))}%`;
    const track = el('div', 'track');
    track.append(fill);
    const value = c.scored ? fmt(c.score) : t('notScored');
    row.append(el('span', 'label', `${criterionLabel(c.key, c.label)} (${fmt(c.share * 100)}%)`), track, el('span', 'value', value));
    bars.append(row);
  }
  const attrs = el('dl', 'attrs');
  for (const [k, v] of d.attributes) {
    // The file's own values: Dutch source data, read out as Dutch in either language.
    const dd = el('dd', undefined, v);
    dd.lang = 'nl';
    attrs.append(el('dt', undefined, fieldLabel(k)), dd);
  }
  const parts: HTMLElement[] = [head, el('p', 'explanation', d.explanation)];
  if (d.knockoutReasons.length > 0) {
    const ko = el('ul', 'knockouts');
    ko.append(...d.knockoutReasons.map((r) => el('li', undefined, r)));
    parts.push(ko);
  }
  parts.push(bars);
  if (d.spatial.length > 0) parts.push(spatialBlock(d.spatial, onShow));
  parts.push(gridBlock(d.grid));
  if (d.listing) {
    const box = el('section', 'listing');
    box.append(
      el('h3', undefined, t('listingTitle', { code: d.listing.code })),
      ...linkedList(t('listingParcels'), d.listing.parcels, d.index, onPick),
      ...linkedList(t('listingBuildings'), d.listing.buildings, d.index, onPick),
    );
    parts.push(box);
  }
  if (d.invalidGeometry) parts.push(el('p', 'warning', t('invalidGeometry')));
  parts.push(el('h3', undefined, t('attributes')), attrs, el('p', 'source', `${t('source')}: ${d.sourceFile} #${d.sourceFeature}`));
  panel.replaceChildren(...parts);
}

/** A legend switch; `items` (colour, label) are listed under it while it is on. */
export type LegendToggle = { key: string; label: string; colour: string; on: boolean; items?: [string, string][] };

/** The map legend: the score scale and the knock-out colour, from the map's own
 * stops, then a switch per extra layer. */
export function renderLegend(
  box: HTMLElement,
  stops: [number, string][],
  knockout: string,
  toggles: LegendToggle[] = [],
  onToggle: (key: string, on: boolean) => void = () => {},
): void {
  const bar = el('div', 'legend-bar');
  bar.style.background = `linear-gradient(to right, ${stops.map(([v, c]) => `${c} ${v}%`).join(', ')})`;
  const ticks = el('div', 'legend-ticks');
  ticks.append(
    ...stops.map(([v]) => {
      const tick = el('span', undefined, String(v));
      tick.style.left = `${v}%`; // at its place on the bar, not evenly spread
      return tick;
    }),
  );
  const row = (colour: string, label: string) => {
    const r = el('div', 'legend-row');
    const swatch = el('span', 'swatch');
    swatch.style.background = colour;
    r.append(swatch, el('span', undefined, label));
    return r;
  };
  const ko = row(knockout, t('knockedOut'));
  ko.querySelector('.swatch')?.classList.add('knockout'); // hatched, as on the map
  const parts: HTMLElement[] = [el('div', 'legend-title', t('legendScore')), bar, ticks, ko];
  for (const tg of toggles) {
    const label = el('label', 'legend-row');
    const input = el('input');
    input.type = 'checkbox';
    input.checked = tg.on;
    input.dataset.layer = tg.key;
    input.addEventListener('change', () => onToggle(tg.key, input.checked));
    const swatch = el('span', 'swatch');
    swatch.style.background = tg.colour;
    label.append(input, swatch, el('span', undefined, tg.label));
    parts.push(label);
    if (tg.on && tg.items) {
      const sub = el('div', 'legend-sub');
      for (const [colour, text] of tg.items) {
        const r = row(colour, text);
        if (colour === 'hatch') r.querySelector('.swatch')?.classList.add('hatch');
        sub.append(r);
      }
      parts.push(sub);
    }
  }
  box.replaceChildren(...parts);
}

const KIND_KEY = {
  parcels: 'kind_parcels', buildings: 'kind_buildings', listings: 'kind_listings', outline: 'kind_outline', congestion: 'kind_congestion', overlay: 'kind_overlay',
} as const;

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The loaded files, one line each. */
export function renderLayers(
  box: HTMLElement,
  layers: LayerInfoDto[],
  overlays: OverlayInfoDto[] = [],
  problems: string[] = [],
  onRemove: (name: string) => void = () => {},
): void {
  const rows = layers.map((l) => {
    const li = el('li');
    const file = el('span', 'file', baseName(l.file));
    file.title = l.file;
    const count = (l.features === 1 ? t('features1') : t('features', { n: fmt(l.features) })) + (l.invalid > 0 ? `, ${t('invalidCount', { n: fmt(l.invalid) })}` : '');
    li.append(el('strong', undefined, t(KIND_KEY[l.kind])), ' ', file, el('span', 'count', count));
    return li;
  });
  for (const o of overlays) {
    const li = el('li', 'overlay');
    li.dataset.overlay = o.name;
    const file = el('span', 'file', baseName(o.file));
    file.title = o.file;
    const count = o.features === 1 ? t('features1') : t('features', { n: fmt(o.features) });
    const remove = el('button', 'link', t('overlayRemove'));
    remove.type = 'button';
    remove.setAttribute('aria-label', t('overlayRemoveNamed', { name: o.name }));
    remove.addEventListener('click', () => onRemove(o.name));
    li.append(el('strong', undefined, `${o.name}`), ' ', el('span', 'role', `(${o.title}; ${o.roleLabel})`), ' ', file, el('span', 'count', count), ' ', remove);
    rows.push(li);
  }
  if (problems.length > 0) {
    // Folded: the layers a profile reads but the project lacks, one line each when opened.
    const li = el('li', 'warning');
    const box2 = el('details', 'not-scored');
    box2.append(el('summary', undefined, t('notScoredSummary', { n: problems.length })));
    const ul = el('ul');
    ul.append(...problems.map((p) => el('li', undefined, p)));
    box2.append(ul);
    li.append(box2);
    rows.push(li);
  }
  box.replaceChildren(...rows);
}

function problemList(title: string, count: number, rows: { index: number; id: string | null; message: string }[]): HTMLElement {
  const box = el('details', 'problems');
  box.open = count > 0 && count <= 20;
  box.append(el('summary', undefined, title));
  const ul = el('ul');
  ul.append(...rows.map((p) => el('li', undefined, `${p.id ?? t('feature', { n: p.index })}: ${p.message}`)));
  if (count > rows.length) ul.append(el('li', 'more', t('reportMore', { n: fmt(count - rows.length) })));
  box.append(ul);
  return box;
}

/** The import report: CRS decision, counts, skipped and invalid features, fields. */
export function renderReport(box: HTMLElement, r: ImportReportDto): void {
  const dl = el('dl', 'report-facts');
  const fact = (k: string, v: string) => dl.append(el('dt', undefined, k), el('dd', undefined, v));
  fact(t('reportFile'), r.path);
  fact(t('fileKind'), t(KIND_KEY[r.kind]));
  fact(t('reportFormat'), r.format);
  fact(t('reportCrs'), `${r.crs} — ${r.crsDecision}`);
  fact(t('reportRead'), t('reportReadValue', { read: fmt(r.featuresRead), imported: fmt(r.imported) }));
  fact(t('reportGeometry'), r.geometryCounts.map(([g, n]) => `${g}: ${fmt(n)}`).join(', '));
  const title = el('h2', undefined, t('report'));
  title.id = 'report-title';
  const parts: HTMLElement[] = [title, dl];
  if (r.needsGeocoding > 0) parts.push(el('p', 'warning', t('reportGeocoding', { n: fmt(r.needsGeocoding) })));
  if (r.notes.length > 0) {
    const notes = el('ul', 'notes');
    notes.append(...r.notes.map((n) => el('li', undefined, n)));
    parts.push(el('h3', undefined, t('reportNotes')), notes);
  }
  if (r.skippedCount + r.invalidCount + r.warningCount === 0) parts.push(el('p', 'ok', t('reportClean')));
  if (r.skippedCount > 0) parts.push(problemList(t('reportSkipped', { n: fmt(r.skippedCount) }), r.skippedCount, r.skipped));
  if (r.invalidCount > 0) parts.push(problemList(t('reportInvalid', { n: fmt(r.invalidCount) }), r.invalidCount, r.invalid));
  if (r.warningCount > 0) parts.push(problemList(t('reportWarnings', { n: fmt(r.warningCount) }), r.warningCount, r.warnings));
  const fields = el('details', 'fields');
  fields.append(el('summary', undefined, `${t('reportFields')} (${r.fields.length})`));
  const fl = el('dl', 'attrs');
  for (const [name, as] of r.fields) fl.append(el('dt', undefined, name), el('dd', undefined, as ? fieldLabel(as) : t('reportFieldExtra')));
  fields.append(fl);
  parts.push(fields);
  box.replaceChildren(...parts);
}

/** A select's options from values and labels (keeps the current value when it still exists). */
export function fillSelect(select: HTMLSelectElement, options: [string, string][]): void {
  const current = select.value;
  select.replaceChildren(
    ...options.map(([value, label]) => {
      const o = el('option', undefined, label);
      o.value = value;
      return o;
    }),
  );
  if (options.some(([v]) => v === current)) select.value = current;
}

/** A readable local time for an RFC 3339 UTC stamp. */
export function when(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString(getLang() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

/** A site's flag history, newest first. */
export function renderFlagHistory(list: HTMLElement, history: FlagDto[]): void {
  if (history.length === 0) {
    list.replaceChildren(el('li', 'empty', t('flagNoHistory')));
    return;
  }
  list.replaceChildren(
    ...[...history].reverse().map((f) => {
      const li = el('li');
      li.append(el('strong', undefined, flagLabel(f.status)));
      if (f.note) li.append(` — ${f.note}`);
      li.append(el('div', 'when', `${f.author}, ${when(f.at)}${f.origin === 'local' ? '' : ` (${f.origin})`}`));
      return li;
    }),
  );
}

/** What a flag import did: counts, refused rows, and the differences that were merged. */
export function renderFlagImport(box: HTMLElement, r: FlagImportDto): void {
  const file = r.path.split(/[\\/]/).pop() ?? r.path;
  const title = el('h2', undefined, t('flagsImportTitle'));
  title.id = 'flags-title';
  const parts: HTMLElement[] = [title, el('p', undefined, t('flagsImported', { file, imported: fmt(r.imported), duplicates: fmt(r.duplicates) }))];
  if (r.conflicts.length > 0) {
    const ul = el('ul');
    ul.append(
      ...r.conflicts.map((c) =>
        el('li', undefined, t('flagConflictLine', {
          site: c.siteId, current: flagLabel(c.current.status), author: c.current.author, at: when(c.current.at),
          other: flagLabel(c.other.status), otherAuthor: c.other.author,
        })),
      ),
    );
    parts.push(el('h3', undefined, t('flagsConflicts', { n: r.conflicts.length })), ul);
  }
  if (r.rejected.length > 0) {
    const ul = el('ul');
    ul.append(...r.rejected.map(([row, msg]) => el('li', undefined, `${t('feature', { n: row })}: ${msg}`)));
    parts.push(el('h3', undefined, t('flagsRejected', { n: r.rejected.length })), ul);
  }
  box.replaceChildren(...parts);
}

/** What joining a table to the listings matched; unmatched rows and features listed. */
export function renderJoinReport(box: HTMLElement, j: JoinResultDto['report']): void {
  const title = el('h2', undefined, t('joinTitle'));
  title.id = 'report-title';
  const parts: HTMLElement[] = [
    title,
    el('p', undefined, j.path),
    el('p', undefined, t('joinSummary', { matched: fmt(j.matched), features: fmt(j.features), keys: fmt(j.matchedKeys), rows: fmt(j.rows) })),
  ];
  const list = (head: string, rows: [number, string][], label: (n: number) => string) => {
    if (rows.length === 0) return;
    const d = el('details', 'problems');
    d.append(el('summary', undefined, head));
    const ul = el('ul');
    ul.append(...rows.map(([n, k]) => el('li', undefined, `${label(n)}: ${k}`)));
    d.append(ul);
    parts.push(d);
  };
  list(t('joinFeaturesWithout', { n: j.unmatchedFeatures.length }), j.unmatchedFeatures, (n) => t('feature', { n }));
  list(t('joinRowsWithout', { n: j.unmatchedRows.length }), j.unmatchedRows, (n) => t('row', { n }));
  list(t('joinDuplicates', { n: j.duplicateKeys.length }), j.duplicateKeys, (n) => t('row', { n }));
  box.replaceChildren(...parts);
}

/** The field-mapping dialog's table: a select per column, pre-set to the
 * remembered or default mapping. Returns the current choice, or the fields
 * chosen for more than one column (the dialog then refuses to import). */
export function renderFieldMap(
  box: HTMLElement,
  p: FieldPreviewDto,
  purpose: 'import' | 'join' = 'import',
): () => { choices: ColumnChoiceDto[]; twice: string[] } {
  const title = el('h2', undefined, t('fieldmapTitle'));
  title.id = 'fieldmap-title';
  const intro = purpose === 'join' ? t('fieldmapJoinIntro') : t('fieldmapIntro');
  const parts: HTMLElement[] = [title, el('p', 'source', baseName(p.file)), el('p', undefined, intro)];
  if (p.remembered) parts.push(el('p', 'ok', t('fieldmapRemembered')));
  // A table to join has no geometry of its own: how many rows would import says nothing.
  if (purpose === 'import') {
    parts.push(el('p', p.imported === 0 ? 'warning' : undefined, t('fieldmapCount', { imported: fmt(p.imported), features: fmt(p.features) })));
  }
  const table = el('table', 'fieldmap');
  const head = el('tr');
  for (const k of ['fieldmapColumn', 'fieldmapSamples', 'fieldmapFilled', 'fieldmapField'] as const) head.append(el('th', undefined, t(k)));
  table.append(head);
  const selects: HTMLSelectElement[] = [];
  const options: [string, string][] = [['', t('fieldmapKeep')], ...p.fields.map((f): [string, string] => [f, fieldLabel(f)])];
  const problem = el('p', 'warning');
  problem.hidden = true;
  const check = (): string[] => {
    const seen = new Map<string, number>();
    for (const s of selects) if (s.value) seen.set(s.value, (seen.get(s.value) ?? 0) + 1);
    const twice = [...seen].filter(([, n]) => n > 1).map(([f]) => f);
    for (const s of selects) s.classList.toggle('invalid', twice.includes(s.value));
    problem.hidden = twice.length === 0;
    problem.textContent = t('fieldmapTwice', { fields: twice.map(fieldLabel).join(', ') });
    return twice;
  };
  for (const c of p.columns) {
    const row = el('tr');
    const select = el('select');
    select.dataset.column = c.name;
    select.setAttribute('aria-label', `${t('fieldmapField')}: ${c.name}`);
    fillSelect(select, options);
    select.value = c.field ?? '';
    select.addEventListener('change', check);
    selects.push(select);
    const td = el('td');
    td.append(select);
    row.append(el('th', 'column', c.name), el('td', 'samples', c.samples.join(' · ')), el('td', 'num', fmt(c.filled)), td);
    table.append(row);
  }
  parts.push(table, problem);
  box.replaceChildren(...parts);
  check();
  return () => ({
    choices: selects.map((s) => ({ name: s.dataset.column ?? '', field: s.value === '' ? null : s.value })),
    twice: check(),
  });
}

const COLOUR_KEYS = ['no_info', 'transparent', 'yellow', 'orange', 'red'] as const;

/** The congestion import dialog: which columns hold the area id and the colour codes
 * (afname, invoeding, congestiemanagement), and what each code means. Returns the
 * current choice as a config. */
export function renderCongestionConfig(box: HTMLElement, p: FieldPreviewDto, cfg: CongestionConfigDto): () => CongestionConfigDto {
  const title = el('h2', undefined, t('congestionTitle'));
  title.id = 'congestion-title';
  const parts: HTMLElement[] = [title, el('p', 'source', baseName(p.file)), el('p', undefined, t('congestionIntro'))];
  const columnOptions: [string, string][] = [['', '—'], ...p.columns.map((c): [string, string] => [c.name, `${c.name} (${c.samples.join(' · ')})`])];
  const find = (name: string) => p.columns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.name ?? '';
  const fields = el('div', 'congestion-fields');
  const pickers = new Map<keyof CongestionConfigDto, HTMLSelectElement>();
  for (const [key, label] of [
    ['idField', 'congestionId'],
    ['offtakeField', 'congestionOfftake'],
    ['feedinField', 'congestionFeedin'],
    ['managedField', 'congestionManagedField'],
  ] as const) {
    const select = el('select');
    select.dataset.field = key;
    fillSelect(select, columnOptions);
    select.value = find(cfg[key]);
    const l = el('label');
    l.append(el('span', undefined, t(label)), select);
    fields.append(l);
    pickers.set(key, select);
  }
  parts.push(fields, el('h3', undefined, t('congestionCodes')));
  const table = el('table', 'fieldmap');
  const head = el('tr');
  head.append(el('th', undefined, t('congestionCode')), el('th', undefined, t('congestionColour')));
  table.append(head);
  // The mapping's codes, then codes seen in the chosen column that it lacks.
  const codes = cfg.codes.map(([c]) => c);
  const offtake = p.columns.find((c) => c.name === pickers.get('offtakeField')?.value);
  for (const v of offtake?.samples ?? []) if (!codes.includes(v)) codes.push(v);
  const colourOptions: [string, string][] = COLOUR_KEYS.map((k) => [k, t(`colour_${k}` as TextKey)]);
  const colourSelects: HTMLSelectElement[] = [];
  for (const code of codes) {
    const row = el('tr');
    const select = el('select');
    select.dataset.code = code;
    // Named by its row: "Kleur voor code 2".
    select.setAttribute('aria-label', t('congestionColourFor', { code }));
    fillSelect(select, colourOptions);
    select.value = cfg.codes.find(([c]) => c === code)?.[1] ?? 'no_info';
    colourSelects.push(select);
    const td = el('td');
    td.append(select);
    row.append(el('th', 'column', code), td);
    table.append(row);
  }
  parts.push(table);
  box.replaceChildren(...parts);
  return () => ({
    ...cfg,
    idField: pickers.get('idField')?.value ?? '',
    offtakeField: pickers.get('offtakeField')?.value ?? '',
    feedinField: pickers.get('feedinField')?.value ?? '',
    managedField: pickers.get('managedField')?.value ?? '',
    codes: colourSelects.map((s): [string, string] => [s.dataset.code ?? '', s.value]),
  });
}
