// The comparison of 2–4 chosen sites, one column per site. Every value comes from Rust.
import type { ComparisonDto } from '../api';
import { el } from '../dom';
import { fmt, t } from '../i18n';

/** The comparison: one column per site, differing rows marked, the best value per row bold. */
export function renderComparison(box: HTMLElement, c: ComparisonDto): void {
  const table = el('table', 'compare');
  const head = el('tr');
  head.append(el('th', undefined, t('compareRow')));
  c.sites.forEach((s, k) => {
    const th = el('th');
    th.append(el('div', 'cmp-nr', `${k + 1}`), el('div', 'cmp-id', s.id), el('div', 'cmp-band', `${fmt(s.score, 1)} — ${s.band}`));
    head.append(th);
  });
  table.append(el('thead'));
  table.tHead?.append(head);
  const body = el('tbody');
  let group = '';
  for (const r of c.rows) {
    if (r.group !== group) {
      group = r.group;
      const g = el('tr', 'cmp-group');
      const th = el('th', undefined, group);
      th.colSpan = c.sites.length + 1;
      g.append(th);
      body.append(g);
    }
    const tr = el('tr', r.differs ? 'differs' : undefined);
    tr.append(el('th', undefined, r.label));
    r.values.forEach((v, k) => {
      const td = el('td', r.best.includes(k) ? 'best' : undefined, v);
      if (r.best.includes(k)) td.title = t('compareBest');
      tr.append(td);
    });
    body.append(tr);
  }
  table.append(body);
  const title = el('h2', undefined, `${t('compareTitle')} — ${c.profile}`);
  // The dialog is named by this heading, not by its whole content.
  title.id = 'compare-title';
  box.replaceChildren(title, table);
}
