// The map legend: the score scale, the knock-out colour and the layer switches.
import { el } from '../dom';
import { t } from '../i18n';

/** A legend switch; `items` (colour, label) are listed under it while it is on. */
/** `name` is an overlay layer's identifier, shown verbatim as code after the label. */
export type LegendToggle = { key: string; label: string; name?: string; colour: string; on: boolean; items?: [string, string][] };

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
    const text = el('span', undefined, tg.label);
    if (tg.name) text.append(' (', el('code', 'layer-name', tg.name), ')');
    label.append(input, swatch, text);
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
