// The stability check in words: a badge per listed site, and the summary under the weights.
import type { SensitivityDto } from '../api';
import { el } from '../dom';
import { fmt, t } from '../i18n';

/** "stabiel" / "gevoelig" for a site in the sensitivity result, else nothing. */
export function stabilityBadge(index: number, s: SensitivityDto | null): HTMLElement | null {
  const site = s?.sites.find((x) => x.index === index);
  if (!s || !site) return null;
  const shift = fmt(s.shift_percent);
  const b = el('span', site.stable ? 'badge stable' : 'badge sensitive', t(site.stable ? 'stable' : 'sensitive'));
  b.title = site.stable
    ? t('stableTitle', { n: s.top_n, shift })
    : site.worst_rank === null
      ? t('sensitiveTitleOut', { n: s.top_n, shift })
      : t('sensitiveTitle', { worst: site.worst_rank, shift });
  return b;
}

export function renderSensitivity(box: HTMLElement, s: SensitivityDto | null): void {
  if (!s || s.sites.length === 0) {
    box.textContent = '';
    return;
  }
  const stable = s.sites.filter((x) => x.stable).length;
  box.textContent = t('sensitivitySummary', { n: s.sites.length, shift: fmt(s.shift_percent), stable, sensitive: s.sites.length - stable });
}
