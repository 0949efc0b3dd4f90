// Reading files into the project: the field-mapping and congestion dialogs, the
// import with its progress bar, attribute tables joined to a layer, dropped files.
import { api, isApiError, type ColumnChoiceDto, type CongestionConfigDto, type FieldPreviewDto, type LayerKindDto, type OverlayChoice } from '../api';
import { $, fileName, status } from '../dom';
import { attempt, errorText, showError } from '../errors';
import { t } from '../i18n';
import type { Ctx } from '../store';
import { renderCongestionConfig, renderFieldMap, renderJoinReport, renderReport } from '../view/import';
import { chooseLayer } from './layerchoice';
import { kind, show } from './project';

/** A failed import says that the project kept its data. */
const importFailed = (e: unknown) => showError({ code: 'import', message: `${errorText(e)} ${t('keptData')}` }, t('importFailed'));

/** The field-mapping dialog; resolves with the choice, or `null` when the user cancels. */
function askMapping(p: FieldPreviewDto, purpose: 'import' | 'join' = 'import'): Promise<ColumnChoiceDto[] | null> {
  const current = renderFieldMap($('fieldmap'), p, purpose);
  const dialog = $<HTMLDialogElement>('fieldmap-dialog');
  return new Promise((resolve) => {
    const done = (v: ColumnChoiceDto[] | null) => {
      dialog.close();
      resolve(v);
    };
    $('fieldmap-import').onclick = () => {
      const c = current();
      if (c.twice.length === 0) done(c.choices);
    };
    $('fieldmap-cancel').onclick = () => done(null);
    dialog.oncancel = (e) => {
      e.preventDefault();
      done(null);
    };
    $('fieldmap-save').onclick = async () => {
      const c = current();
      if (c.twice.length > 0) return;
      const out = await api.pickSave(t('fieldmapSave'), 'fieldmap', 'veldkoppeling.toml').catch(() => null);
      if (!out) return;
      await attempt(async () => {
        await api.saveFieldMap(out, c.choices);
        status(t('fieldmapSaved', { file: fileName(out) }));
      });
    };
    dialog.showModal();
  });
}

/** The congestion import dialog; resolves with the config, or `null` when cancelled. */
function askCongestion(p: FieldPreviewDto, cfg: CongestionConfigDto): Promise<CongestionConfigDto | null> {
  const current = renderCongestionConfig($('congestion-config'), p, cfg);
  const dialog = $<HTMLDialogElement>('congestion-dialog');
  return new Promise((resolve) => {
    const done = (v: CongestionConfigDto | null) => {
      dialog.close();
      resolve(v);
    };
    $('congestion-import').onclick = () => done(current());
    $('congestion-cancel').onclick = () => done(null);
    dialog.oncancel = (e) => {
      e.preventDefault();
      done(null);
    };
    dialog.showModal();
  });
}

/** What to read a file with: the mapping the user chose, and whether its addresses
 * are to be looked up; `null` when the user cancelled or the preview failed. */
async function prepare(path: string, k: LayerKindDto): Promise<{ mapping: ColumnChoiceDto[] | null; geocode: boolean; layer: string | null } | null> {
  try {
    const layer = await chooseLayer(path);
    if (layer === undefined) {
      status(t('fieldmapCancelled'));
      return null;
    }
    if (k === 'listings') {
      $('message').hidden = true;
      const preview = await api.fieldPreview(path, k, layer);
      const mapping = await askMapping(preview);
      if (mapping === null) {
        status(t('fieldmapCancelled'));
        return null;
      }
      // A list with addresses and no coordinates: offer to look them up at PDOK.
      const fields = new Set(mapping.map((c) => c.field));
      const coordinates = ['x_rd', 'y_rd', 'lon', 'lat'].some((f) => fields.has(f));
      const geocode = path.toLowerCase().endsWith('.csv') && fields.has('address') && !coordinates && window.confirm(t('geocodeAsk', { n: preview.features }));
      return { mapping, geocode, layer };
    }
    if (k === 'congestion') {
      $('message').hidden = true;
      const [p, cfg] = await Promise.all([api.fieldPreview(path, k, layer), api.congestionConfig()]);
      const chosen = await askCongestion(p, cfg);
      if (chosen === null) {
        status(t('fieldmapCancelled'));
        return null;
      }
      await api.setCongestionConfig(chosen);
    }
    return { mapping: null, geocode: false, layer };
  } catch (e) {
    importFailed(e);
    return null;
  }
}

/** Listings go through the field-mapping dialog first, congestion areas through
 * their own settings; other layers use the default mapping. A failure leaves the
 * project as it was. */
export async function importFile(ctx: Ctx, path: string, k: LayerKindDto): Promise<void> {
  if (ctx.s.importing) return;
  const overlay = overlayChoice();
  if (overlay && !/^[a-z0-9_-]{1,40}$/.test(overlay.name)) {
    status(t('overlayNameBad'));
    return;
  }
  ctx.s.importing = true;
  try {
    // A named overlay is read without a field mapping, whatever the kind says.
    const how = await prepare(path, overlay ? 'overlay' : k);
    if (how) await read(ctx, path, overlay ? 'overlay' : k, how.mapping, how.geocode, how.layer, overlay);
  } finally {
    ctx.s.importing = false;
  }
}

/** Reads a file in Rust with a progress bar. */
async function read(
  ctx: Ctx,
  path: string,
  k: LayerKindDto,
  mapping: ColumnChoiceDto[] | null,
  geocode: boolean,
  layer: string | null,
  overlay: OverlayChoice | null = null,
): Promise<void> {
  const file = layer ? `${fileName(path)} (${layer})` : fileName(path);
  $('message').hidden = true;
  $('progress-label').textContent = t('importing', { file });
  const bar = $<HTMLProgressElement>('progress-bar');
  bar.value = 0;
  $('progress').hidden = false;
  try {
    const onProgress = (p: { bytes_done: number; bytes_total: number }) => {
      bar.value = p.bytes_total > 0 ? (100 * p.bytes_done) / p.bytes_total : 0;
    };
    const r = geocode ? await api.geocodeListings(path, mapping, onProgress) : await api.importLayer(path, k, mapping, layer, onProgress, overlay);
    bar.value = 100;
    await show(ctx, r.overview, k !== 'outline' && k !== 'overlay');
    renderReport($('report'), r.report);
    $<HTMLDialogElement>('report-dialog').showModal();
    status(t('imported', { file, n: r.report.imported }));
  } catch (e) {
    if (isApiError(e) && e.code === 'cancelled') status(t('cancelled'));
    else importFailed(e);
  } finally {
    $('progress').hidden = true;
  }
}

/** An attribute table joined to the listings on EAN, through the mapping dialog. */
const joinTable = (ctx: Ctx, path: string) =>
  attempt(async () => {
    const mapping = await askMapping(await api.fieldPreview(path, 'listings'), 'join');
    if (mapping === null) {
      status(t('fieldmapCancelled'));
      return;
    }
    const r = await api.joinListingsTable(path, mapping);
    await show(ctx, r.overview, false);
    renderJoinReport($('report'), r.report);
    $<HTMLDialogElement>('report-dialog').showModal();
  });

/** The name and role the user gave when "Overlaylaag" is the kind chosen; else `null`. */
export function overlayChoice(): OverlayChoice | null {
  if ($<HTMLSelectElement>('kind').value !== 'overlay') return null;
  const role = $<HTMLSelectElement>('overlay-role').value;
  return { name: $<HTMLInputElement>('overlay-name').value.trim(), role: role || null, title: null };
}

export function wireImport(ctx: Ctx): void {
  $('kind').addEventListener('change', () => {
    $('overlay-choice').hidden = $<HTMLSelectElement>('kind').value !== 'overlay';
  });
  $('open-file').addEventListener('click', () =>
    attempt(async () => {
      const path = await api.pickFile(t('openFile'));
      if (path) await importFile(ctx, path, kind());
    }),
  );
  $('cancel').addEventListener('click', () => void api.cancelImport());
  $('join-table').addEventListener('click', async () => {
    const path = await api.pickFile(t('joinTable')).catch(() => null);
    if (path) await joinTable(ctx, path);
  });
  $('join-congestion').addEventListener('click', async () => {
    const path = await api.pickFile(t('joinCongestion')).catch(() => null);
    if (!path) return;
    await attempt(async () => {
      const r = await api.joinCongestionTable(path);
      await show(ctx, r.overview, false);
      renderJoinReport($('report'), r.report);
      $<HTMLDialogElement>('report-dialog').showModal();
    });
  });
  // The end-to-end test opens files through here: a native file dialog cannot be driven.
  window.locatiescoutImport = (path, k) => importFile(ctx, path, k);
}

/** Files dropped on the window are read as the kind chosen. */
export async function wireDrop(ctx: Ctx): Promise<void> {
  try {
    await api.onFileDrop(
      (over) => {
        $('drop').hidden = !over;
        $('drop').textContent = t('dropHere', { kind: $<HTMLSelectElement>('kind').selectedOptions[0]?.textContent ?? '' });
      },
      (paths) => {
        if (paths[0]) void importFile(ctx, paths[0], kind());
      },
    );
  } catch {
    // Outside Tauri (tests, a plain browser) there is no drag-and-drop of paths.
  }
}
