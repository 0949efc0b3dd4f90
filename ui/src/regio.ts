// The regional overview's content: headline figures, notes, the map and the
// chart (SVG from Rust, as the report prints them) and the tables. Every number
// is computed and formatted in Rust; this only lays them out.
import type { RegioDto } from './api';
import { el } from './dom';
import { t } from './i18n';

type RegioTable = RegioDto['tables'][number];

function table(tbl: RegioTable): HTMLElement {
  const wrap = el('section', 'regio-table');
  const id = `regio-t-${tbl.keys.join('-').length}-${tbl.title.length}`;
  const h = el('h3', undefined, tbl.title);
  h.id = id;
  wrap.append(h);
  const tab = el('table');
  tab.setAttribute('aria-labelledby', id);
  const head = el('tr');
  tbl.headers.forEach((text, c) => {
    const th = el('th', tbl.numeric[c] ? 'n' : undefined, text);
    th.scope = 'col';
    th.dataset.k = tbl.keys[c];
    head.append(th);
  });
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const row of tbl.rows) {
    const tr = el('tr');
    row.forEach((cell, c) => {
      const td = el('td', tbl.numeric[c] ? 'n' : undefined, cell);
      td.dataset.k = tbl.keys[c];
      tr.append(td);
    });
    body.append(tr);
  }
  tab.append(thead, body);
  wrap.append(tab);
  return wrap;
}

/** Draws the roll-up into `root`. */
export function renderRegio(root: HTMLElement, r: RegioDto): void {
  root.replaceChildren();
  root.append(el('h3', 'regio-heading', r.title));
  const figs = el('dl', 'regio-summary');
  for (const f of r.summary) {
    figs.append(el('dt', undefined, f.label), el('dd', undefined, f.value));
  }
  root.append(figs);
  if (r.notes.length > 0) {
    root.append(el('h3', undefined, t('regioNotes')));
    const ul = el('ul', 'regio-notes');
    for (const n of r.notes) ul.append(el('li', undefined, n));
    root.append(ul);
  }
  const figures = el('div', 'regio-figures');
  const map = el('figure');
  map.innerHTML = r.map_svg;
  const chart = el('figure');
  chart.innerHTML = r.chart_svg;
  figures.append(map, chart);
  root.append(figures);
  for (const tbl of r.tables) {
    if (tbl.rows.length > 0) root.append(table(tbl));
  }
  root.dataset.rendered = String(Number(root.dataset.rendered || 0) + 1);
}
