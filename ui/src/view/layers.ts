// The loaded files, one line each, and the name of each kind of file.
import type { LayerInfoDto, LayerKindDto, OverlayInfoDto } from '../api';
import { el, fileName } from '../dom';
import { fmt, overlayLabel, t } from '../i18n';

const KIND_KEY = {
  parcels: 'kind_parcels', buildings: 'kind_buildings', listings: 'kind_listings', outline: 'kind_outline', congestion: 'kind_congestion', overlay: 'kind_overlay',
} as const;

/** "Percelen", "Panden", …: the kind of a loaded file, in the language shown. */
export function kindLabel(kind: LayerKindDto): string {
  return t(KIND_KEY[kind]);
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
    const file = el('span', 'file', fileName(l.file));
    file.title = l.file;
    const count = (l.features === 1 ? t('features1') : t('features', { n: fmt(l.features) })) + (l.invalid > 0 ? `, ${t('invalidCount', { n: fmt(l.invalid) })}` : '');
    li.append(el('strong', undefined, kindLabel(l.kind)), ' ', file, el('span', 'count', count));
    return li;
  });
  for (const o of overlays) {
    const li = el('li', 'overlay');
    li.dataset.overlay = o.name;
    const file = el('span', 'file', fileName(o.file));
    file.title = o.file;
    const count = o.features === 1 ? t('features1') : t('features', { n: fmt(o.features) });
    const remove = el('button', 'link', t('overlayRemove'));
    remove.type = 'button';
    remove.setAttribute('aria-label', t('overlayRemoveNamed', { name: o.name }));
    remove.addEventListener('click', () => onRemove(o.name));
    const name = el('strong');
    name.append(el('code', 'layer-name', o.name));
    li.append(name, ' ', el('span', 'role', `(${overlayLabel(o, '; ')})`), ' ', file, el('span', 'count', count), ' ', remove);
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
