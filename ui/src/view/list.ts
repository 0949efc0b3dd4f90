// The ranked list: one row per site, a listbox with one tab stop.
import type { SensitivityDto, SiteRowDto } from '../api';
import { el } from '../dom';
import { flagLabel, fmt, t } from '../i18n';
import { stabilityBadge } from './sensitivity';

/** Long BRK/BAG ids differ at the end: cut at the front so the end stays readable. */
export function idSpan(id: string): HTMLElement {
  const s = el('span', 'id', id.length > 28 ? `…${id.slice(-27)}` : id);
  s.title = id;
  return s;
}

/** A site as a planner names it ("Voorbeeldstad A 9", named in Rust); the full
 * identifier on hover, as the detail panel and the exports give it. The name is
 * Dutch source data, read as Dutch in either language. */
export function siteSpan(name: string, id: string): HTMLElement {
  const s = el('span', 'id', name);
  s.title = id;
  s.lang = 'nl';
  return s;
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
      const li = el('li', r.knocked_out ? 'row ko' : 'row');
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
      li.append(score, siteSpan(r.name, r.id), homes, el('span', 'explanation', r.explanation));
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
