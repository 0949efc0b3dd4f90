// The werkprogramma dialog: open it, add the chosen sites, save what the user
// typed (Rust refuses nonsense whole), and export the report.
import { api, type WerkprogrammaDto, type Werkprogramma } from '../api';
import { $, fileName, status } from '../dom';
import { attempt, errorText } from '../errors';
import { t } from '../i18n';
import type { Ctx } from '../store';
import { renderWerkprogramma } from '../werkprogramma';

/** Draws the werkprogramma in its dialog and opens it. */
function showWerkprogramma(ctx: Ctx, w: WerkprogrammaDto): void {
  ctx.s.lastWp = w;
  $('wp-error').hidden = true;
  renderWerkprogramma(
    $('wp'),
    w,
    (input) => void save(ctx, input),
    (ext) => void exportAs(ctx, ext),
  );
  const d = $<HTMLDialogElement>('wp-dialog');
  if (!d.open) {
    d.showModal();
    d.scrollTop = 0;
  }
}

/** Refused whole: say why, and keep what was typed on screen until the next change. */
const save = (ctx: Ctx, input: Werkprogramma) =>
  attempt(
    async () => {
      showWerkprogramma(ctx, await api.werkprogrammaSet(input));
      status(t('wpSaved'));
    },
    (e) => {
      $('wp-error').textContent = errorText(e);
      $('wp-error').hidden = false;
    },
  );

const exportTo = (path: string) =>
  attempt(async () => {
    const written = await api.werkprogrammaExport(path);
    status(t('wpExported', { file: fileName(written) }));
  });

async function exportAs(ctx: Ctx, ext: string): Promise<void> {
  const name = (ctx.s.lastWp?.input.gemeente || ctx.s.overview?.project.name || 'werkprogramma').replace(/[\\/:*?"<>|]/g, '_');
  const path = await api.pickSaveExport(t('wpExport'), ext, ext.toUpperCase(), `Werkprogramma ${name}.${ext}`).catch(() => null);
  if (path) await exportTo(path);
}

/** The sites chosen in the list join the werkprogramma. */
export const addChosen = (ctx: Ctx) =>
  attempt(async () => {
    const w = await api.werkprogrammaAdd([...ctx.s.chosen]);
    $<HTMLDialogElement>('compare-dialog').close();
    showWerkprogramma(ctx, w);
    status(t('wpAdded', { n: w.sites.length }));
  });

export function wireWerkprogramma(ctx: Ctx): void {
  $('wp-add').addEventListener('click', () => void addChosen(ctx));
  $('wp-open').addEventListener('click', () => attempt(async () => showWerkprogramma(ctx, await api.werkprogramma())));
  window.locatiescoutWerkprogrammaExport = exportTo;
}
