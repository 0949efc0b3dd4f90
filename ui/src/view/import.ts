// What reading a file shows: the import report, the join report, and the
// field-mapping and congestion dialogs' contents.
import type { ColumnChoiceDto, CongestionConfigDto, FieldPreviewDto, ImportReportDto, JoinResultDto } from '../api';
import { el, fileName } from '../dom';
import { fieldLabel, fmt, t, type TextKey } from '../i18n';
import { kindLabel } from './layers';
import { fillSelect } from './select';

function problemList(
  title: string,
  count: number,
  rows: { index: number; id: string | null; message: string }[],
  label: (n: number) => string = (n) => t('feature', { n }),
): HTMLElement {
  const box = el('details', 'problems');
  box.open = count > 0 && count <= 20;
  box.append(el('summary', undefined, title));
  const ul = el('ul');
  ul.append(...rows.map((p) => el('li', undefined, `${p.id ?? label(p.index)}: ${p.message}`)));
  if (count > rows.length) ul.append(el('li', 'more', t('reportMore', { n: fmt(count - rows.length) })));
  box.append(ul);
  return box;
}

/** The import report: CRS decision, counts, skipped and invalid features, fields. */
export function renderReport(box: HTMLElement, r: ImportReportDto): void {
  const dl = el('dl', 'report-facts');
  const fact = (k: string, v: string) => dl.append(el('dt', undefined, k), el('dd', undefined, v));
  fact(t('reportFile'), r.path);
  fact(t('fileKind'), kindLabel(r.kind));
  fact(t('reportFormat'), r.format);
  fact(t('reportCrs'), `${r.crs} — ${r.crs_decision}`);
  fact(t('reportRead'), t('reportReadValue', { read: fmt(r.features_read), imported: fmt(r.imported) }));
  fact(t('reportGeometry'), r.geometry_counts.map(([g, n]) => `${g}: ${fmt(n)}`).join(', '));
  const title = el('h2', undefined, t('report'));
  title.id = 'report-title';
  const parts: HTMLElement[] = [title, dl];
  if (r.needs_geocoding > 0) parts.push(el('p', 'warning', t('reportGeocoding', { n: fmt(r.needs_geocoding) })));
  if (r.notes.length > 0) {
    const notes = el('ul', 'notes');
    notes.append(...r.notes.map((n) => el('li', undefined, n)));
    parts.push(el('h3', undefined, t('reportNotes')), notes);
  }
  if (r.skipped_count + r.invalid_count + r.warning_count === 0) parts.push(el('p', 'ok', t('reportClean')));
  // A CSV's rows are named by their line, as a spreadsheet shows them.
  const label = r.format === 'CSV' ? (n: number) => t('line', { n }) : undefined;
  if (r.skipped_count > 0) parts.push(problemList(t('reportSkipped', { n: fmt(r.skipped_count) }), r.skipped_count, r.skipped, label));
  if (r.invalid_count > 0) parts.push(problemList(t('reportInvalid', { n: fmt(r.invalid_count) }), r.invalid_count, r.invalid, label));
  if (r.warning_count > 0) parts.push(problemList(t('reportWarnings', { n: fmt(r.warning_count) }), r.warning_count, r.warnings, label));
  const fields = el('details', 'fields');
  fields.append(el('summary', undefined, `${t('reportFields')} (${r.fields.length})`));
  const fl = el('dl', 'attrs');
  for (const [name, as] of r.fields) fl.append(el('dt', undefined, name), el('dd', undefined, as ? fieldLabel(as) : t('reportFieldExtra')));
  fields.append(fl);
  parts.push(fields);
  box.replaceChildren(...parts);
}

/** What joining a table to the listings matched; unmatched rows and features listed. */
export function renderJoinReport(box: HTMLElement, j: JoinResultDto['report']): void {
  const title = el('h2', undefined, t('joinTitle'));
  title.id = 'report-title';
  const parts: HTMLElement[] = [
    title,
    el('p', undefined, j.path),
    el('p', undefined, t('joinSummary', { matched: fmt(j.matched), features: fmt(j.features), keys: fmt(j.matched_keys), rows: fmt(j.rows) })),
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
  list(t('joinFeaturesWithout', { n: j.unmatched_features.length }), j.unmatched_features, (n) => t('feature', { n }));
  list(t('joinRowsWithout', { n: j.unmatched_rows.length }), j.unmatched_rows, (n) => t('row', { n }));
  list(t('joinDuplicates', { n: j.duplicate_keys.length }), j.duplicate_keys, (n) => t('row', { n }));
  list(t('joinRowsSkipped', { n: j.skipped_rows.length }), j.skipped_rows, (n) => t('row', { n }));
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
  const parts: HTMLElement[] = [title, el('p', 'source', fileName(p.file)), el('p', undefined, intro)];
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
  const parts: HTMLElement[] = [title, el('p', 'source', fileName(p.file)), el('p', undefined, t('congestionIntro'))];
  const columnOptions: [string, string][] = [['', '—'], ...p.columns.map((c): [string, string] => [c.name, `${c.name} (${c.samples.join(' · ')})`])];
  const find = (name: string) => p.columns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.name ?? '';
  const fields = el('div', 'congestion-fields');
  const pickers = new Map<keyof CongestionConfigDto, HTMLSelectElement>();
  // The field on the wire, the picker's name in the page, its label.
  for (const [key, dom, label] of [
    ['id_field', 'idField', 'congestionId'],
    ['offtake_field', 'offtakeField', 'congestionOfftake'],
    ['feedin_field', 'feedinField', 'congestionFeedin'],
    ['managed_field', 'managedField', 'congestionManagedField'],
  ] as const) {
    const select = el('select');
    select.dataset.field = dom;
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
  const offtake = p.columns.find((c) => c.name === pickers.get('offtake_field')?.value);
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
    id_field: pickers.get('id_field')?.value ?? '',
    offtake_field: pickers.get('offtake_field')?.value ?? '',
    feedin_field: pickers.get('feedin_field')?.value ?? '',
    managed_field: pickers.get('managed_field')?.value ?? '',
    codes: colourSelects.map((s): [string, string] => [s.dataset.code ?? '', s.value]),
  });
}
