// Downloading parcels, panden, verblijfsobjecten and the overlay layers of the
// spatial criteria from PDOK into the project.
import { api, isApiError, type FetchRequestDto } from '../api';
import { $, status } from '../dom';
import { errorText } from '../errors';
import { fmt, t } from '../i18n';
import type { Ctx } from '../store';
import { fillSelect } from '../view/select';
import { show } from './project';

/** What the dialog can fetch, keys as Rust names them: BRK/BAG, then the overlays. */
const FETCHABLE = ['percelen', 'panden', 'verblijfsobjecten', 'natura2000', 'cdda', 'overstroming', 'cultuurhistorie', 'wkpb', 'stations', 'buurten'];

async function fetchPdok(ctx: Ctx, request: FetchRequestDto): Promise<void> {
  const counts = new Map<string, string>();
  $('pdok-result').replaceChildren();
  $('pdok-progress').textContent = t('pdokBusy');
  $<HTMLButtonElement>('pdok-start').disabled = true;
  $<HTMLButtonElement>('pdok-cancel').disabled = false;
  try {
    const r = await api.fetchPdok(request, (p) => {
      counts.set(p.collection, t('pdokProgress', { what: p.collection, n: fmt(p.features), pages: p.pages }));
      $('pdok-progress').textContent = [...counts.values()].join(' · ');
    });
    $('pdok-progress').textContent = t('pdokDone', { area: r.area });
    $('pdok-result').replaceChildren(...r.lines.map((l) => Object.assign(document.createElement('li'), { textContent: l })));
    await show(ctx, r.overview, true);
    status(t('pdokDone', { area: r.area }));
  } catch (e) {
    $('pdok-progress').textContent = isApiError(e) && e.code === 'cancelled' ? t('pdokCancelled') : errorText(e);
  } finally {
    $<HTMLButtonElement>('pdok-start').disabled = false;
    $<HTMLButtonElement>('pdok-cancel').disabled = true;
  }
}

export function wireFetch(ctx: Ctx): void {
  let gemeentenLoaded = false;
  $('pdok-open').addEventListener('click', async () => {
    $('pdok-result').replaceChildren();
    $('pdok-progress').textContent = '';
    $<HTMLDialogElement>('pdok-dialog').showModal();
    if (gemeentenLoaded) return;
    try {
      const list = await api.gemeenten();
      fillSelect($<HTMLSelectElement>('pdok-gemeente'), list.map((g): [string, string] => [g.code, `${g.name} (${g.code})`]));
      gemeentenLoaded = true;
    } catch (e) {
      $('pdok-progress').textContent = errorText(e);
    }
  });
  $('pdok-start').addEventListener('click', () => {
    const what = FETCHABLE.filter((w) => $<HTMLInputElement>(`pdok-${w}`).checked);
    if (what.length === 0) {
      $('pdok-progress').textContent = t('pdokNothing');
      return;
    }
    const byGemeente = $<HTMLInputElement>('pdok-by-gemeente').checked;
    void fetchPdok(ctx, {
      gemeente: byGemeente ? $<HTMLSelectElement>('pdok-gemeente').value : null,
      bbox: byGemeente ? null : $<HTMLInputElement>('pdok-bbox').value,
      what,
      refresh: $<HTMLInputElement>('pdok-refresh').checked,
    });
  });
  $('pdok-cancel').addEventListener('click', () => void api.cancelImport());
  window.locatiescoutFetchPdok = (request) => fetchPdok(ctx, request);
}
