// Options of a <select>, filled from values and labels.
import { el } from '../dom';

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
