// Flags: the selected site's history and form, flagging every shown site, and
// handing flags to another project (export, import).
import { api } from '../api';
import { $, fileName, status } from '../dom';
import { attempt } from '../errors';
import { FLAG_STATUSES, flagLabel, t } from '../i18n';
import { setFlagFilter, setFlags, whenReady } from '../map';
import type { Ctx } from '../store';
import { renderFlagHistory, renderFlagImport } from '../view/flags';
import { fillSelect } from '../view/select';

async function showFlagPanel(index: number): Promise<void> {
  const history = await api.flagHistory(index);
  renderFlagHistory($('flag-history'), history);
  const current = history[history.length - 1];
  $<HTMLSelectElement>('flag-status').value = current?.status ?? 'in_onderzoek';
  $('flag-panel').hidden = false;
}

export async function refreshFlags(ctx: Ctx): Promise<void> {
  const flags = await api.siteFlags();
  whenReady(ctx.map, () => setFlags(ctx.map, flags));
}

function flagSites(ctx: Ctx, indices: number[], flagStatus: string, note: string): Promise<void> {
  const author = $<HTMLInputElement>('flag-author').value.trim() || null;
  return attempt(async () => {
    const r = await api.flagSites(indices, flagStatus, note, author);
    status(t('flagged', { n: r.flagged }) + (r.skipped.length ? ` — ${r.skipped.join('; ')}` : ''));
    await Promise.all([ctx.emit('flags-changed'), refreshFlags(ctx)]);
    if (ctx.s.selected !== null) await showFlagPanel(ctx.s.selected);
  });
}

/** The status choices, in the language shown. */
export function fillFlagSelects(): void {
  const statuses = FLAG_STATUSES.map((k): [string, string] => [k, flagLabel(k)]);
  fillSelect($<HTMLSelectElement>('flag-filter'), [['', t('flagAll')], ['any', t('flagAny')], ['none', t('flagNone')], ...statuses]);
  fillSelect($<HTMLSelectElement>('flag-shown-status'), statuses);
  fillSelect($<HTMLSelectElement>('flag-status'), statuses);
}

const exportFlags = (path: string) =>
  attempt(async () => {
    const n = await api.flagsExport(path);
    status(t('flagsExported', { n, file: fileName(path) }));
  });

const importFlags = (ctx: Ctx, path: string) =>
  attempt(async () => {
    const r = await api.flagsImport(path);
    renderFlagImport($('flags-report'), r);
    $<HTMLDialogElement>('flags-dialog').showModal();
    await Promise.all([ctx.emit('flags-changed'), refreshFlags(ctx)]);
  });

export function wireFlags(ctx: Ctx): void {
  // The flag panel opens under the detail of the site shown.
  ctx.on('detail-shown', (index) => showFlagPanel(index));
  $('flag-filter').addEventListener('change', (e) => {
    const f = (e.target as HTMLSelectElement).value;
    whenReady(ctx.map, () => setFlagFilter(ctx.map, f));
  });
  $('flag-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (ctx.s.selected === null) return;
    const note = $<HTMLTextAreaElement>('flag-note');
    void flagSites(ctx, [ctx.s.selected], $<HTMLSelectElement>('flag-status').value, note.value).then(() => (note.value = ''));
  });
  $('flag-shown').addEventListener('click', () => {
    const indices = [...document.querySelectorAll<HTMLElement>('#list .row')].map((r) => Number(r.dataset.index));
    const st = $<HTMLSelectElement>('flag-shown-status').value;
    if (indices.length === 0 || !window.confirm(t('flagShownConfirm', { n: indices.length, status: flagLabel(st) }))) return;
    void flagSites(ctx, indices, st, '');
  });
  $('flags-export').addEventListener('click', async () => {
    const path = await api.pickSave(t('flagsExport'), 'flags', 'vlaggen.geojson').catch(() => null);
    if (path) await exportFlags(path);
  });
  $('flags-import').addEventListener('click', async () => {
    const path = await api.pickOpen(t('flagsImport'), 'flags').catch(() => null);
    if (path) await importFlags(ctx, path);
  });
  // The end-to-end test drives these directly: native file dialogs cannot be driven.
  window.locatiescoutFlagsExport = exportFlags;
  window.locatiescoutFlagsImport = (path) => importFlags(ctx, path);
}
